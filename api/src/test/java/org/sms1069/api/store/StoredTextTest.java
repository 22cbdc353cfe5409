package org.sms1069.api.store;

import org.junit.jupiter.api.Test;
import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StoredTextTest {

    @Test
    void verificationCodesAreMaskedOnceSent() {
        assertThat(MessageStore.stored(message(MessageType.VERIFICATION, "【示例科技】您的验证码是482913，5分钟内有效。")))
                .isEqualTo("【示例科技】您的验证码是******，5分钟内有效。");
    }

    @Test
    void otherMessagesAreKeptAsSent() {
        String text = "【示例科技】您的订单 20261128 已发货。";
        assertThat(MessageStore.stored(message(MessageType.NOTIFICATION, text))).isEqualTo(text);
    }

    private static AcceptedMessage message(MessageType type, String text) {
        return new AcceptedMessage(AcceptedMessage.VERSION, "01M8H48EZ7ENDH7NGMVMRHCFGT", "app_1", type, "13800138000", text,
                "10690123456", 1, null, Instant.now(), Instant.now().plusSeconds(60), null);
    }
}
