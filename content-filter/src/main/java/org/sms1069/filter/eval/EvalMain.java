package org.sms1069.filter.eval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.Verdict;

/**
 * {@code EvalMain FILE.tsv [--explain] [--max-false-block-rate R] [--min-recall R]
 * [--max-wrong-rate CATEGORY=R ...]}: runs the default filter over a labelled file. Messages
 * have no app context and no declared type (the filter infers it). The last line printed is
 * one JSON object; with thresholds the exit code is 3 when a target is missed.
 */
public final class EvalMain {

    private static final int EXIT_TARGET_MISSED = 3;
    private static final int WRONG_LINES_WITHOUT_EXPLAIN = 30;

    private EvalMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length == 0 || args[0].startsWith("--")) {
            out.println("usage: EvalMain FILE.tsv [--explain] [--max-false-block-rate R] [--min-recall R] [--max-wrong-rate CAT=R]");
            System.exit(2);
        }
        List<String> options = List.of(args).subList(1, args.length);
        boolean explain = options.contains("--explain");
        EvalThresholds thresholds = EvalThresholds.parse(options);

        LabelledFileReader.Contents contents = new LabelledFileReader().read(Path.of(args[0]));
        ContentFilter filter = ContentFilter.withDefaultRules();
        EvalReport report = new EvalReport();
        report.skipped(contents.skipped());
        long started = System.nanoTime();
        for (LabelledMessage message : contents.messages()) {
            report.record(message, filter.check(FilterMessage.untyped(message.text())));
        }
        long elapsedMs = Math.max(1, (System.nanoTime() - started) / 1_000_000);

        printSummary(out, args[0], report, elapsedMs, filter.rulesVersion());
        printMistakes(out, report, explain);
        List<String> failures = thresholds.failures(report);
        if (thresholds.any()) {
            out.println(failures.isEmpty() ? "CHECK PASSED" : "CHECK FAILED: " + String.join("; ", failures));
        }
        out.println(report.toJson());
        if (!failures.isEmpty()) {
            System.exit(EXIT_TARGET_MISSED);
        }
    }

    public static void printSummary(PrintStream out, String file, EvalReport report, long elapsedMs, String version) {
        out.printf(Locale.ROOT, "file %s, rules %s, %d messages (%d skipped) in %d ms%n",
                file, version, report.total(), report.skipped(), elapsedMs);
        out.printf(Locale.ROOT, "ALLOW: %d, false blocks %d (%.2f%%)%n", report.allow(), report.falseBlocks(),
                percent(report.falseBlocks(), report.allow()));
        out.printf(Locale.ROOT, "BLOCK: %d, missed %d (blocked %.2f%%)%n", report.block(), report.missed(),
                100 - percent(report.missed(), report.block()));
        report.categories().forEach((category, nWrong) -> out.printf(Locale.ROOT, "  %-15s n=%-5d wrong=%-4d (%.2f%%)%n",
                category, nWrong[0], nWrong[1], percent(nWrong[1], nWrong[0])));
    }

    public static void printMistakes(PrintStream out, EvalReport report, boolean explain) {
        List<EvalReport.Mistake> mistakes = report.mistakes();
        int shown = 0;
        for (EvalReport.Mistake mistake : mistakes) {
            if (!explain && shown == WRONG_LINES_WITHOUT_EXPLAIN) {
                out.printf("... %d more wrong lines (use --explain)%n", mistakes.size() - shown);
                break;
            }
            LabelledMessage m = mistake.message();
            Verdict v = mistake.verdict();
            String kind = m.expectBlock() ? "MISSED" : "FALSE BLOCK";
            out.printf(Locale.ROOT, "%s line %d [%s]: %s%n", kind, m.line(), m.category() == null ? "-" : m.category(),
                    explain ? m.text() : abbreviate(m.text()));
            if (explain) {
                out.println("    " + (v.blocked() ? v.reason() : "allowed; weak signals: " + describe(v.hits()))
                        + (v.score() == null ? "" : String.format(Locale.ROOT, " [model %s p=%.3f]",
                                v.score().modelVersion(), v.score().probability())));
            }
            shown++;
        }
    }

    private static String describe(List<RuleHit> hits) {
        if (hits.isEmpty()) {
            return "none";
        }
        return hits.stream().map(h -> h.ruleId() + "(" + h.weight() + ")" + (h.span() == null ? "" : "「" + h.span().matched() + "」"))
                .collect(Collectors.joining(" "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
