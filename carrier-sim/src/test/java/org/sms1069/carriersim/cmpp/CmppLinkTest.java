package org.sms1069.carriersim.cmpp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's CMPP link against the CMPP simulator over real TCP. */
class CmppLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private CmppSimulator simulator(CmppSimulatorConfig config) {
        CmppSimulator sim = CmppSimulator.start(config);
        started.add(sim);
        return sim;
    }

    private LinkHarness harness() {
        LinkHarness harness = new LinkHarness(LinkHarness.fastSession());
        started.add(harness);
        return harness;
    }

    private CarrierLink link(LinkHarness harness, CmppSimulator sim, Protocol protocol, int connections, int window) {
        CarrierLink link = harness.start(LinkHarness.settings(protocol, sim.port(), sim.config().account(),
                sim.config().password(), connections, window, 1000));
        started.add(link);
        await().atMost(WAIT).until(() -> link.connectedConnections() == connections);
        return link;
    }

    private static SubmitResult result(CompletableFuture<SubmitResult> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void cmpp30SubmitIsAcceptedAndItsReportComesBackWithTheSameId() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(50), Map.of("DELIVRD", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("k1", "【示例】验证码 123456", 1, 1, "13800138000")).toCompletableFuture());

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        AcceptedSubmit submit = sim.awaitSubmits(1, WAIT).get(0);
        assertThat(submit.protocol()).isEqualTo("CMPP30");
        assertThat(submit.destinations()).containsExactly("13800138000");
        assertThat(submit.sourceAddr()).isEqualTo("1069012345688");
        assertThat(submit.serviceId()).isEqualTo("MXX0010101");
        assertThat(submit.format()).isEqualTo(8);
        assertThat(submit.registeredDelivery()).isEqualTo(1);
        assertThat(submit.text()).isEqualTo("【示例】验证码 123456");
        assertThat(submit.messageIds()).containsExactly(id);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        Receipt receipt = harness.receipts.get(0);
        assertThat(receipt.carrierMessageId()).isEqualTo(id);
        assertThat(receipt.stat()).isEqualTo("DELIVRD");
        assertThat(receipt.scope()).isEqualTo(link.settings().receiptScope());
    }

    @Test
    void cmpp20LinkSubmitsAndGetsReportsToo() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(50), Map.of("UNDELIV", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP20, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("k2", "hello", 1, 1, "13900139000")).toCompletableFuture());

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(sim.awaitSubmits(1, WAIT).get(0).protocol()).isEqualTo("CMPP20");
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts.get(0).stat()).isEqualTo("UNDELIV");
    }

    @Test
    void threePartMessageGoesOutWithUdhAndPkFields() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 2, 16);
        String[] parts = {"一".repeat(67), "二".repeat(67), "三".repeat(10)};

        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(link.submit(LinkHarness.part("long:" + i, parts[i], i + 1, 3, "13800138000")).toCompletableFuture());
        }
        for (CompletableFuture<SubmitResult> r : results) {
            assertThat(result(r)).isInstanceOf(SubmitResult.Accepted.class);
        }

        List<AcceptedSubmit> submits = new ArrayList<>(sim.awaitSubmits(3, WAIT));
        submits.sort((a, b) -> Integer.compare(a.number(), b.number()));
        assertThat(submits).allSatisfy(s -> {
            assertThat(s.total()).isEqualTo(3);
            assertThat(s.reference()).isEqualTo(0x42);
        });
        assertThat(submits.stream().map(AcceptedSubmit::text).toList()).containsExactly(parts);
    }

    @Test
    void batchedRecipientsGetConsecutiveIdsAndOneReportEach() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(20), Map.of("DELIVRD", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("batch", "通知", 1, 1,
                "13800138000", "13900139000", "13700137000")).toCompletableFuture());

        List<String> ids = ((SubmitResult.Accepted) result).carrierMessageIds();
        assertThat(ids).hasSize(3);
        assertThat(Long.parseUnsignedLong(ids.get(2)) - Long.parseUnsignedLong(ids.get(0))).isEqualTo(2);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 3);
        assertThat(harness.receipts.stream().map(Receipt::carrierMessageId)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void reportBeforeSubmitResponseStillArrives() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReportBeforeResponse(true));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("early", "早到的回执", 1, 1, "13800138000")).toCompletableFuture());

        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        assertThat(harness.receipts).extracting(Receipt::carrierMessageId).containsExactly(id);
    }

    @Test
    void wrongPasswordKeepsTheLinkDownAndRetriesWithBackoff() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = harness.start(LinkHarness.settings(Protocol.CMPP30, sim.port(), sim.config().account(),
                "wrong", 1, 16, 100));
        started.add(link);

        await().atMost(WAIT).until(() -> sim.counters().loginsRejected.get() >= 3);
        assertThat(link.connectedConnections()).isZero();
        assertThat(harness.meters.find("sms_link_logins_total").tag("result", "CMPP:3").counter().count()).isGreaterThanOrEqualTo(3);
        SubmitResult result = result(link.submit(LinkHarness.part("down", "x", 1, 1, "13800138000")).toCompletableFuture());
        assertThat(result).isEqualTo(new SubmitResult.Rejected(true, "LINK_DOWN", "no connection of link cmcc-t is logged in"));
    }

    @Test
    void droppedConnectionFailsTheWindowRetryablyAndNothingHeldIsDelivered() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);
        sim.stallResponses(true);

        List<CompletableFuture<SubmitResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(link.submit(LinkHarness.part("drop:" + i, "第" + i + "条", 1, 1, "1380013800" + i)).toCompletableFuture());
        }
        await().atMost(WAIT).until(() -> link.inFlight() == 5);
        sim.dropConnections();
        sim.stallResponses(false);

        for (CompletableFuture<SubmitResult> r : inFlight) {
            SubmitResult.Rejected rejected = (SubmitResult.Rejected) result(r);
            assertThat(rejected.retryable()).isTrue();
            assertThat(rejected.rawResult()).isEqualTo("LINK_DOWN");
        }
        assertThat(sim.submits()).isEmpty();
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);
        assertThat(result(link.submit(LinkHarness.part("again", "再来", 1, 1, "13800138000")).toCompletableFuture()))
                .isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void malformedDeliverIsAnsweredAndTheLinkStaysUp() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);
        int changes = harness.connectionChanges.get();

        sim.sendMalformedFrame();

        await().atMost(WAIT).until(() -> harness.sessionEvents("malformed_pdu") == 1);
        assertThat(harness.connectionChanges.get()).isEqualTo(changes);
        assertThat(result(link.submit(LinkHarness.part("after", "ok", 1, 1, "13800138000")).toCompletableFuture()))
                .isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void corruptStreamClosesTheConnectionAndTheLinkReconnects() {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        sim.sendCorruptFrame();

        await().atMost(WAIT).until(() -> sim.counters().loginsAccepted.get() == 2 && link.connectedConnections() == 1);
    }

    @Test
    void overTheCarriersRateIsFlowControlResult8AndRetryable() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withLimits(1, 64));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(link.submit(LinkHarness.part("tps:" + i, "x", 1, 1, "13800138000")).toCompletableFuture());
        }
        List<SubmitResult> answers = new ArrayList<>();
        for (CompletableFuture<SubmitResult> r : results) {
            answers.add(result(r));
        }
        assertThat(answers).contains(new SubmitResult.Rejected(true, "CMPP:8", "flow control: over the contracted rate"));
    }

    @Test
    void moIsHandedOnWithTheExtendedDestination() {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        link(harness, sim, Protocol.CMPP30, 1, 16);

        sim.injectMo("8613800138000", "1069012345688", "退订");

        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).phone()).isEqualTo("13800138000");
        assertThat(harness.mos.get(0).destination()).isEqualTo("1069012345688");
        assertThat(harness.mos.get(0).text()).isEqualTo("退订");
    }

    @Test
    void closeWaitsForAnswersInFlightThenTerminates() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);
        sim.stallResponses(true);
        CompletableFuture<SubmitResult> pending = link.submit(LinkHarness.part("drain", "x", 1, 1, "13800138000")).toCompletableFuture();
        await().atMost(WAIT).until(() -> link.inFlight() == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(link::close);
        Thread.sleep(300);
        assertThat(closing).isNotDone();
        sim.stallResponses(false);
        closing.get(10, TimeUnit.SECONDS);

        assertThat(result(pending)).isInstanceOf(SubmitResult.Accepted.class);
        await().atMost(WAIT).until(() -> sim.loggedInSessions() == 0);
    }
}
