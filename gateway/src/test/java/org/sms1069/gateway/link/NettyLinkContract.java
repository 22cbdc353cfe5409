package org.sms1069.gateway.link;

import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.SimBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.netty.OnDemandMo;
import org.sms1069.gateway.dlr.CarrierIds;
import org.sms1069.gateway.dlr.Correlation;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every Netty protocol's gateway link must do against its simulator over real TCP: submit and get the
 * report back under the same id, long messages, reports before the answer, refused logins, dropped
 * connections, malformed frames, flow control, MO and a graceful close. A protocol supplies the wiring.
 */
public abstract class NettyLinkContract {
    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** Starts the protocol's simulator with these behaviours and its default login. */
    protected abstract NettySimulator<?, ?> simulator(SimBehaviour behaviour);

    /** A link to {@code sim}; {@code password} null means the simulator's own. */
    protected abstract LinkSettings settings(NettySimulator<?, ?> sim, String password, int connections, int window, int tps);

    /** The protocol's raw results for a refused login and for a submit over the carrier's rate. */
    protected abstract RawResults rawResults();

    /**
     * @param loginRefused the raw result of a refused login, e.g. "SMGP:21"
     * @param flowControl  the submit result over the carrier's rate, e.g. "SMGP:1"
     * @param notKept      how the simulator names our answer to a DELIVER we could not keep, e.g. "status 1"
     */
    public record RawResults(String loginRefused, String flowControl, String notKept) {
    }

    protected final <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    protected final NettySimulator<?, ?> start(SimBehaviour behaviour) {
        return track(simulator(behaviour));
    }

    protected final LinkHarness harness() {
        return track(new LinkHarness(LinkHarness.fastSession()));
    }

    protected final CarrierLink link(LinkHarness harness, NettySimulator<?, ?> sim, int connections) {
        CarrierLink link = track(harness.start(settings(sim, null, connections, 16, 1000)));
        await().atMost(WAIT).until(() -> link.connectedConnections() == connections);
        return link;
    }

    protected static SubmitResult result(java.util.concurrent.CompletionStage<SubmitResult> future) throws Exception {
        return future.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static SimBehaviour receipts(String stat) {
        return SimBehaviour.defaults().withReceipts(Duration.ofMillis(50), Map.of(stat, 1), 1L);
    }

    @Test
    void submitIsAcceptedAndItsReportComesBackWithTheSameId() throws Exception {
        NettySimulator<?, ?> sim = start(receipts("DELIVRD"));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        SubmitResult result = result(link.submit(LinkHarness.part("k1", "【示例】验证码 123456", 1, 1, "13800138000")));

        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        AcceptedSubmit submit = sim.awaitSubmits(1, WAIT).get(0);
        assertThat(submit.destinations()).containsExactly("13800138000");
        assertThat(submit.sourceAddr()).isEqualTo("1069012345688");
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
    void failedDeliveryKeepsTheCarriersRawStat() throws Exception {
        NettySimulator<?, ?> sim = start(receipts("UNDELIV"));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        assertThat(result(link.submit(LinkHarness.part("k2", "hello", 1, 1, "13900139000")))).isInstanceOf(SubmitResult.Accepted.class);

        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts.get(0).stat()).isNotEqualTo("DELIVRD").isNotBlank();
    }

    @Test
    void threePartMessageGoesOutWithUdhAndPartNumbers() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        CarrierLink link = link(harness(), sim, 2);
        String[] parts = {"一".repeat(67), "二".repeat(67), "三".repeat(10)};

        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(link.submit(LinkHarness.part("long:" + i, parts[i], i + 1, 3, "13800138000")).toCompletableFuture());
        }
        for (CompletableFuture<SubmitResult> r : results) {
            assertThat(result(r)).isInstanceOf(SubmitResult.Accepted.class);
        }

