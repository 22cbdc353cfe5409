package org.sms1069.filter.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sms1069.filter.MatchedSpan;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer(new VariantRewriter(Map.of(
            "薇信", "微信", "vx", "微信", "扣扣", "qq", "youhui", "优惠", "菠菜", "博彩")));

    @Test
    void foldsFullWidthTraditionalAndCase() {
        NormalizedMessage m = normalizer.normalize("優惠ＡＢＣ１２３紅包");
        assertThat(m.folded().text()).isEqualTo("优惠abc123红包");
        assertThat(m.folded().length()).isEqualTo("優惠ＡＢＣ１２３紅包".length());
    }

    @Test
    void compactViewDropsSeparatorsEmojiAndZeroWidthChars() {
        String text = "优 惠*多\u200B多💥包-邮";
        NormalizedMessage m = normalizer.normalize(text);
        assertThat(m.compact().text()).isEqualTo("优惠多多包邮");
    }

    @Test
    void spansPointAtTheOriginalTextAcrossRemovedSeparators() {
        String text = "全场优 * 惠，快来";
        NormalizedMessage m = normalizer.normalize(text);
        int at = m.compact().text().indexOf("优惠");
        MatchedSpan span = m.compact().span(at, at + 2);
        assertThat(span.matched()).isEqualTo("优 * 惠");
        assertThat(text.substring(span.start(), span.end())).isEqualTo(span.matched());
    }

    @Test
    void rewritesSpamVariantsAndMapsTheWholeVariant() {
        String text = "加薇信或Ｖ Ｘ，扣扣同号，菠菜";
        NormalizedMessage m = normalizer.normalize(text);
        assertThat(m.compact().text()).isEqualTo("加微信或微信qq同号博彩");
        int at = m.compact().text().indexOf("微信", 2);
        assertThat(m.compact().span(at, at + 2).matched()).isEqualTo("Ｖ Ｘ");
    }

    @Test
    void rewritesPinyinOnlyWhenNotPartOfALongerLatinWord() {
        assertThat(normalizer.normalize("超值youhui价").compact().text()).isEqualTo("超值优惠价");
        assertThat(normalizer.normalize("myouhuix").compact().text()).isEqualTo("myouhuix");
    }

    @Test
    void linkViewReadsSpacedDotsAndIdeographicFullStops() {
        assertThat(normalizer.normalize("详情 dwz 。cn/kt66").links().text()).isEqualTo("详情dwz.cn/kt66");
        assertThat(normalizer.normalize("请查收。谢谢").links().text()).isEqualTo("请查收。谢谢");
    }

    @Test
    void normalisesTermsLikeMessages() {
        assertThat(normalizer.normalizeTerm("優 惠")).isEqualTo("优惠");
        assertThat(normalizer.normalizeTerm("薇信")).isEqualTo("微信");
    }
}
