package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.lexicon.ModelThresholds;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.rules.VerdictDecider;
import org.sms1069.filter.score.ModelScore;
import org.sms1069.model.MessageType;

/**
 * With a model, the decision depends on the message type: a verification code is blocked only for
 * prohibited content or a very high marketing probability; reminders and notifications have their
 * own thresholds; the rules keep the last word for prohibited content and format.
 */
class MessageTypeThresholdTest {

    private static final FilterSettings SETTINGS = RuleSet.defaults().settings()
            .withModelThresholds(new ModelThresholds(0.5, 0.7, 0.95, 20));
    private static final VerdictDecider DECIDER = new VerdictDecider();

    private static Verdict decide(List<RuleHit> hits, MessageType type, double probability) {
        return DECIDER.decide(hits, type, SETTINGS, new ModelScore("m", probability, List.of()), true);
    }

    private static RuleHit hit(String id, Category category, int weight) {
        return new RuleHit(id, category, weight, null, id);
    }

    @Test
    void aVerificationCodeNeedsAVeryHighScore() {
        List<RuleHit> urgency = List.of(hit("MKT_URGENCY", Category.MARKETING, 6), hit("MKT_HOUSE", Category.MARKETING, 5));
        assertThat(decide(urgency, MessageType.VERIFICATION, 0.9).blocked()).isFalse();
        assertThat(decide(urgency, MessageType.NOTIFICATION, 0.9).blocked()).isTrue();
        Verdict veryHigh = decide(urgency, MessageType.VERIFICATION, 0.96);
        assertThat(veryHigh.blocked()).isTrue();
        assertThat(veryHigh.ruleIds()).contains(VerdictDecider.MODEL_RULE_ID);
    }

    @Test
    void strongRuleTermsDoNotBlockAVerificationCodeOnTheirOwn() {
        List<RuleHit> strong = List.of(hit("MKT_URGENCY", Category.MARKETING, 10), hit("MKT_PROMO", Category.MARKETING, 10));
        assertThat(decide(strong, MessageType.VERIFICATION, 0.1).blocked()).isFalse();
        assertThat(decide(strong, MessageType.NOTIFICATION, 0.1).blocked()).isTrue();
    }

    @Test
    void remindersAndNotificationsHaveTheirOwnThresholds() {
        assertThat(decide(List.of(), MessageType.NOTIFICATION, 0.6).blocked()).isTrue();
        assertThat(decide(List.of(), MessageType.REMINDER, 0.6).blocked()).isFalse();
        assertThat(decide(List.of(), MessageType.REMINDER, 0.7).blocked()).isTrue();
    }

    @Test
    void prohibitedContentAndFormatBlockWhateverTheModelSays() {
        Verdict prohibited = decide(List.of(hit("PRH_GAMBLING", Category.PROHIBITED, 10)), MessageType.VERIFICATION, 0.0);
        assertThat(prohibited.category()).isEqualTo(Category.PROHIBITED);
        Verdict format = decide(List.of(hit("FMT_LENGTH", Category.FORMAT, 10)), MessageType.NOTIFICATION, 0.99);
        assertThat(format.category()).isEqualTo(Category.FORMAT);
    }

    @Test
    void theShippedFilterPassesASinglePickUpCodeWithSalesLikeWords() {
        Verdict verdict = ContentFilterTestSupport.check(
                "【丰巢驿站】您的验证码 5821，仅限今日有效，用于确认取件，请勿告知他人。", MessageType.VERIFICATION);
        assertThat(verdict.blocked()).as(verdict.reason()).isFalse();
        assertThat(verdict.score()).isNotNull();
        assertThat(verdict.score().modelVersion()).isEqualTo(ContentFilterTestSupport.FILTER.modelVersion());
    }

    @Test
    void aModelBlockNamesTheNgramsThatPushedItWithSpans() {
        String text = "【青柚出行】好久不见！送您一份回归礼：5张打车券共计30元，7天内有效，打开青柚出行即可使用。";
        Verdict verdict = ContentFilterTestSupport.check(text, MessageType.NOTIFICATION);
        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.score().probability()).isBetween(0.0, 1.0);
        assertThat(verdict.spans()).allSatisfy(span -> assertThat(text.substring(span.start(), span.end())).isEqualTo(span.matched()));
    }
}
