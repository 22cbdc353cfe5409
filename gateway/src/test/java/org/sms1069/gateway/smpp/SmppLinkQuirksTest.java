package org.sms1069.gateway.smpp;

import org.sms1069.carriersim.smpp.SmppQuirks;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.smpp.SmppSimulatorConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.ConnectionListener;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's SMPP link against the SMPP simulator over real TCP, with the SMSC behaviours of {@link SmppQuirks}. */
class SmppLinkQuirksTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final LinkHarness harness = new LinkHarness(LinkHarness.fastSession());
    private SmppSimulator sim;
    private SmppLink link;

    private void start(SmppQuirks quirks) {
        sim = SmppSimulator.start(SmppSimulatorConfig.builder().port(0).receiptDelay(Duration.ofMillis(50))
                .outcomes(Map.of("UNDELIV", 1)).seed(1L).build());
        sim.quirks(quirks);
        LinkSettings settings = new LinkSettings("intl-t", Carrier.INTL, Protocol.SMPP34, "127.0.0.1", sim.port(),
                SmppSimulatorConfig.DEFAULT_SYSTEM_ID, SmppSimulatorConfig.DEFAULT_PASSWORD, null, "10690123456", 1, 4,
                100, 100, 0, 0, null, null, null);
        link = new SmppLink(settings, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                harness, ConnectionListener.NONE, scheduler);
        link.start();
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);
    }

    @AfterEach
    void stop() {
        if (link != null) {
            link.close();
        }
        if (sim != null) {
            sim.close();
        }
        harness.close();
        scheduler.shutdownNow();
    }

    @Test
    void receiptsByTlvOnlyWithAnEnrouteFirst() throws Exception {
        start(new SmppQuirks(true, false, false, true));

        SubmitResult.Accepted accepted = (SubmitResult.Accepted) link.submit(LinkHarness.part("tlv", "通知", 1, 1,
                "+447700900001")).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> sim.counters().receiptsSent() >= 2);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo(accepted.carrierMessageIds().get(0));
            assertThat(r.stat()).isEqualTo("UNDELIV");
        });
        assertThat(harness.receipts).extracting(Receipt::stat).doesNotContain("ENROUTE", "UNKNOWN");
    }

    @Test
    void anMoInMessagePayloadFromAChineseSender() {
        start(new SmppQuirks(false, true, false, false));

        sim.injectMo("8613800138000", "10690123456", "这是一条很长的回复，放在 message_payload 里，不分段。".repeat(3));

        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).phone()).isEqualTo("13800138000");
        assertThat(harness.mos.get(0).text()).isEqualTo("这是一条很长的回复，放在 message_payload 里，不分段。".repeat(3));
    }

    @Test
    void anMoInTheGsmDefaultAlphabet() {
        start(new SmppQuirks(false, false, true, false));

        sim.injectMo("447700900001", "10690123456", "Price: 5€ @home_[ok]");

        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).text()).isEqualTo("Price: 5€ @home_[ok]");
    }
}
