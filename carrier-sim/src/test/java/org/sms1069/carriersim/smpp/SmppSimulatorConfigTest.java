package org.sms1069.carriersim.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SmppSimulatorConfigTest {

    @Test
    void defaultsSuitATest() {
        SmppSimulatorConfig config = SmppSimulatorConfig.builder().build();

        assertThat(config.port()).isZero();
        assertThat(config.tps()).isZero();
        assertThat(config.outcomes()).containsExactly(Map.entry("DELIVRD", 100));
        assertThat(config.receiptDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.messageIdFormat()).isEqualTo(MessageIdFormat.HEX);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(SmppSimulatorConfig.builder().password("s3cret").build().toString())
                .doesNotContain("s3cret").contains("password=***");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().port(70_000).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().password("ninechars").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().tps(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().maxWindow(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().receiptDelay(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmppSimulatorConfig.builder().outcomes(Map.of()).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seededMessageIdsRepeatAcrossRuns() {
        MessageIdGenerator first = new MessageIdGenerator(MessageIdFormat.HEX, 5L);
        MessageIdGenerator second = new MessageIdGenerator(MessageIdFormat.HEX, 5L);

        assertThat(first.next()).isEqualTo(second.next()).matches("[0-9A-F]{10}");
        assertThat(first.next()).isNotEqualTo(first.next());
    }
}
