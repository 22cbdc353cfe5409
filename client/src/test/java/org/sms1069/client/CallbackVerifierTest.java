package org.sms1069.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's worked callback example ("Callbacks"), and what a receiver must refuse. */
class CallbackVerifierTest {
    private static final byte[] BODY = ("{\"kind\":\"STATUS\",\"items\":[{\"callbackId\":17,\"messageId\":\"01M8H24F9Z7W1ZQEHFZB47Q1CS\","
            + "\"phone\":\"13800138000\",\"status\":\"DELIVERED\",\"carrier\":\"CMCC\",\"rawStat\":\"DELIVRD\",\"segments\":1,"
            + "\"clientRef\":\"order-42\",\"at\":\"2026-11-28T08:00:03Z\"}]}").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "1019c44ee3d7c2e7a0ab3a3996ee685d81c4ae206a38ad864adc808a1ec645a3";

    private static CallbackVerifier at(long epochSecond) {
        return new CallbackVerifier("demo-callback-secret", CallbackVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    @Test
    void readmeExampleIsValid() {
        assertThat(at(1764331200L).expectedSignature(1764331200L, BODY)).isEqualTo(SIGNATURE);
        assertThat(at(1764331200L + 300).isValid("1764331200", SIGNATURE, BODY)).isTrue();
        assertThat(at(1764331200L - 300).isValid("1764331200", SIGNATURE.toUpperCase(), BODY)).isTrue();
    }

    @Test
    void tamperedStaleOrMissingIsRefused() {
        CallbackVerifier now = at(1764331200L);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = '4';
        assertThat(now.isValid("1764331200", SIGNATURE, tampered)).isFalse();
        assertThat(now.isValid("1764331201", SIGNATURE, BODY)).isFalse();
        assertThat(now.isValid(null, SIGNATURE, BODY)).isFalse();
        assertThat(now.isValid("1764331200", null, BODY)).isFalse();
        assertThat(now.isValid("-9223372036854775808", SIGNATURE, BODY)).isFalse();
        assertThat(at(1764331200L + 301).isValid("1764331200", SIGNATURE, BODY)).isFalse();
        assertThat(new CallbackVerifier("other").isValid("1764331200", SIGNATURE, BODY)).isFalse();
    }
}
