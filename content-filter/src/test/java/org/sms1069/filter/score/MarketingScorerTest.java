package org.sms1069.filter.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sms1069.filter.Category;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.normalize.NormalizedText;
import org.sms1069.filter.normalize.TextNormalizer;
import org.sms1069.filter.normalize.VariantRewriter;

/** The run-time scorer against the trainer's feature vector, the model file format and the explanations. */
class MarketingScorerTest {

    private static final int BITS = 12;
    private static final TextNormalizer NORMALIZER = new TextNormalizer(new VariantRewriter(java.util.Map.of()));

    private static ModelText text(String original) {
        return ModelText.of(NORMALIZER.normalize(original).compact(), -1, -1);
    }

    private static MarketingModel randomModel(long seed) {
        Random random = new Random(seed);
        double[] weights = new double[1 << BITS];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.nextGaussian();
        }
        return MarketingModel.quantise("test-1", BITS, weights, 0.25, -1.5, 0.2);
    }

    @Test
    void theFastDotProductEqualsTheTrainersFeatureVector() {
        MarketingModel model = randomModel(7);
        MarketingScorer scorer = new MarketingScorer(model);
        NgramHasher hasher = new NgramHasher(BITS);
        double[] dequantised = new double[1 << BITS];
        for (int i = 0; i < dequantised.length; i++) {
            dequantised[i] = model.weight(i);
        }
        List<RuleHit> hits = List.of(new RuleHit("MKT_PROMO", Category.MARKETING, 10, null, "r"),
                new RuleHit("MKT_PROMO", Category.MARKETING, 10, null, "r"),
                new RuleHit("MKT_GIFT", Category.MARKETING, 6, null, "r"));
        for (String message : List.of("限时秒杀，全场5折", "Share this code: 4821", "a", "", "【店】满100减30 回T退订")) {
            ModelText text = text(message);
            double expected = model.bias() + FeatureVector.of(text, hits, hasher).dot(dequantised);
            assertThat(scorer.raw(text, hits)).as(message).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void theModelFileRoundTrips() throws IOException {
        MarketingModel model = randomModel(11);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        MarketingModel read = MarketingModel.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(read.version()).isEqualTo("test-1");
        assertThat(read.weights()).isEqualTo(model.weights());
        assertThat(read.probability(1.3)).isEqualTo(model.probability(1.3));
    }

    @Test
    void latinWordsStayApartAndDigitsReadAsTheCorpusMask() {
        ModelText text = text("Share this code 4821，优 惠");
        assertThat(text.substring(0, text.length())).isEqualTo("share this code xxxx优惠");
    }

    @Test
    void pushesNameReadableNgramsWithSpansOfTheOriginalText() {
        String original = "【橙光】全场優惠，满１００减３０，速来";
        NormalizedText compact = NORMALIZER.normalize(original).compact();
        ModelText text = ModelText.of(compact, 0, 4);
        ModelScore score = new MarketingScorer(randomModel(3)).explain(text, List.of());
        assertThat(score.pushes()).isNotEmpty().allSatisfy(push -> {
            MatchedSpan span = push.span();
            assertThat(original.substring(span.start(), span.end())).isEqualTo(span.matched());
            assertThat(span.start()).isGreaterThanOrEqualTo(4);
            assertThat(push.feature().length()).isGreaterThanOrEqualTo(2);
            assertThat(push.contribution()).isPositive();
        });
    }
}
