package org.sms1069.api.callback;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's worked example, so that the documented scheme and the code cannot drift apart. */
class CallbackSignerTest {
    private static final String BODY = "{\"kind\":\"STATUS\",\"items\":[{\"callbackId\":17,\"messageId\":\"01M8H24F9Z7W1ZQEHFZB47Q1CS\","
            + "\"phone\":\"13800138000\",\"status\":\"DELIVERED\",\"carrier\":\"CMCC\",\"rawStat\":\"DELIVRD\",\"segments\":1,"
            + "\"clientRef\":\"order-42\",\"at\":\"2026-11-28T08:00:03Z\"}]}";

    @Test
    void signsTimestampNewlineBody() {
        assertThat(CallbackSigner.sign("demo-callback-secret", 1764331200L, BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("1019c44ee3d7c2e7a0ab3a3996ee685d81c4ae206a38ad864adc808a1ec645a3");
    }

    @Test
    void anyChangeChangesTheSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String signature = CallbackSigner.sign("demo-callback-secret", 1764331200L, body);
        assertThat(CallbackSigner.sign("demo-callback-secret", 1764331201L, body)).isNotEqualTo(signature);
        assertThat(CallbackSigner.sign("other-secret", 1764331200L, body)).isNotEqualTo(signature);
        body[body.length - 3] = 'X';
        assertThat(CallbackSigner.sign("demo-callback-secret", 1764331200L, body)).isNotEqualTo(signature);
    }
}
