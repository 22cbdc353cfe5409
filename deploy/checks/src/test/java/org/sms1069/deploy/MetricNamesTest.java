package org.sms1069.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the alert rules and the dashboard name is registered by the code, and docs/metrics.md lists every
 * metric the code registers: a static check, reading the sources for the names given to Micrometer.
 */
class MetricNamesTest {
    /** A name given to Micrometer: the first string literal of counter(, timer(, Gauge.builder( and the like. */
    private static final Pattern REGISTERED = Pattern.compile("\"(sms[._][a-z0-9_.]+)\"");
    /** A series name in PromQL; not the middle of a recording rule's name (level:metric:operations). */
    private static final Pattern QUERIED = Pattern.compile("(?<![:\\w])(sms_[a-z0-9_]+)");
    /** What the Prometheus registry appends to a timer's or summary's name. */
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_bucket|_count|_sum|_max)?$");

    @Test
    void rulesAndDashboardNameOnlyRegisteredMetrics() {
        Set<String> registered = registered();
        Set<String> queried = new TreeSet<>();
        queried.addAll(names(QUERIED, Repo.read("deploy/prometheus/alerts.yml")));
        queried.addAll(names(QUERIED, Repo.read("deploy/grafana/sms-platform.json")));
        assertThat(queried).as("metrics named by the rules and the dashboard").hasSizeGreaterThan(20);
        Set<String> unknown = new TreeSet<>();
        for (String name : queried) {
            if (!registered.contains(name) && !registered.contains(SUFFIX.matcher(name).replaceFirst(""))) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("named by rules/dashboard but registered nowhere in the code").isEmpty();
    }

    @Test
    void catalogueListsEveryRegisteredMetric() {
        Set<String> documented = names(Pattern.compile("`(sms_[a-z0-9_]+)`"), Repo.read("docs/metrics.md"));
        assertThat(documented).as("metrics in docs/metrics.md").containsAll(registered());
        assertThat(registered()).as("metrics in docs/metrics.md that the code no longer registers")
                .containsAll(documented);
    }

    private static Set<String> registered() {
        Set<String> names = new TreeSet<>();
        for (Path source : Repo.mainSources()) {
            try {
                String text = Files.readString(source);
                Matcher m = REGISTERED.matcher(text);
                while (m.find()) {
                    String call = meterCall(text, m.start());
                    if (call != null) {
                        names.add(prometheusName(m.group(1), call));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static final Pattern METER_CALL = Pattern.compile("(?s).*?(counter|timer|gauge|summary|Gauge\\.builder"
            + "|Timer\\.builder|Counter\\.builder|DistributionSummary\\.builder|FunctionCounter\\.builder)"
            + "\\(\\s*(\\w+,\\s*)?$");

    /**
     * The Micrometer call whose name argument the literal at {@code at} is (a helper's {@code counter(registry, name}
     * too), or null for a Redis key or channel that starts with sms_.
     */
    private static String meterCall(String text, int at) {
        Matcher m = METER_CALL.matcher(text.substring(Math.max(0, at - 50), at));
        return m.matches() ? m.group(1) : null;
    }

    /** As the Prometheus registry exposes it: dots become underscores, a counter's name ends in _total. */
    private static String prometheusName(String name, String call) {
        String underscored = name.replace('.', '_');
        boolean counter = call.toLowerCase(Locale.ROOT).contains("counter");
        return counter && !underscored.endsWith("_total") ? underscored + "_total" : underscored;
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
