package org.sms1069.carriersim.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jsmpp.bean.OptionalParameter.Message_state.Message_state_enum;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.receipt.DeliveryOutcome;

class SmppReceiptFormatTest {
    private static final Instant SUBMITTED = Instant.parse("2025-03-04T01:02:00Z");
    private static final Instant DONE = Instant.parse("2025-03-04T01:03:30Z");

    @Test
    void standardReceiptTextInChinaStandardTime() {
        String text = SmppReceiptFormat.text("0A1B2C3D4E", SUBMITTED, DONE, DeliveryOutcome.DELIVERED, "Your code is 123456, valid 5 min");

        assertThat(text).isEqualTo("id:0A1B2C3D4E sub:001 dlvrd:001 submit date:2503040902 done date:2503040903"
                + " stat:DELIVRD err:000 text:Your code is 123456,");
    }

    @Test
    void failedDeliveryAndNonAsciiExcerpt() {
        String text = SmppReceiptFormat.text("1", SUBMITTED, DONE, DeliveryOutcome.of("UNDELIV"), "【示例】abc");

        assertThat(text).endsWith("dlvrd:000 submit date:2503040902 done date:2503040903 stat:UNDELIV err:006 text:????abc");
    }

    @Test
    void messageStateFollowsTheStat() {
        assertThat(SmppReceiptFormat.messageState(DeliveryOutcome.DELIVERED)).isEqualTo(Message_state_enum.DELIVERED);
        assertThat(SmppReceiptFormat.messageState(DeliveryOutcome.of("EXPIRED"))).isEqualTo(Message_state_enum.EXPIRED);
        assertThat(SmppReceiptFormat.messageState(DeliveryOutcome.of("REJECTD"))).isEqualTo(Message_state_enum.REJECTED);
        assertThat(SmppReceiptFormat.messageState(DeliveryOutcome.of("MK:0001"))).isEqualTo(Message_state_enum.UNDELIVERABLE);
    }
}
