package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Latin lexicon terms match whole words; spaces between Latin words are not squeezed into new words. */
class LatinWordBoundaryTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "【云杉笔记】Please share this code with nobody. Code 4821.",
        "【云杉笔记】Your statement is ready, see the app.",
        "【云杉笔记】Method that worked: restart the router.",
        "【云杉笔记】您的会员 vipcard 已更新，编号 8812。"
    })
    void latinWordsAreNotGluedIntoTerms(String text) {
        assertThat(check(text).hits()).extracting(RuleHit::ruleId)
                .doesNotContain("PRH_CRYPTO_SOFT", "MKT_CONTACT");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ETH空投，新币上线",
        "买 eth 稳赚",
        "免费领 e t h 空投",
        "ＥＴＨ空投活动"
    })
    void wholeOrSpelledOutLatinTermsStillMatch(String text) {
        assertThat(check(text).hits()).extracting(RuleHit::ruleId).contains("PRH_CRYPTO_SOFT");
    }

    @Test
    void aLatinTermGluedToAChineseWordStillMatches() {
        assertThat(check("【潮鞋工厂】新品到货，加v了解详情").hits()).extracting(RuleHit::ruleId).contains("MKT_CONTACT");
    }
}
