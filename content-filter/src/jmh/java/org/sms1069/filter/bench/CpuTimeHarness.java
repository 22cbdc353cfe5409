package org.sms1069.filter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import org.sms1069.filter.ContentFilter;
import org.sms1069.filter.FilterMessage;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.normalize.NormalizedText;
import org.sms1069.filter.normalize.TextNormalizer;
import org.sms1069.filter.normalize.VariantRewriter;
import org.sms1069.filter.score.MarketingScorer;
import org.sms1069.filter.score.ModelText;

/**
 * Thread CPU time per message (not wall time, so a loaded machine distorts it less than JMH's
 * throughput): the rules alone, rules + marketing model, and the scorer alone, in paired rounds
 * over the messages of {@link ContentFilterBenchmark}.
 * {@code java -XX:+UseSerialGC -cp content-filter/target/benchmarks.jar org.sms1069.filter.bench.CpuTimeHarness}
 */
public final class CpuTimeHarness {

    private CpuTimeHarness() {
    }

    public static void main(String[] a) {
        String[] msgs = ContentFilterBenchmark.MESSAGES;
        FilterMessage[] m = new FilterMessage[msgs.length];
        for (int i = 0; i < m.length; i++) m[i] = FilterMessage.untyped(msgs[i]);
        ContentFilter rulesOnly = ContentFilter.load(RuleSet.defaults().withModel(null));
        ContentFilter withModel = ContentFilter.withDefaultRules();
        MarketingScorer scorer = new MarketingScorer(RuleSet.defaults().model());
        TextNormalizer norm = new TextNormalizer(new VariantRewriter(Map.of()));
        NormalizedText[] compact = new NormalizedText[msgs.length];
        for (int i = 0; i < msgs.length; i++) compact[i] = norm.normalize(msgs[i]).compact();
        ThreadMXBean t = ManagementFactory.getThreadMXBean();
        int n = 200_000;
        for (int round = 0; round < 7; round++) {
            long sink = 0;
            long c0 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) sink += rulesOnly.check(m[i % m.length]).ruleIds().size();
            long c1 = t.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) sink += withModel.check(m[i % m.length]).ruleIds().size();
            long c2 = t.getCurrentThreadCpuTime();
            double d = 0;
            for (int i = 0; i < n; i++) d += scorer.probability(ModelText.of(compact[i % m.length], -1, -1), List.of());
            long c3 = t.getCurrentThreadCpuTime();
            System.out.printf("round %d: rules only %.2f us, rules+model %.2f us, scorer alone %.3f us per message (%d %.1f)%n",
                round, (c1 - c0) / 1e3 / n, (c2 - c1) / 1e3 / n, (c3 - c2) / 1e3 / n, sink, d);
        }
    }
}
