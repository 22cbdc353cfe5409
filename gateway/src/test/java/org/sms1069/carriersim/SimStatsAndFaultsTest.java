package org.sms1069.carriersim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.smpp.SmppTestClient;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Protocol;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** /sim/stats and /sim/faults over HTTP, with the platform's side on real TCP: the gateway's CMPP link and a jsmpp client. */
@CarrierSimOnFreePorts
class SimStatsAndFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PHONE = "13900139000";

    @Autowired
    WebTestClient web;

    @Autowired
    SmppSimulator smppSimulator;

    @Autowired
    CmppSimulator cmppSimulator;

    private LinkHarness harness;
    private CarrierLink cmppLink;
    private SmppTestClient smppClient;

    @BeforeEach
    void connectAndReset() throws Exception {
        harness = new LinkHarness(LinkHarness.fastSession());
        cmppLink = harness.start(LinkHarness.settings(Protocol.CMPP30, cmppSimulator.port(),
                cmppSimulator.config().account(), cmppSimulator.config().password(), 1, 16, 1000));
        await().atMost(WAIT).until(() -> cmppLink.connectedConnections() == 1);
        smppClient = SmppTestClient.bind(smppSimulator, BindType.BIND_TRX);
        web.delete().uri("/sim/faults/flow-control").exchange().expectStatus().isNoContent();
        web.post().uri("/sim/stats/reset").exchange().expectStatus().isNoContent();
    }

    @AfterEach
    void disconnect() {
        smppClient.close();
        cmppLink.close();
        harness.close();
    }

    @Test
    void countsASecondSubmitOfTheSamePartAsDuplicateAcrossProtocols() throws Exception {
        assertThat(cmppSubmit("d1", "您的订单已发货")).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(cmppSubmit("d2", "您的订单已发货")).isInstanceOf(SubmitResult.Accepted.class); // resent
        assertThat(cmppSubmit("d3", "另一条通知")).isInstanceOf(SubmitResult.Accepted.class);
        // the simulator counts a submit once it has answered it: the SMPP copy must come after CMPP's is counted
        await().atMost(WAIT).untilAsserted(() -> web.get().uri("/sim/stats").exchange()
                .expectBody().jsonPath("$.protocols.cmpp.submits").isEqualTo(3));
        smppClient.submitUcs2("86" + PHONE, "另一条通知", 7); // the same part again, over SMPP, with +86

        await().atMost(WAIT).untilAsserted(() -> web.get().uri("/sim/stats").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.submits").isEqualTo(4)
                .jsonPath("$.distinctParts").isEqualTo(2)
                .jsonPath("$.duplicates").isEqualTo(2)
                .jsonPath("$.receiptsSent").isEqualTo(4)
                .jsonPath("$.moSent").isEqualTo(0)
                .jsonPath("$.protocols.cmpp.submits").isEqualTo(3)
                .jsonPath("$.protocols.cmpp.duplicates").isEqualTo(1)
                .jsonPath("$.protocols.smpp.duplicates").isEqualTo(1));
    }

    @Test
    void resetStartsCountingAfresh() throws Exception {
        assertThat(cmppSubmit("r1", "第一条")).isInstanceOf(SubmitResult.Accepted.class);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);

        web.post().uri("/sim/stats/reset").exchange().expectStatus().isNoContent();
        assertThat(cmppSubmit("r2", "第一条")).isInstanceOf(SubmitResult.Accepted.class);

        // the part seen before the reset is new again: one submit, no duplicate
        await().atMost(WAIT).untilAsserted(() -> web.get().uri("/sim/stats").exchange()
                .expectBody()
                .jsonPath("$.submits").isEqualTo(1)
                .jsonPath("$.distinctParts").isEqualTo(1)
                .jsonPath("$.duplicates").isEqualTo(0)
                .jsonPath("$.receiptsSent").isEqualTo(1));
    }

    @Test
    void dropLinksClosesEveryConnectionAndTheLinkComesBack() {
        double loginsBefore = logins();

        web.post().uri("/sim/faults/drop-links").exchange().expectStatus().isNoContent();

        await().atMost(WAIT).until(() -> smppClient.session().getSessionState() == SessionState.CLOSED);
        await().atMost(WAIT).until(() -> logins() > loginsBefore
                && cmppLink.connectedConnections() == 1);
    }

    @Test
    void flowControlAnswersTheProtocolsFlowControlResultWhileItLasts() throws Exception {
        web.post().uri("/sim/faults/flow-control?ratio=1&seconds=60").exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.ratio").isEqualTo(1.0);

        assertThatThrownBy(() -> smppClient.submitUcs2(PHONE, "限流中", 1))
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED));
        SubmitResult refused = cmppSubmit("f1", "限流中");
        assertThat(refused).isInstanceOfSatisfying(SubmitResult.Rejected.class,
                rejected -> assertThat(rejected.flowControl()).isTrue());

        web.delete().uri("/sim/faults/flow-control").exchange().expectStatus().isNoContent();
        assertThat(cmppSubmit("f2", "限流结束")).isInstanceOf(SubmitResult.Accepted.class);
        // the simulator counts a submit once its answer is written, which may be after the client has it
        await().atMost(WAIT).untilAsserted(() ->
                web.get().uri("/sim/stats").exchange().expectBody().jsonPath("$.submits").isEqualTo(1));
    }

    @Test
    void flowControlRefusesBadRatiosAndDurations() {
        web.post().uri("/sim/faults/flow-control?ratio=1.5&seconds=60").exchange().expectStatus().isBadRequest();
        web.post().uri("/sim/faults/flow-control?ratio=0.5&seconds=0").exchange().expectStatus().isBadRequest();
    }

    private double logins() {
        var counter = harness.meters.find("sms_link_logins_total").tag("result", "OK").counter();
        return counter == null ? 0 : counter.count();
    }

    private SubmitResult cmppSubmit(String key, String text) throws Exception {
        return cmppLink.submit(LinkHarness.part(key, text, 1, 1, PHONE)).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
