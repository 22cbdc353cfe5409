package org.sms1069.model.event;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundSubmitTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    private static final OutboundSubmit PART = new OutboundSubmit(OutboundSubmit.VERSION, "m-1:1:1", "cmcc-1", Carrier.CMCC,
            List.of(new Recipient("m-1", "13800138000")), "10690123456", 1, 1, 7, "【示例】您的验证码是123456", 1,
            NOW.plusSeconds(3600), null);

    @Test
    void aFailedAttemptAndAPartWaitingForALinkAreTheTwoKindsOfRetryRecord() {
        OutboundSubmit failed = PART.nextAttempt("m-1:1:2", PART.recipients(), NOW.plusSeconds(2), "CMPP:8", true);
        OutboundSubmit waiting = PART.parked(NOW.plusSeconds(5), "NO_HEALTHY_LINK", NOW);

        assertThat(failed.retryCause()).isEqualTo(OutboundSubmit.RetryCause.FAILED_ATTEMPT);
        assertThat(waiting.retryCause()).isEqualTo(OutboundSubmit.RetryCause.WAITING_FOR_LINK);
    }
}