        List<AcceptedSubmit> submits = new ArrayList<>(sim.awaitSubmits(3, WAIT));
        submits.sort(Comparator.comparingInt(AcceptedSubmit::number));
        assertThat(submits).allSatisfy(s -> {
            assertThat(s.total()).isEqualTo(3);
            assertThat(s.reference()).isEqualTo(0x42);
        });
        assertThat(submits.stream().map(AcceptedSubmit::text).toList()).containsExactly(parts);
    }

    @Test
    void reportBeforeSubmitResponseStillArrives() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults().withReportBeforeResponse(true));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        SubmitResult result = result(link.submit(LinkHarness.part("early", "早到的回执", 1, 1, "13800138000")));

        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts).extracting(Receipt::carrierMessageId).containsExactly(id);
    }

    @Test
    void wrongPasswordKeepsTheLinkDownAndRetriesWithBackoff() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        LinkHarness harness = harness();
        CarrierLink link = track(harness.start(settings(sim, "wrong", 1, 16, 100)));

        await().atMost(WAIT).until(() -> sim.counters().loginsRejected.get() >= 3);
        assertThat(link.connectedConnections()).isZero();
        assertThat(harness.meters.find("sms_link_logins_total").tag("result", rawResults().loginRefused()).counter().count())
                .isGreaterThanOrEqualTo(3);
        SubmitResult.Rejected down = (SubmitResult.Rejected) result(link.submit(LinkHarness.part("down", "x", 1, 1, "13800138000")));
        assertThat(down.rawResult()).isEqualTo("LINK_DOWN");
        assertThat(down.retryable()).isTrue();
    }

    @Test
    void droppedConnectionFailsTheWindowRetryablyAndNothingHeldIsDelivered() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        CarrierLink link = link(harness(), sim, 1);
        sim.stallResponses(true);

        List<CompletableFuture<SubmitResult>> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(link.submit(LinkHarness.part("drop:" + i, "第" + i + "条", 1, 1, "1380013800" + i)).toCompletableFuture());
        }
        await().atMost(WAIT).until(() -> link.inFlight() == 5 && sim.heldResponses() == 5);
        sim.dropConnections();
        sim.stallResponses(false);

        for (CompletableFuture<SubmitResult> r : inFlight) {
            SubmitResult.Rejected rejected = (SubmitResult.Rejected) result(r);
            assertThat(rejected.retryable()).isTrue();
            assertThat(rejected.rawResult()).isEqualTo("LINK_DOWN");
        }
        assertThat(sim.submits()).isEmpty();
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);
        assertThat(result(link.submit(LinkHarness.part("again", "再来", 1, 1, "13800138000"))))
                .isInstanceOf(SubmitResult.Accepted.class);
    }

    @Test
    void corruptStreamClosesTheConnectionAndTheLinkReconnects() {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        CarrierLink link = link(harness(), sim, 1);
        long logins = sim.counters().loginsAccepted.get();

        sim.sendCorruptFrame();

        await().atMost(WAIT).until(() -> sim.counters().loginsAccepted.get() > logins && link.connectedConnections() == 1);
    }

    @Test
    void overTheCarriersRateIsFlowControlAndRetryable() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults().withLimits(1, 64));
        CarrierLink link = link(harness(), sim, 1);

        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(link.submit(LinkHarness.part("tps:" + i, "x", 1, 1, "13800138000")).toCompletableFuture());
        }
        List<SubmitResult> answers = new ArrayList<>();
        for (CompletableFuture<SubmitResult> r : results) {
            answers.add(result(r));
        }
        assertThat(answers).anySatisfy(a -> {
            assertThat(a).isInstanceOf(SubmitResult.Rejected.class);
            assertThat(((SubmitResult.Rejected) a).rawResult()).isEqualTo(rawResults().flowControl());
            assertThat(((SubmitResult.Rejected) a).retryable()).isTrue();
            assertThat(((SubmitResult.Rejected) a).flowControl()).as("flow control").isTrue();
        });
    }

    @Test
    void moIsHandedOnWithTheExtendedDestination() {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        LinkHarness harness = harness();
        link(harness, sim, 1);

        sim.injectMo("8613800138000", "1069012345688", "退订");

        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).phone()).isEqualTo("13800138000");
        assertThat(harness.mos.get(0).destination()).isEqualTo("1069012345688");
        assertThat(harness.mos.get(0).text()).isEqualTo("退订");
    }

    @Test
    void anOnDemandMoKeepsItsLinkIdAndTheReplyToItSendsItBack() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        assumeTrue(sim instanceof OnDemandMo, "the protocol has no LinkID");
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        ((OnDemandMo) sim).injectMo("8613800138000", "1069012345688", "1", "LNK20261128105407001");
        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).carrierLinkId()).isEqualTo("LNK20261128105407001");

        result(link.submit(LinkHarness.part("reply", "已为您办理", 1, 1, "13800138000")
                .withCarrierLinkId(harness.mos.get(0).carrierLinkId())));
        result(link.submit(LinkHarness.part("plain", "通知", 1, 1, "13800138001")));

        assertThat(sim.awaitSubmits(2, WAIT)).extracting(s -> s.destinations().get(0) + "=" + s.linkId())
                .containsExactlyInAnyOrder("13800138000=LNK20261128105407001", "13800138001=");
    }

    @Test
    void anMoTheBrokerDidNotAcknowledgeIsAnsweredWithATemporaryFailureAndItsResendIsRecordedOnce() {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);
        String to = "10690" + (System.nanoTime() % 10_000_000_000L);
        harness.forward = track(DurableInbound.unreachableBroker()).processor;

        assertThatThrownBy(() -> sim.injectMo("8613800138000", to, "退订"))
                .hasMessageContaining("answered the MO with " + rawResults().notKept());

        harness.forward = track(DurableInbound.broker()).processor;
        sim.injectMo("8613800138000", to, "退订");

        assertThat(DurableInbound.published(Topics.MO, mo -> mo.destination().equals(to), 2))
                .singleElement().satisfies(mo -> {
                    assertThat(mo.text()).isEqualTo("退订");
                    assertThat(mo.linkId()).isEqualTo(link.settings().id());
                });
        assertThat(harness.mos).as("the refused DELIVER and the one sent again").hasSize(2);
    }

    @Test
    void aReceiptTheBrokerDidNotAcknowledgeIsSentAgainByTheCarrierUntilItIsRecorded() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults().withReceipts(Duration.ofMillis(800), Map.of("DELIVRD", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);
        harness.forward = track(DurableInbound.unreachableBroker()).processor;
        String messageId = TestInfra.unique("m");

        SubmitResult result = result(link.submit(LinkHarness.part("durable", "x", 1, 1, "13800138000")));
        String carrierId = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        new ReceiptCorrelator(TestRedis.async(), Duration.ofHours(1), harness.meters).register(link.settings().receiptScope(),
                new Correlation(messageId, "13800138000", 1, 1, link.settings().carrier(), link.settings().id(), carrierId,
                        Instant.now()), false).toCompletableFuture().get(10, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> harness.receipts.size() >= 2);
        assertThat(sim.counters().receiptsSent.get()).as("not acknowledged yet").isZero();
        harness.forward = track(DurableInbound.broker()).processor;

        await().atMost(WAIT).until(() -> sim.counters().receiptsSent.get() == 1);
        assertThat(DurableInbound.published(Topics.STATUS, e -> e.messageId().equals(messageId), 2))
                .singleElement().extracting(StatusEvent::rawStat).isEqualTo("DELIVRD");
    }

    @Test
    void aReceiptThatMatchesNoSubmitIsAcknowledgedOnlyOnceHandedToTheStatusStoresLookup() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults().withReceipts(Duration.ofMillis(300), Map.of("DELIVRD", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);
        harness.forward = track(DurableInbound.broker()).processor;
        String phone = "138" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));

        SubmitResult result = result(link.submit(LinkHarness.part(TestInfra.unique("orphan"), "x", 1, 1, phone)));
        String carrierId = CarrierIds.canonical(((SubmitResult.Accepted) result).carrierMessageIds().get(0));

        await().atMost(WAIT).until(() -> sim.counters().receiptsSent.get() == 1);
        assertThat(DurableInbound.published(Topics.ORPHAN_RECEIPTS, r -> r.phone().equals(phone), 1)).singleElement()
                .satisfies(orphan -> {
                    assertThat(orphan.carrierIds()).contains(carrierId);
                    assertThat(orphan.status()).isEqualTo(MessageStatus.DELIVERED);
                    assertThat(orphan.rawStat()).isEqualTo("DELIVRD");
                    assertThat(orphan.linkId()).isEqualTo(link.settings().id());
                });
    }

    @Test
    void closeWaitsForAnswersInFlightThenLogsOut() throws Exception {
        NettySimulator<?, ?> sim = start(SimBehaviour.defaults());
        CarrierLink link = link(harness(), sim, 1);
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
