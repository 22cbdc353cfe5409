package org.sms1069.gateway.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.dlr.Correlation;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.NotDueException;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TestRedis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances (each its own link to the one CMPP simulator over real TCP, its own dispatcher and
 * claim owner) sharing Redis and Kafka, as after a rebalance that hands both the same part: the simulator
 * gets every part once.
 */
class GatewayInstancesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static Publisher publisher;
    private static ScheduledExecutorService scheduler;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<AutoCloseable> started = new ArrayList<>();
    private CmppSimulator sim;
    private ReceiptCorrelator correlator;

    @BeforeAll
    static void connect() {
        String bootstrap = TestKafka.bootstrapServers();
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(Topics.STATUS, 3), TopicSpec.of(Topics.RETRY, 3),
                TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "gateway-instances-test"));
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
        scheduler.shutdownNow();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** One gateway instance: its own connection to the simulator and its own claim owner. */
    private record Instance(LinkHarness harness, CarrierLink link, OutboundDispatcher dispatcher) {
        CompletableFuture<?> handle(OutboundSubmit part) throws Exception {
            return dispatcher.handle(new Received<>(Topics.outbound(part.linkId()).name(), 0, 0L, "k", part))
                    .toCompletableFuture();
        }
    }

    private void startSimulator() {
        sim = CmppSimulator.start(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(50), Map.of("DELIVRD", 1), 1L));
        started.add(sim);
        correlator = new ReceiptCorrelator(TestRedis.async(), Duration.ofMinutes(10), meters);
    }

    private Instance instance(String name, SessionProperties session) {
        LinkHarness harness = new LinkHarness(session);
        started.add(harness);
        LinkSettings settings = LinkHarness.settings(Protocol.CMPP30, sim.port(), sim.config().account(), sim.config().password(), 1, 16, 1000);
        CarrierLink link = harness.start(settings);
        started.add(link);
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);
        LinkHealthReporter health = new LinkHealthReporter(publisher, meters, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMinutes(1));
        health.register(link);
        PartClaims claims = new PartClaims(TestRedis.async(), LEASE, Duration.ofMinutes(10), name);
        OutboundDispatcher dispatcher = new OutboundDispatcher(link, claims, scheduler, correlator, harness, health, publisher,
                TextSeal.ofBase64(TestInfra.randomKey()),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), meters, Clock.systemUTC());
        return new Instance(harness, link, dispatcher);
    }

    @Test
    void bothInstancesHandedTheSamePartWhileItIsInFlightSubmitItOnce() throws Exception {
        startSimulator();
        Instance a = instance("gw-a", LinkHarness.fastSession());
        Instance b = instance("gw-b", LinkHarness.fastSession());
        OutboundSubmit part = part();
        sim.stallResponses(true);

        CompletableFuture<?> first = a.handle(part);
        await().atMost(WAIT).until(() -> sim.heldResponses() == 1);
        CompletableFuture<?> second = b.handle(part);

        assertThat(outcome(second)).as("b must not ack a part a is submitting").isInstanceOf(NotDueException.class);
        sim.stallResponses(false);
        assertThat(outcome(first)).isNull();
        assertThat(outcome(b.handle(part))).as("handed over again, b finds it done").isNull();
        assertThat(sim.submits()).hasSize(1);
    }

    @Test
    void partsHandedToBothInstancesAtOnceReachTheCarrierOnceEach() throws Exception {
        startSimulator();
        Instance a = instance("gw-a", LinkHarness.fastSession());
        Instance b = instance("gw-b", LinkHarness.fastSession());
        List<OutboundSubmit> parts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            parts.add(part());
        }

        List<CompletableFuture<?>> done = new ArrayList<>();
        for (OutboundSubmit part : parts) {
            done.add(untilDone(a, part));
            done.add(untilDone(b, part));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<String> texts = sim.submits().stream().map(AcceptedSubmit::text).toList();
        assertThat(texts).hasSize(parts.size()).doesNotHaveDuplicates();
    }

    @Test
    void aSubmitWithoutAnswerIsNotSubmittedAgainWhenRedeliveredAndItsLateReceiptStillMatches() throws Exception {
        startSimulator();
        // no resend: one SUBMIT on the wire, given up after 1 s
        SessionProperties impatient = new SessionProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1),
                0, Duration.ofSeconds(30), 3, Duration.ofSeconds(5), Duration.ofSeconds(2), 8192);
        Instance a = instance("gw-a", impatient);
        Instance b = instance("gw-b", impatient);
        OutboundSubmit part = part();
        sim.stallResponses(true);

        assertThat(outcome(a.handle(part))).isNull();
        assertThat(outcome(a.handle(part))).isNull();
        assertThat(outcome(b.handle(part))).isNull();

        assertThat(sim.heldResponses()).as("SUBMITs the simulator received").isEqualTo(1);
        sim.stallResponses(false);
        await().atMost(WAIT).until(() -> a.harness().receipts.size() + b.harness().receipts.size() == 1);
        var receipt = a.harness().receipts.isEmpty() ? b.harness().receipts.get(0) : a.harness().receipts.get(0);
        Optional<Correlation> matched = correlator.match(receipt).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(matched).get().satisfies(c -> {
            assertThat(c.messageId()).isEqualTo(part.recipients().get(0).messageId());
            assertThat(c.carrierMessageId()).isEqualTo(receipt.carrierMessageId());
        });
        assertThat(sim.submits()).hasSize(1);
    }

    /** What a consumer does: hands the record over again while the answer is "not due", until it is done. */
    private CompletableFuture<?> untilDone(Instance instance, OutboundSubmit part) throws Exception {
        return instance.handle(part).handle((ok, error) -> error).thenCompose(error -> {
            if (error == null) {
                return CompletableFuture.completedFuture(null);
            }
            if (!(error.getCause() instanceof NotDueException) && !(error instanceof NotDueException)) {
                return CompletableFuture.failedFuture(error);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> {
                        try {
                            return untilDone(instance, part);
                        } catch (Exception e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    });
        });
    }

    /** The stage's failure, or null when it completed. */
    private static Throwable outcome(CompletableFuture<?> stage) throws Exception {
        try {
            stage.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static OutboundSubmit part() {
        String phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        return LinkHarness.part(TestInfra.unique("gi") + ":1:1", TestInfra.unique("text"), 1, 1, phone);
    }
}
