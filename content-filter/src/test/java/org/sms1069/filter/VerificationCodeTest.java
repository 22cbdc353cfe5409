package org.sms1069.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.filter.ContentFilterTestSupport.FILTER;
import static org.sms1069.filter.ContentFilterTestSupport.check;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sms1069.model.MessageType;

class VerificationCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "【云杉笔记】您的验证码是 482913，5分钟内有效，请勿泄露。",
        "【云杉笔记】验证码：A7K2，10分钟内有效。",
        "【云杉笔记】Your verification code is 9F3K2M. 验证码10分钟内有效。",
        "【云杉笔记】校验码 60218（有效期10分钟），客服电话400-820-3366。",
        "【云杉笔记】动态码836207，工作人员和公检法机关不会向您索要动态码，切勿告知他人。"
    })
    void allowsACleanCodeMessage(String text) {
        assertThat(FILTER.inferType(text)).isEqualTo(MessageType.VERIFICATION);
        Verdict verdict = check(text);
        assertThat(verdict.decision()).as(verdict.reason()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void infersNotificationWhenThereIsNoCodeWord() {
        assertThat(FILTER.inferType("【云杉笔记】您的取件码 6021，请及时领取。")).isEqualTo(MessageType.NOTIFICATION);
    }

    @Test
    void blocksAVerificationMessageWithoutACode() {
        Verdict verdict = check("【云杉笔记】请输入验证码完成登录。", MessageType.VERIFICATION);
        assertThat(verdict.ruleIds()).containsExactly("FMT_VERIFY_CODE_COUNT");
    }

    @Test
    void blocksTwoCodes() {
        Verdict verdict = check("【云杉笔记】验证码 4821 或 7732，5分钟内有效。", MessageType.VERIFICATION);
        assertThat(verdict.category()).isEqualTo(Category.FORMAT);
        assertThat(verdict.spans()).extracting(MatchedSpan::matched).containsExactly("4821", "7732");
    }

    @Test
    void blocksALinkInACodeMessage() {
        Verdict verdict = check("【云杉笔记】验证码 4821，登录 yunshan.com 完成验证。", MessageType.VERIFICATION);
        assertThat(verdict.ruleIds()).contains("LINK_IN_VERIFICATION");
    }

    @Test
    void blocksAMarketingTailThatWouldPassElsewhere() {
        Verdict verdict = check("【云杉笔记】验证码 4821，5分钟内有效。新用户专享，欢迎到店体验。");
        assertThat(verdict.decision()).isEqualTo(Decision.BLOCK);
        assertThat(verdict.category()).isEqualTo(Category.MARKETING);
    }
}
