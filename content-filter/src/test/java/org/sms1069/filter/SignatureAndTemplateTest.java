package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.FILTER;
import static org.sms1069.filter.ContentFilterTestSupport.check;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.model.MessageType;

class SignatureAndTemplateTest {

    private static final AppContext APP = new AppContext(
            Set.of("青禾银行"),
            List.of("【青禾银行】您的验证码是${code}，5分钟内有效。", "您尾号${tail}的账户收到${amount}元，详情见 https://m.qinghe.com/b/${id}"),
            Set.of("qinghe.com"));

    private static Verdict checkWithApp(String text, MessageType type) {
        return FILTER.check(new FilterMessage(text, type, APP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"【测试】您的订单已发货。", "【Test】您的订单已发货。", "【a】您的订单已发货。",
        "【青禾 银行】您的订单已发货。", "【一二三四五六七八九十一二三】您的订单已发货。", "【青禾银行】您的订单【已发货】。"})
    void rejectsBadSignatureFormatEvenWithoutContext(String text) {
        Verdict verdict = check(text, MessageType.NOTIFICATION);
        assertThat(verdict.decision()).as(text).isEqualTo(Decision.BLOCK);
        assertThat(verdict.category()).isEqualTo(Category.FORMAT);
    }

    @Test
    void acceptsASignatureAtTheEnd() {
        assertThat(check("您的订单已发货。【青禾商城】", MessageType.NOTIFICATION).blocked()).isFalse();
    }

    @Test
    void checksRegistrationOnlyWithAContext() {
        String text = "【橘子商城】您的验证码是4821，5分钟内有效。";
        assertThat(check(text, MessageType.VERIFICATION).blocked()).isFalse();
        assertThat(checkWithApp(text, MessageType.VERIFICATION).ruleIds()).contains("FMT_SIGNATURE_UNREGISTERED");
        assertThat(checkWithApp("您的验证码是4821，5分钟内有效。", MessageType.VERIFICATION).ruleIds())
                .contains("FMT_SIGNATURE_MISSING");
    }

    @Test
    void acceptsTextThatFollowsAnApprovedTemplate() {
        assertThat(checkWithApp("【青禾银行】您的验证码是4821，5分钟内有效。", MessageType.VERIFICATION).blocked()).isFalse();
        Verdict withLink = checkWithApp("【青禾银行】您尾号6621的账户收到500.00元，详情见 https://m.qinghe.com/b/77", MessageType.NOTIFICATION);
        assertThat(withLink.decision()).as(withLink.reason()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void blocksTextThatFollowsNoTemplate() {
        Verdict verdict = checkWithApp("【青禾银行】您的验证码是4821，10分钟内有效。", MessageType.VERIFICATION);
        assertThat(verdict.ruleIds()).containsExactly("FMT_TEMPLATE_MISMATCH");
    }

    @Test
    void blocksALinkSmuggledInAVariable() {
        Verdict verdict = checkWithApp("【青禾银行】您尾号6621的账户收到500元 点击 abc.top 领取的账户收到1元，详情见 https://m.qinghe.com/b/1",
                MessageType.NOTIFICATION);
        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.ruleIds()).contains("LINK_UNFILED");
    }

    @Test
    void blocksMarketingSmuggledInAVariable() {
        Verdict verdict = checkWithApp("【青禾银行】您尾号6621的账户收到秒杀价9的账户收到1元，详情见 https://m.qinghe.com/b/1",
                MessageType.NOTIFICATION);
        assertThat(verdict.blocked()).isTrue();
        assertThat(verdict.ruleIds()).contains("TEMPLATE_VAR_CONTENT");
    }

    @Test
    void blocksShortenersAlways() {
        Verdict verdict = check("【青禾银行】您的账单已出，详情 t.cn/Ab12", MessageType.NOTIFICATION);
        assertThat(verdict.ruleIds()).contains("LINK_SHORTENER");
        assertThat(verdict.spans()).extracting(MatchedSpan::matched).contains("t.cn/Ab12");
    }

    @Test
    void blocksUnfiledDomainsWhenTheAppFiledSome() {
        Verdict verdict = FILTER.check(new FilterMessage("【青禾银行】您尾号6621的账户收到500元，详情见 https://evil.example.com/x",
                MessageType.NOTIFICATION, new AppContext(Set.of("青禾银行"), List.of(), Set.of("qinghe.com"))));
        assertThat(verdict.ruleIds()).contains("LINK_UNFILED");
    }
}
