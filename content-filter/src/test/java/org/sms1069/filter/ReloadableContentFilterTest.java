package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.lexicon.RuleSetLoader;

class ReloadableContentFilterTest {

    private static final String SETTINGS = """
            block.score=10
            verification.block.score=5
            max.length=500
            link.shorteners=t.cn
            link.top-level-domains=com,cn
            signature.test-names=测试
            """;

    private static RuleSet rules(String lexiconRows) {
        return RuleSetLoader.fromText("t1", lexiconRows, "", "", SETTINGS);
    }

    @Test
    void swapsRulesWithoutRestart() {
        ReloadableContentFilter filter = new ReloadableContentFilter(ContentFilter.load(rules("")));
        FilterMessage message = FilterMessage.untyped("【青禾书店】新书到货");
        assertThat(filter.check(message).blocked()).isFalse();

        filter.reload(rules("BOOK_PROMO\tMARKETING\t10\t新书到货\t-\t-\t测试用营销词\n"));

        Verdict verdict = filter.check(message);
        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.ruleIds()).isEqualTo(List.of("BOOK_PROMO"));
        assertThat(filter.current().rulesVersion()).isEqualTo("t1");
    }

    @Test
    void keepsTheOldRulesWhenNewOnesDoNotLoad() {
        ReloadableContentFilter filter = new ReloadableContentFilter(ContentFilter.load(rules("")));
        ContentFilter before = filter.current();
        assertThatThrownBy(() -> filter.reload(rules("BAD\tNOT_A_CATEGORY\t10\tx\t-\t-\tr\n")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lexicon-t1.tsv:1");
        assertThat(filter.current()).isSameAs(before);
    }

    @Test
    void shippedRulesLoad() {
        RuleSet defaults = RuleSet.defaults();
        assertThat(defaults.lexicon()).hasSizeGreaterThan(40);
        assertThat(defaults.patterns()).isNotEmpty();
        assertThat(defaults.variants()).containsEntry("薇信", "微信");
        assertThat(defaults.settings().shortenerDomains()).contains("t.cn", "dwz.cn", "url.cn", "suo.im", "bit.ly");
        assertThat("rules".getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
}
