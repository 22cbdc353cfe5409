package org.sms1069.filter.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.normalize.NormalizedText;
import org.sms1069.filter.normalize.TextNormalizer;
import org.sms1069.filter.normalize.VariantRewriter;
import org.sms1069.filter.score.MarketingScorer;
import org.sms1069.filter.score.ModelText;

/**
 * The marketing model's share of a check, on one thread: building the model text from the compact
 * view (already made for the rules) and the hashed n-gram dot product with calibration, over the
 * messages of {@link ContentFilterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class MarketingScorerBenchmark {

    private MarketingScorer scorer;
    private NormalizedText[] compact;
    private int next;

    @Setup
    public void setUp() {
        scorer = new MarketingScorer(RuleSet.defaults().model());
        TextNormalizer normalizer = new TextNormalizer(new VariantRewriter(Map.of()));
        compact = new NormalizedText[ContentFilterBenchmark.MESSAGES.length];
        for (int i = 0; i < compact.length; i++) {
            compact[i] = normalizer.normalize(ContentFilterBenchmark.MESSAGES[i]).compact();
        }
    }

    @Benchmark
    public double score() {
        NormalizedText text = compact[next];
        next = next + 1 == compact.length ? 0 : next + 1;
        return scorer.probability(ModelText.of(text, -1, -1), List.<RuleHit>of());
    }
}
