package org.sms1069.gateway.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.NotDueException;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.event.LinkHealth;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TestRedis;
import org.sms1069.testkit.TopicReader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatcher against the real broker and Redis; only the carrier is a hand-written fake. Topics
 * are shared, so each test has its own message ids, phones and carrier account and reads only those.
 */
class OutboundDispatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration FLOW_CONTROL_PAUSE = Duration.ofMillis(500);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2));

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final TextSeal SEAL = TextSeal.ofBase64(TestInfra.randomKey());

    private static Publisher publisher;
    private static ScheduledExecutorService scheduler;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Receipt> handedOver = new CopyOnWriteArrayList<>();
    private FakeLink link;
    private ReceiptCorrelator correlator;
    private OutboundDispatcher dispatcher;

    @BeforeAll
    static void connect() {
        String bootstrap = TestKafka.bootstrapServers();
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(Topics.STATUS, 3), TopicSpec.of(Topics.RETRY, 3),
                TopicSpec.of(Topics.DEAD, 1), TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(bootstrap, "dispatcher-test"));
        scheduler = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
        scheduler.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        String id = TestInfra.unique("disp");
        link = new FakeLink(new LinkSettings(id, Carrier.INTL, Protocol.SMPP34, "127.0.0.1", 2775, id, "pw", null,
                "10690123456", 1, 16, 100, 100, 0, 0, null, null, null));
        correlator = new ReceiptCorrelator(TestRedis.async(), Duration.ofMinutes(10), meters);
        dispatcher = dispatcher(link, "gw-a");
    }

    /** One gateway instance's dispatcher of {@code link}; every instance shares Redis, Kafka and the carrier account. */
    private OutboundDispatcher dispatcher(FakeLink carrier, String instance) {
        LinkHealthReporter health = new LinkHealthReporter(publisher, meters, Clock.systemUTC(), FLOW_CONTROL_PAUSE,
                Duration.ofMinutes(1));
        health.register(carrier);
        return new OutboundDispatcher(carrier, claims(instance), scheduler, correlator, new RecordingSink(), health,
                publisher, SEAL, BACKOFF, meters, Clock.systemUTC());
    }

    private static PartClaims claims(String instance) {
        return new PartClaims(TestRedis.async(), LEASE, Duration.ofMinutes(10), instance);
    }

    @Test
    void acceptedPartIsSubmittedCorrelatedAndMarked() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Accepted(List.of("1A2B3C")));

        handle(part);

        assertThat(link.submitted).containsExactly(part);
        StatusEvent submitted = awaitStatus(part.recipients().get(0).messageId()).value();
        assertThat(submitted.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(submitted.phone()).isEqualTo(part.recipients().get(0).phone());
        assertThat(submitted.carrierMessageId()).isEqualTo("1A2B3C");
        assertThat(submitted.linkId()).isEqualTo(link.settings().id());
        assertThat(submitted.segment()).isEqualTo(1);
        assertThat(submitted.segments()).isEqualTo(1);
        assertThat(get(claims("gw-a").inspect(part.dedupKey())))
                .isEqualTo(PartClaims.Settled.accepted(List.of("1A2B3C"), false).marker());
        assertThat(get(correlator.match(receipt("1715004")))).get().satisfies(correlation -> {
            assertThat(correlation.messageId()).isEqualTo(part.recipients().get(0).messageId());
            assertThat(correlation.carrierMessageId()).isEqualTo("1A2B3C");
        });
    }

    @Test
    void theSameRecordHandledTwiceIsSubmittedOnce() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Accepted(List.of("77")));

        handle(part);
        handle(part);

        assertThat(link.submitted).hasSize(1);
        assertThat(meters.counter("sms_link_duplicates_suppressed_total", "link", link.settings().id()).count()).isEqualTo(1);
    }

    @Test
    void aRepeatArrivingWhileTheFirstSubmitIsInFlightIsNotSubmittedAgain() throws Exception {
        OutboundSubmit part = part(1);
        CompletableFuture<SubmitResult> carrierAnswer = new CompletableFuture<>();
        link.answer(carrierAnswer);

        // a consumer rewound after a transient failure hands over records that are still in flight
        CompletableFuture<?> first = dispatcher.handle(record(part)).toCompletableFuture();
        CompletableFuture<?> second = dispatcher.handle(record(part)).toCompletableFuture();
        carrierAnswer.complete(new SubmitResult.Accepted(List.of("88")));
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(link.submitted).hasSize(1);
    }

    @Test
    void transientRejectionGoesToRetryWithTheNextAttempt() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Rejected(true, "ESME_RTHROTTLED(0x58)", "throttled"));
        Instant before = Instant.now();

        handle(part);

        ConsumerRecord<String, OutboundSubmit> retry = TopicReader.first(Topics.RETRY, p -> p.recipients().get(0).messageId().equals(part.recipients().get(0).messageId()));
        assertThat(retry.value().recipients().get(0).dedupKey()).isEqualTo(part.recipients().get(0).messageId() + ":1:2");
        assertThat(retry.key()).isEqualTo(part.recipients().get(0).phone());
        OutboundSubmit again = retry.value();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.failedAttempts()).isEqualTo(1);
        assertThat(again.dedupKey()).isEqualTo(part.recipients().get(0).messageId() + ":1:2");
        assertThat(again.notBefore()).isAfter(before);
        assertThat(again.linkId()).isEqualTo(part.linkId());
        assertThat(again.text()).isEqualTo(part.text());
        assertThat(again.reference()).isEqualTo(part.reference());
        assertThat(again.expiresAt()).isEqualTo(part.expiresAt());
        assertThat(get(claims("gw-a").inspect(part.dedupKey()))).as("attempt 1 is settled; attempt 2 is a new key")
                .isEqualTo(PartClaims.Outcome.RETRIED.marker());
    }

    @Test
    void aSealedPartReachesTheCarrierInClearAndGoesToRetryStillSealed() throws Exception {
        OutboundSubmit clear = part(1);
        OutboundSubmit sealed = clear.sealedWith(SEAL);
        link.answer(new SubmitResult.Rejected(true, "ESME_RTHROTTLED(0x58)", "throttled"));

        handle(sealed);

        assertThat(link.submitted).singleElement().satisfies(submitted -> {
            assertThat(submitted.text()).isEqualTo(clear.text());
            assertThat(submitted.sealed()).isFalse();
        });
        OutboundSubmit again = TopicReader.first(Topics.RETRY,
                p -> p.recipients().get(0).messageId().equals(clear.recipients().get(0).messageId())).value();
        assertThat(again.sealed()).isTrue();
        assertThat(again.text()).doesNotContain("123456");
        assertThat(again.openedWith(SEAL).text()).isEqualTo(clear.text());
    }

    @Test
    void aPartSealedWithAnotherKeyIsPoisonAndNotSubmitted() {
        OutboundSubmit foreign = part(1).sealedWith(TextSeal.ofBase64(TestInfra.randomKey()));

        assertThatThrownBy(() -> handle(foreign)).hasCauseInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("sms.kafka.text-key");
        assertThat(link.submitted).isEmpty();
    }

    @Test
    void flowControlReportsTheLinkThrottledForThePauseThenUpAgain() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Rejected(true, "CMPP:8", "flow control: over the contracted rate", true));

        handle(part);

        String id = link.settings().id();
        ConsumerRecord<String, LinkHealth> throttled = TopicReader.first(Topics.LINK_HEALTH, h -> h.linkId().equals(id) && h.state() == LinkHealth.State.THROTTLED);
        ConsumerRecord<String, LinkHealth> up = TopicReader.first(Topics.LINK_HEALTH, h -> h.linkId().equals(id) && h.state() == LinkHealth.State.UP);
        // the pause runs from the carrier's answer; THROTTLED's own time is taken a little after it, when it is published
        assertThat(Duration.between(throttled.value().at(), up.value().at()))
                .isGreaterThanOrEqualTo(FLOW_CONTROL_PAUSE.minusMillis(50));
        assertThat(meters.counter("sms_link_flow_control_total", "link", id).count()).isEqualTo(1);
        OutboundSubmit again = TopicReader.first(Topics.RETRY, p -> p.recipients().get(0).messageId().equals(part.recipients().get(0).messageId())).value();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.throttles()).as("a flow-control answer is not a failed attempt").isEqualTo(1);
        assertThat(again.failedAttempts()).isZero();
    }

    @Test
    void otherTransientRejectionsLeaveTheLinkUp() throws Exception {
        link.answer(SubmitResult.Rejected.linkDown(link.settings().id()));

        handle(part(1));

        assertThat(meters.find("sms_link_flow_control_total").counter()).isNull();
    }

    @Test
    void permanentRejectionEndsAsFailedWithTheCarriersCode() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Rejected(false, "ESME_RINVDSTADR(0x0B)", "invalid destination address"));

        handle(part);

        ConsumerRecord<String, StatusEvent> failed = awaitStatus(part.recipients().get(0).messageId());
        assertThat(failed.key()).isEqualTo(part.recipients().get(0).messageId());
        assertThat(failed.value().status()).isEqualTo(MessageStatus.FAILED);
        assertThat(failed.value().rawStat()).isEqualTo("ESME_RINVDSTADR(0x0B)");
        assertThat(failed.value().detail()).isEqualTo("invalid destination address");
    }

    @Test
    void receiptThatCameBeforeTheSubmitAnswerIsHandedOn() throws Exception {
        Receipt early = receipt("5F5F");
        assertThat(get(correlator.match(early))).isEmpty();
        link.answer(new SubmitResult.Accepted(List.of("5f5f")));

        handle(part(1));

        assertThat(handedOver).containsExactly(early);
    }

    @Test
    void eachRecipientGetsItsOwnCarrierId() throws Exception {
        String a = TestInfra.unique("msg");
        String b = TestInfra.unique("msg");
        OutboundSubmit part = part(List.of(new Recipient(a, phone()), new Recipient(b, phone())));
        link.answer(new SubmitResult.Accepted(List.of("A1", "B2")));

        handle(part);

        assertThat(awaitStatus(a).value().carrierMessageId()).isEqualTo("A1");
        assertThat(awaitStatus(b).value().carrierMessageId()).isEqualTo("B2");
    }

    @Test
    void idsMatchedByPhoneNeverCrossTheReceiptsOfAGroup() throws Exception {
        String a = TestInfra.unique("msg");
        String b = TestInfra.unique("msg");
        String phoneA = phone();
        String phoneB = phone();
        link.answer(new SubmitResult.Accepted(List.of("9000", "9001"), true));

        handle(part(List.of(new Recipient(a, phoneA), new Recipient(b, phoneB))));
        awaitStatus(b);

        // a gateway that reports the group's first id for every recipient: B's receipt must not settle A
        assertThat(get(correlator.match(receipt("9000", phoneB)))).isEmpty();
        assertThat(get(correlator.match(receipt("9001", phoneB)))).get()
                .satisfies(correlation -> assertThat(correlation.messageId()).isEqualTo(b));
        assertThat(get(correlator.match(receipt("9000", phoneA)))).get()
                .satisfies(correlation -> assertThat(correlation.messageId()).isEqualTo(a));
    }

    @Test
    void aBatchRegroupedAfterARedeliveryReachesOnlyTheRecipientsNotYetSubmitted() throws Exception {
        String a = TestInfra.unique("msg");
        String b = TestInfra.unique("msg");
        String c = TestInfra.unique("msg");
        Recipient first = new Recipient(a, phone(), a + ":1:1");
        Recipient second = new Recipient(b, phone(), b + ":1:1");
        Recipient third = new Recipient(c, phone(), c + ":1:1");
        link.answer(new SubmitResult.Accepted(List.of("X1", "X2")));
        handle(batch("b-first:1:1", List.of(first, second)));

        // after a crash the router grouped the same parts differently: a new batch key
        link.answer(new SubmitResult.Accepted(List.of("X3")));
        handle(batch("b-other:1:1", List.of(second, third)));

        assertThat(link.submitted).hasSize(2);
        assertThat(link.submitted.get(1).recipients()).containsExactly(third);
        assertThat(awaitStatus(c).value().carrierMessageId()).isEqualTo("X3");
    }

    @Test
    void aRetriedBatchGivesEveryRecipientItsNextKey() throws Exception {
        String a = TestInfra.unique("msg");
        OutboundSubmit part = batch("b-retry:1:1", List.of(new Recipient(a, phone(), a + ":1:1")));
        link.answer(new SubmitResult.Rejected(true, "ESME_RTHROTTLED(0x58)", "throttled"));

        handle(part);

        OutboundSubmit retried = TopicReader.first(Topics.RETRY, r -> r.recipients().get(0).messageId().equals(a)).value();
        assertThat(retried.recipients().get(0).dedupKey()).isEqualTo(a + ":1:2");
    }

    @Test
    void aPartAnotherInstanceIsSubmittingIsNotSubmittedHereButComesBackLater() throws Exception {
        OutboundSubmit part = part(1);
        CompletableFuture<SubmitResult> carrierAnswer = new CompletableFuture<>();
        link.answer(carrierAnswer);
        CompletableFuture<?> first = dispatcher.handle(record(part)).toCompletableFuture();
        Awaitility.await().atMost(WAIT).until(() -> link.submitted.size() == 1);
        FakeLink otherCarrier = new FakeLink(link.settings());
        OutboundDispatcher other = dispatcher(otherCarrier, "gw-b");

        assertThatThrownBy(() -> handle(other, part)).hasCauseInstanceOf(NotDueException.class);
        // the first instance's submit is still unanswered after more than a lease: renewed, so still not ours
        Thread.sleep(LEASE.multipliedBy(3).toMillis());
        assertThatThrownBy(() -> handle(other, part)).hasCauseInstanceOf(NotDueException.class);
        carrierAnswer.complete(new SubmitResult.Accepted(List.of("AB12")));
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        handle(other, part);

        assertThat(otherCarrier.submitted).isEmpty();
        assertThat(meters.counter("sms_link_claims_held_elsewhere_total", "link", link.settings().id()).count()).isEqualTo(2);
    }

    @Test
    void theClaimOfAnInstanceThatDiedExpiresAndAnotherInstanceSubmits() throws Exception {
        OutboundSubmit part = part(1);
        PartClaims.Found taken = get(claims("gw-dead").take(claims("gw-dead").newClaim(part.dedupKey())));
        assertThat(taken.state()).isEqualTo(PartClaims.State.TAKEN);
        link.answer(new SubmitResult.Accepted(List.of("CD34")));

        assertThatThrownBy(() -> handle(part)).hasCauseInstanceOf(NotDueException.class);
        assertThat(link.submitted).isEmpty();
        Awaitility.await().atMost(WAIT).until(() -> leaseOver(part));
        handle(part);

        assertThat(link.submitted).containsExactly(part);
        assertThat(get(claims("gw-a").inspect(part.dedupKey())))
                .isEqualTo(PartClaims.Settled.accepted(List.of("CD34"), false).marker());
    }

    /**
     * Chaos (gateway kill -9) found it: an instance that marks an accepted part done and dies before SUBMITTED and the
     * correlation are durable leaves a message that never leaves ACCEPTED and a receipt that matches nothing. The
     * record comes back (its offset was never committed); it is not submitted again, but what the dead instance did
     * not write is written from the marker, and the receipt that came early is handed over.
     */
    @Test
    void anAcceptedPartWhoseInstanceDiedBeforeWritingItsOutcomeIsWrittenFromTheMarker() throws Exception {
        OutboundSubmit part = part(1);
        Recipient recipient = part.recipients().get(0);
        PartClaims dead = claims("gw-dead");
        PartClaims.Claim claim = dead.newClaim(part.dedupKey());
        assertThat(get(dead.take(claim)).state()).isEqualTo(PartClaims.State.TAKEN);
        assertThat(get(dead.finish(claim, PartClaims.Settled.accepted(List.of("EF56"), false)))).isTrue();
        Receipt early = receipt("EF56");
        assertThat(get(correlator.match(early))).isEmpty();

        handle(part);

        assertThat(link.submitted).isEmpty();
        StatusEvent submitted = awaitStatus(recipient.messageId()).value();
        assertThat(submitted.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(submitted.carrierMessageId()).isEqualTo("EF56");
        assertThat(handedOver).containsExactly(early);
        assertThat(meters.counter("sms_link_settled_rewrites_total", "link", link.settings().id()).count()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseInstanceDiedAfterMarkingItIsWrittenPerRecipientUnderTheSharedId() throws Exception {
        String messageId = TestInfra.unique("msg");
        List<Recipient> recipients = List.of(new Recipient(messageId + "a", phone()).withDedupKey(messageId + "a:1:1"),
                new Recipient(messageId + "b", phone()).withDedupKey(messageId + "b:1:1"));
        OutboundSubmit part = batch(messageId + ":1:1", recipients);
        PartClaims dead = claims("gw-dead");
        for (Recipient r : recipients) {
            PartClaims.Claim claim = dead.newClaim(r.dedupKeyIn(part));
            get(dead.take(claim));
            get(dead.finish(claim, PartClaims.Settled.accepted(List.of("77AA"), true)));
        }

        handle(part);

        assertThat(link.submitted).isEmpty();
        for (Recipient r : recipients) {
            assertThat(awaitStatus(r.messageId()).value().carrierMessageId()).isEqualTo("77AA");
            assertThat(get(correlator.match(receipt("77AA", r.phone())))).get()
                    .satisfies(found -> assertThat(found.messageId()).isEqualTo(r.messageId()));
        }
    }

    @Test
    void settledMarkersKeepTheirIdsAndWhetherTheyAreShared() {
        PartClaims.Settled shared = PartClaims.Settled.accepted(List.of("0-0614123456-7", "0-0614123456-8"), true);
        assertThat(PartClaims.Found.of(shared.marker()).settled()).isEqualTo(shared);
        assertThat(PartClaims.Found.of("A").settled()).isEqualTo(PartClaims.Settled.of(PartClaims.Outcome.ACCEPTED));
        assertThat(PartClaims.Found.of("U").settled()).isEqualTo(PartClaims.Settled.of(PartClaims.Outcome.UNKNOWN));
        assertThat(PartClaims.Found.of("L1|gw").state()).isEqualTo(PartClaims.State.HELD);
        assertThat(PartClaims.Found.of("").state()).isEqualTo(PartClaims.State.TAKEN);
    }

    @Test
    void aSubmitWithoutAnswerIsSubmittedOnceCountsAsSubmittedAndItsLateReceiptMatchesByPhone() throws Exception {
        OutboundSubmit part = part(1);
        Recipient recipient = part.recipients().get(0);
        link.answer(new SubmitResult.Rejected(true, "TIMEOUT", "no answer after 3 resends"));

        handle(part);
        handle(part);

        assertThat(link.submitted).containsExactly(part);
        StatusEvent submitted = awaitStatus(recipient.messageId()).value();
        assertThat(submitted.status()).isEqualTo(MessageStatus.SUBMITTED);
        assertThat(submitted.rawStat()).isEqualTo("TIMEOUT");
        assertThat(submitted.carrierMessageId()).isNull();
        assertThat(get(claims("gw-a").inspect(part.dedupKey()))).isEqualTo(PartClaims.Outcome.UNKNOWN.marker());
        Receipt late = new Receipt(link.settings().id(), link.settings().receiptScope(), "9F00AA",
                recipient.phone().substring(1), "DELIVRD", "000", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        assertThat(get(correlator.match(late))).get().satisfies(found -> {
            assertThat(found.messageId()).isEqualTo(recipient.messageId());
            assertThat(found.carrierMessageId()).isEqualTo("9F00AA");
        });
        assertThat(get(correlator.match(late))).as("the carrier's repeat finds it by id").isPresent();
    }

    @Test
    void aRejectionSettlesTheClaimSoTheRedeliveredRecordIsNotSubmittedAgain() throws Exception {
        OutboundSubmit part = part(1);
        link.answer(new SubmitResult.Rejected(false, "ESME_RINVDSTADR(0x0B)", "invalid destination address"));

        handle(part);
        handle(part);

        assertThat(link.submitted).containsExactly(part);
        assertThat(get(claims("gw-a").inspect(part.dedupKey()))).isEqualTo(PartClaims.Outcome.FAILED.marker());
    }

    /** The dead instance's lease has run out (its value is still there until another owner takes the key). */
    private static boolean leaseOver(OutboundSubmit part) throws Exception {
        String value = get(claims("gw-a").inspect(part.dedupKey()));
        return value == null || Long.parseLong(value.substring(1, value.indexOf('|'))) < System.currentTimeMillis();
    }

    private OutboundSubmit batch(String key, List<Recipient> recipients) {
        return new OutboundSubmit(OutboundSubmit.VERSION, key, link.settings().id(), Carrier.INTL, recipients,
                "10690123456", 1, 1, 99, "【示例】通知", 1, null, null);
    }

    @Test
    void partWithoutRecipientsIsPoison() {
        assertThatThrownBy(() -> dispatcher.handle(record(part(List.of())))).isInstanceOf(PoisonRecordException.class);
        assertThat(link.submitted).isEmpty();
    }

    private void handle(OutboundSubmit part) throws Exception {
        handle(dispatcher, part);
    }

    private void handle(OutboundDispatcher instance, OutboundSubmit part) throws Exception {
        instance.handle(record(part)).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private Received<OutboundSubmit> record(OutboundSubmit part) {
        String key = part.recipients().isEmpty() ? "none" : part.recipients().get(0).phone();
        return new Received<>(Topics.outbound(link.settings().id()).name(), 0, 0L, key, part);
    }

    private OutboundSubmit part(int attempt) {
        String messageId = TestInfra.unique("msg");
        return new OutboundSubmit(OutboundSubmit.VERSION, messageId + ":1:" + attempt, link.settings().id(), Carrier.INTL,
                List.of(new Recipient(messageId, phone())), "10690123456", 1, 1, 99, "【示例】您的验证码是123456", attempt,
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), null);
    }

    private OutboundSubmit part(List<Recipient> recipients) {
        String id = recipients.isEmpty() ? TestInfra.unique("msg") : recipients.get(0).messageId();
        return new OutboundSubmit(OutboundSubmit.VERSION, id + ":1:1", link.settings().id(), Carrier.INTL, recipients,
                "10690123456", 1, 1, 99, "【示例】通知", 1, null, null);
    }

    private Receipt receipt(String carrierId) {
        return receipt(carrierId, null);
    }

    private Receipt receipt(String carrierId, String phone) {
        return new Receipt(link.settings().id(), link.settings().receiptScope(), carrierId, phone, "DELIVRD", "000",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static String phone() {
        return "+4477" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static ConsumerRecord<String, StatusEvent> awaitStatus(String messageId) {
        return TopicReader.first(Topics.STATUS, event -> event.messageId().equals(messageId));
    }


    /** The carrier: answers every submit with the result the test set, and remembers what it got. */
    private static final class FakeLink extends AlwaysConnectedLink {
        final List<OutboundSubmit> submitted = new CopyOnWriteArrayList<>();
        private volatile CompletableFuture<SubmitResult> answer = new CompletableFuture<>();

        FakeLink(LinkSettings settings) {
            super(settings);
        }

        void answer(SubmitResult result) {
            answer(CompletableFuture.completedFuture(result));
        }

        void answer(CompletableFuture<SubmitResult> result) {
            answer = result;
        }

        @Override
        public CompletionStage<SubmitResult> submit(OutboundSubmit part) {
            submitted.add(part);
            return answer;
        }
    }

    private final class RecordingSink implements InboundSink {
        @Override
        public java.util.concurrent.CompletionStage<Void> onReceipt(Receipt receipt) {
            handedOver.add(receipt);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public java.util.concurrent.CompletionStage<Void> onMo(MoPart part) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
