package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spellings that spammers use to slip past keyword lists: each must still be blocked. */
class EvasionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "【橙光超市】优 惠 多 多，满 1 0 0 减 2 0",
        "【橙光超市】优*惠*大*放*送，全场特价",
        "【橙光超市】優惠活動，全場滿200減50",
        "【橙光超市】全场满１００减３０，限时抢购",
        "【橙光超市】秒\u200B杀\u200B开\u200B始，限量100份",
        "【橙光超市】💥限💥时💥秒💥杀💥",
        "【潮鞋工厂】youhui价99元，包you，加wx：shoes88",
        "【橙光超市】hongbao已发放，领取无门槛hongbao",
        "【潮鞋工厂】新款到货，加 V 信 shoes88 了解",
        "【潮鞋工厂】新款到货，加扣扣 12345678 了解",
        "【潮鞋工厂】新款上市，下单链接：t 。cn/A6Lz9k"
    })
    void seesThroughMarketingDisguises(String text) {
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.BLOCK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "菠菜平台新开，注册就送58元彩金",
        "贷 款 急 用 钱？黑 户 可 贷",
        "代K发票，加薇信 hd8989",
        "菠菜平台新开，体育电竞全覆盖",
        "線上娛樂城，百家樂真人荷官"
    })
    void seesThroughProhibitedDisguises(String text) {
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.category()).isEqualTo(Category.PROHIBITED);
    }
}
