package org.sms1069.gateway.config;

import org.junit.jupiter.api.Test;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.TestInfra;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** {@code sms.receipt-repeat-ttl}: a received part is kept for the carrier's repeats, within the receipt TTL. */
class ReceiptRepeatTtlTest {

    private static GatewayProperties with(Duration receiptTtl, Duration receiptRepeatTtl) {
        LinkSettings link = new LinkSettings("cmcc-1", Carrier.CMCC, Protocol.CMPP30, "127.0.0.1", 7890, "901234", "pw",
                null, "10690123456", 1, 16, 100, 100, 0, 0, null, null, null);
        return new GatewayProperties("10690123456", List.of(link), KafkaSettings.of("127.0.0.1:9092", TestInfra.randomKey()),
                new GatewayProperties.Redis("redis://127.0.0.1"), receiptTtl, Duration.ofHours(1), receiptRepeatTtl,
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofSeconds(15), new GatewayProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
                new GatewayProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    @Test
    void aRepeatWindowShorterThanTheDoneMarkersIsAccepted() {
        assertThat(with(Duration.ofHours(72), Duration.ofMinutes(15)).receiptRepeatTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aRepeatWindowBeyondTheReceiptTtlOrUnderAMinuteStopsTheStart() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofHours(1), Duration.ofHours(2)))
                .withMessageContaining("sms.receipt-repeat-ttl");
        assertThatIllegalArgumentException().isThrownBy(() -> with(Duration.ofHours(72), Duration.ofSeconds(30)))
                .withMessageContaining("sms.receipt-repeat-ttl");
    }
}
