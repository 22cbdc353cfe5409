package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.check;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sms1069.model.MessageType;

class ContentFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "【青禾银行】您尾号6621的储蓄卡于3月2日10:15转入人民币500.00元，当前余额3,210.40元。",
        "【蓝莓快递】您的包裹已到达朝阳驿站，取件码 8-2-3301，请于今日20:00前领取。",
        "【晴天体育】您已成功报名“春季亲子跑”活动，集合时间4月6日7:30，地点奥森南门。",
        "【橙光超市】您本次消费获得积分32，当前积分1,208，积分可在会员中心查看。",
        "【蜂鸟出行】本次行程车费31.50元，已使用优惠券抵扣5.00元，实付26.50元。",
        "【云朵燃气】您户号2207713的燃气费余额不足10元，请及时缴费，以免影响使用。",
        "【长河市气象台】今夜有大雨，请市民减少外出，注意出行安全。",
        "【长河市反诈中心】刷单返利、无抵押秒到账的网络贷款都是诈骗，请勿相信。"
    })
    void allowsOrdinaryServiceMessages(String text) {
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "【橙光超市】周末大促，全场满199减50，回T退订",
        "【蜂鸟出行】送您3张打车券，打开APP即可领取！",
        "【晴天鞋业】新款运动鞋特价99元，包邮到家，速来抢购",
        "【晴天鞋业】会员日全场8折，欢迎到店选购",
        "【某某教育】暑期班火热招生，名师一对一辅导，报名立减300元，咨询电话0571-88886666",
        "【云朵直播】今晚8点直播间宠粉福利，1元秒杀！"
    })
    void blocksMarketing(String text) {
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.category()).isEqualTo(Category.MARKETING);
        assertThat(verdict.ruleIds()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "真人荷官百家乐，首存即送彩金，网址 abc888.vip",
        "无抵押信用贷款，黑户可贷，当天放款",
        "专业代开发票，可验证后付款",
        "信用卡套现，费率低，秒到账",
        "网络刷单兼职，一单一结，日赚300",
        "出售全国车主手机号码数据，精准营销",
        "【客服中心】您的账户已被冻结，请点击 kf-jd.top 重新认证"
    })
    void blocksProhibitedContent(String text) {
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.category()).isEqualTo(Category.PROHIBITED);
    }

    @Test
    void everyBlockNamesItsRulesSpansAndReason() {
        String text = "【橙光超市】全场满100减30，回T退订";
        Verdict verdict = check(text);
        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.ruleIds()).contains("MKT_FULL_REDUCTION", "MKT_OPT_OUT");
        assertThat(verdict.reason()).contains("MKT_OPT_OUT");
        assertThat(verdict.spans()).allSatisfy(span ->
                assertThat(text.substring(span.start(), span.end())).isEqualTo(span.matched()));
        assertThat(verdict.spans()).extracting(MatchedSpan::matched).contains("回T退订");
    }

    @Test
    void isDeterministicAcrossCallsAndInstances() {
        String text = "【橙光超市】限时秒杀，加薇信 abc123 领红包，详情 t.cn/xyz";
        Verdict first = check(text);
        for (int i = 0; i < 20; i++) {
            assertThat(check(text)).isEqualTo(first);
        }
        assertThat(ContentFilter.withDefaultRules().check(FilterMessage.untyped(text))).isEqualTo(first);
    }

    @Test
    void enforcesTheLengthLimitWithTheSignature() {
        String text = "【青禾银行】" + "您的账户信息已更新。".repeat(60);
        Verdict verdict = check(text, MessageType.NOTIFICATION);
        assertThat(verdict.category()).isEqualTo(Category.FORMAT);
        assertThat(verdict.ruleIds()).containsExactly("FMT_LENGTH");
    }

    @Test
    void usesTheDeclaredTypeWhenGiven() {
        String text = "【青禾银行】您的动态码 1234 和 5678，5分钟内有效。";
        assertThat(check(text, MessageType.NOTIFICATION).blocked()).isFalse();
        assertThat(check(text, MessageType.VERIFICATION).ruleIds()).contains("FMT_VERIFY_CODE_COUNT");
    }
}
