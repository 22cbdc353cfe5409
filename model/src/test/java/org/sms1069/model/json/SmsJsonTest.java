package org.sms1069.model.json;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageIds;
import org.sms1069.model.event.StatusEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsJsonTest {

    @Test
    void statusEventRoundTripsWithIsoInstants() {
        StatusEvent event = new StatusEvent(StatusEvent.VERSION, MessageIds.next(), "13800138000", 1, 1,
                MessageStatus.DELIVERED, Carrier.CMCC, "cmcc-1", "1234", "DELIVRD", null,
                Instant.parse("2026-11-28T12:00:00Z"));
        byte[] json = SmsJson.write(event);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"at\":\"2026-11-28T12:00:00Z\"");
        assertThat(SmsJson.read(json, StatusEvent.class)).isEqualTo(event);
    }

    @Test
    void malformedValueIsAnIllegalArgument() {
        assertThatThrownBy(() -> SmsJson.read("{not json".getBytes(StandardCharsets.UTF_8), StatusEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed StatusEvent");
    }

    @Test
    void messageIdsAreWellFormedAndDistinct() {
        String a = MessageIds.next();
        String b = MessageIds.next();
        assertThat(a).isNotEqualTo(b);
        assertThat(MessageIds.isWellFormed(a)).isTrue();
        assertThat(MessageIds.isWellFormed("../etc/passwd")).isFalse();
    }
}
