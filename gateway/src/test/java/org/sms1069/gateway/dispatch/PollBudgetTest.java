package org.sms1069.gateway.dispatch;

import org.junit.jupiter.api.Test;
import org.sms1069.gateway.config.GatewayProperties;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.testkit.TestInfra;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PollBudgetTest {
    private static final GatewayProperties GATEWAY = new GatewayProperties("10690123456", List.of(link(Protocol.CMPP30, 2, 16, 200)),
            KafkaSettings.of("127.0.0.1:9092", TestInfra.randomKey()), new GatewayProperties.Redis("redis://127.0.0.1"),
            Duration.ofHours(72), Duration.ofHours(1), Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(15), new GatewayProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)),
            new GatewayProperties.Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)));

    private static LinkSettings link(Protocol protocol, int connections, int window, int tps) {
        return new LinkSettings("l-1", Carrier.CMCC, protocol, "127.0.0.1", 7890, "901234", "pw", "MXX0010101",
                "10690123456", connections, window, tps, 100, 3027012345L, protocol == Protocol.SGIP12 ? 8802 : 0, null, null, null);
    }

    @Test
    void aPollOfTwoWindowFullsWaitingTheFullDeadlineFitsTheInterval() {
        // defaults: T = 60 s, N = 3 → 240 s per submit; 64 records at 100 TPS (an instance with one of the two
        // connection slots gets half the link's 200) → 640 ms of pacing
        PollBudget budget = PollBudget.of(link(Protocol.CMPP30, 2, 16, 200), GATEWAY, SessionProperties.defaults());

        assertThat(budget.maxPollRecords()).isEqualTo(64);
        assertThat(budget.maxPollInterval()).isEqualTo(Duration.ofSeconds(480 + 60).plusMillis(640));
    }

    @Test
    void smppHasOneTryAndSgipMayHaveToBindFirst() {
        assertThat(PollBudget.of(link(Protocol.SMPP34, 1, 10, 100), GATEWAY, SessionProperties.defaults()).maxPollInterval())
                .isEqualTo(Duration.ofSeconds(2 * 30 + 60).plusMillis(200));
        assertThat(PollBudget.of(link(Protocol.SGIP12, 1, 10, 100), GATEWAY, SessionProperties.defaults()).maxPollInterval())
                .isEqualTo(Duration.ofSeconds(2 * (240 + 20) + 60).plusMillis(200));
    }

    @Test
    void timeoutsThatMakeAPollTooLongStopTheStart() {
        SessionProperties patient = new SessionProperties(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5), 3,
                Duration.ofSeconds(30), 3, Duration.ofSeconds(30), Duration.ofSeconds(5), 8192);

        assertThatIllegalStateException().isThrownBy(() -> PollBudget.of(link(Protocol.CMPP30, 1, 16, 100), GATEWAY, patient))
                .withMessageContaining("sms.links[l-1]").withMessageContaining("response-timeout");
    }
}
