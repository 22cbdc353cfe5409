package org.sms1069.api.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageIds;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.event.OrphanReceipt;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TopicReader;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * A send from the answer to the record on {@code sms.submit}, and status events from {@code sms.status}
 * to what GET shows: aggregation of parts, idempotence, and final states that stay final.
 */
class SendAndStatusTest {
    private static final String SIGNATURE = "示例科技";
    private static final String EXTENSION = "77";
    /** The api's consumer group for sms.status (ApiKafkaRuntime): its commits say what has been applied. */
    private static final String STATUS_GROUP = "api-status";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(1);
    private static final String SENTENCE = "您的订单已发货，预计明天送达，请保持电话畅通，如有疑问请联系客服。感谢您的支持与信任，祝您生活愉快。";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningApi api;
    private static RunningApi.TestApp app;
    private static Publisher publisher;
    private static Admin kafkaAdmin;

    @BeforeAll
    static void start() {
        api = RunningApi.start("--sms.receipts.orphan-grace=" + ORPHAN_GRACE.toMillis() + "ms");
        app = api.onboardApp("Send and status", EXTENSION, SIGNATURE);
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), TestInfra.unique("api-test")));
        kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        if (kafkaAdmin != null) {
            kafkaAdmin.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void sendAnswersOneIdPerPhoneWithSegmentsAndCarrier() {
        String cmcc = Phones.unique("138");
        String cucc = Phones.unique("186");
        String ctcc = Phones.unique("189");

        ApiResponse sent = send(Map.of("phones", List.of(cmcc, "+86 " + cucc, "0086-" + ctcc),
                "text", "【" + SIGNATURE + "】" + body(64), "type", "NOTIFICATION"));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        JsonNode messages = sent.json().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(sent.json().get("rejected")).isEmpty();
        Map<String, String> carrierByPhone = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        messages.forEach(m -> {
            carrierByPhone.put(m.get("phone").asText(), m.get("carrier").asText());
            assertThat(m.get("segments").asInt()).isEqualTo(1);
            assertThat(MessageIds.isWellFormed(m.get("messageId").asText())).as(m.toString()).isTrue();
            ids.add(m.get("messageId").asText());
        });
        assertThat(ids).hasSize(3);
        assertThat(carrierByPhone).containsExactly(Map.entry(cmcc, "CMCC"), Map.entry(cucc, "CUCC"), Map.entry(ctcc, "CTCC"));
    }

    @Test
    void seventyCharactersWithTheSignatureAreOneSegmentAndSeventyOneAreTwo() {
        // the signature 【示例科技】 is 6 characters and counts, whether it is in the text or given apart
        ApiResponse seventy = send(Map.of("phones", List.of(Phones.unique("138")), "text", body(64),
                "signature", SIGNATURE, "type", "NOTIFICATION"));
        ApiResponse seventyOne = send(Map.of("phones", List.of(Phones.unique("138")), "text", body(65),
                "signature", SIGNATURE, "type", "NOTIFICATION"));
        ApiResponse inText = send(Map.of("phones", List.of(Phones.unique("138")), "text", "【" + SIGNATURE + "】" + body(65),
                "type", "NOTIFICATION"));
        ApiResponse threeParts = send(Map.of("phones", List.of(Phones.unique("138")), "text", "【" + SIGNATURE + "】" + body(129),
                "type", "NOTIFICATION"));

        assertThat(segments(seventy)).isEqualTo(1);
        assertThat(segments(seventyOne)).isEqualTo(2);
        assertThat(segments(inText)).isEqualTo(2);
        // 135 characters: two parts of 67 hold 134
        assertThat(segments(threeParts)).isEqualTo(3);
    }

    @Test
    void acceptedMessageIsOnTheSubmitTopic() throws Exception {
        String phone = Phones.unique("186");
        String text = "【" + SIGNATURE + "】" + body(20);
        ApiResponse sent = send(Map.of("phones", List.of("+86 " + phone), "text", text, "type", "REMINDER",
                "clientRef", "order-4711", "validity", "PT10M"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String id = sent.json().get("messages").get(0).get("messageId").asText();

        ConsumerRecord<String, byte[]> record = consumeSubmit(id);
        JsonNode accepted = JSON.readTree(record.value());

        assertThat(record.key()).isEqualTo(phone);
        assertThat(accepted.get("v").asInt()).isEqualTo(1);
        assertThat(accepted.get("messageId").asText()).isEqualTo(id);
        assertThat(accepted.get("appId").asText()).isEqualTo(app.appId());
        assertThat(accepted.get("type").asText()).isEqualTo("REMINDER");
        assertThat(accepted.get("phone").asText()).isEqualTo(phone);
        assertThat(accepted.get("text").asText()).isEqualTo(text);
        assertThat(accepted.get("sourceAddr").asText()).isEqualTo(RunningApi.NUMBER + EXTENSION);
        assertThat(accepted.get("segments").asInt()).isEqualTo(1);
        assertThat(accepted.get("clientRef").asText()).isEqualTo("order-4711");
        Instant acceptedAt = Instant.parse(accepted.get("acceptedAt").asText());
        assertThat(acceptedAt).isCloseTo(Instant.now(), within(1, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(Instant.parse(accepted.get("expiresAt").asText())).isEqualTo(acceptedAt.plus(Duration.ofMinutes(10)));

        JsonNode status = get(id);
        assertThat(status.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(status.get("clientRef").asText()).isEqualTo("order-4711");
        assertThat(status.get("timeline")).isEmpty();
    }

    @Test
    void submittedThenDeliveredShowsDeliveredWithTheTimeline() throws Exception {
        Sent sent = sendOne("138", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish(event(sent, 1, MessageStatus.SUBMITTED, "cmpp-1", null, t0));
        publish(event(sent, 1, MessageStatus.DELIVERED, "cmpp-1", "DELIVRD", t0.plusSeconds(3)));

        JsonNode status = awaitStatus(sent.id(), "DELIVERED");
        assertThat(statuses(status)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        assertThat(status.get("carrier").asText()).isEqualTo("CMCC");
        assertThat(status.get("carrierMessageIds")).hasSize(1);
        assertThat(status.get("carrierMessageIds").get(0).asText()).isEqualTo("cmpp-1");
        JsonNode delivered = status.get("timeline").get(1);
        assertThat(delivered.get("linkId").asText()).isEqualTo("link-cmcc");
        assertThat(Instant.parse(delivered.get("at").asText())).isEqualTo(t0.plusSeconds(3));
    }

    @Test
    void twoPartMessageIsDeliveredOnlyWhenBothPartsAre() throws Exception {
        Sent sent = sendOne("186", 65);
        assertThat(sent.segments()).isEqualTo(2);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish(event(sent, 1, MessageStatus.SUBMITTED, "part-1", null, t0));
        publish(event(sent, 2, MessageStatus.SUBMITTED, "part-2", null, t0.plusMillis(10)));
        awaitConsumed(publish(event(sent, 1, MessageStatus.DELIVERED, "part-1", "DELIVRD", t0.plusSeconds(2))));

        JsonNode halfway = get(sent.id());
        assertThat(halfway.get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(statuses(halfway)).containsExactly("SUBMITTED", "SUBMITTED", "DELIVERED");

        publish(event(sent, 2, MessageStatus.DELIVERED, "part-2", "DELIVRD", t0.plusSeconds(3)));

        JsonNode done = awaitStatus(sent.id(), "DELIVERED");
        assertThat(statuses(done)).containsExactly("SUBMITTED", "SUBMITTED", "DELIVERED", "DELIVERED");
        assertThat(done.get("carrierMessageIds")).hasSize(2);
    }

    @Test
    void redeliveredEventDoesNotDuplicateTheTimeline() throws Exception {
        Sent sent = sendOne("189", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        StatusEvent submitted = event(sent, 1, MessageStatus.SUBMITTED, "ctcc-9", null, t0);
        StatusEvent delivered = event(sent, 1, MessageStatus.DELIVERED, "ctcc-9", "DELIVRD", t0.plusSeconds(1));

        publish(submitted);
        publish(delivered);
        awaitStatus(sent.id(), "DELIVERED");
        publish(submitted);
        awaitConsumed(publish(delivered));

        JsonNode status = get(sent.id());
        assertThat(status.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(statuses(status)).containsExactly("SUBMITTED", "DELIVERED");
    }

    @Test
    void aStatusTheDatabaseRefusesIsDeadLetteredAndTheNextOneIsApplied() throws Exception {
        Sent sent = sendOne("138", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        // raw_stat is varchar(32): SQLSTATE 22001 on every attempt, so retrying it would hold the partition for good
        publish(event(sent, 1, MessageStatus.SUBMITTED, "cmpp-1", "X".repeat(40), t0));
        publish(event(sent, 1, MessageStatus.DELIVERED, "cmpp-1", "DELIVRD", t0.plusSeconds(3)));

        assertThat(awaitStatus(sent.id(), "DELIVERED").get("rawStat").asText()).isEqualTo("DELIVRD");
        DeadLetter letter = TopicReader.first(Topics.DEAD, l -> sent.id().equals(l.key())).value();
        assertThat(letter.topic()).isEqualTo(Topics.STATUS.name());
        assertThat(letter.service()).isEqualTo("api");
    }

    @Test
    void finalStatusIsNotOverwrittenByLaterEvents() throws Exception {
        Sent sent = sendOne("138", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish(event(sent, 1, MessageStatus.SUBMITTED, "first", null, t0));
        publish(event(sent, 1, MessageStatus.DELIVERED, "first", "DELIVRD", t0.plusSeconds(1)));
        awaitStatus(sent.id(), "DELIVERED");
        // a late resubmission's events, as a retry after a lost response would produce
        publish(event(sent, 1, MessageStatus.SUBMITTED, "second", null, t0.plusSeconds(2)));
        awaitConsumed(publish(event(sent, 1, MessageStatus.UNDELIVERED, "second", "UNDELIV", t0.plusSeconds(3))));

        JsonNode status = get(sent.id());
        assertThat(status.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        // the timeline keeps what happened, the status what counts
        assertThat(statuses(status)).containsExactly("SUBMITTED", "DELIVERED", "SUBMITTED", "UNDELIVERED");
    }

    @Test
    void submittedDoesNotReopenAFailedMessage() throws Exception {
        Sent sent = sendOne("186", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish(event(sent, 1, MessageStatus.REJECTED, null, "MK:0012", t0));
        awaitStatus(sent.id(), "REJECTED");
        awaitConsumed(publish(event(sent, 1, MessageStatus.SUBMITTED, "late", null, t0.plusSeconds(1))));

        JsonNode status = get(sent.id());
        assertThat(status.get("status").asText()).isEqualTo("REJECTED");
        assertThat(status.get("rawStat").asText()).isEqualTo("MK:0012");
    }

    @Test
    void aPortedNumberRoutedAgainCanStillBeDelivered() throws Exception {
        Sent sent = sendOne("139", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

        publish(event(sent, 1, MessageStatus.SUBMITTED, "old-carrier", null, t0));
        publish(event(sent, 1, MessageStatus.UNDELIVERED, "old-carrier", "NP:0001", t0.plusSeconds(1)));
        awaitStatus(sent.id(), "UNDELIVERED");
        // the router learned the new carrier and sent the message once more
        publish(event(sent, 1, MessageStatus.SUBMITTED, "new-carrier", null, t0.plusSeconds(2)));
        publish(event(sent, 1, MessageStatus.DELIVERED, "new-carrier", "DELIVRD", t0.plusSeconds(3)));

        JsonNode status = awaitStatus(sent.id(), "DELIVERED");
        assertThat(statuses(status)).containsExactly("SUBMITTED", "UNDELIVERED", "SUBMITTED", "DELIVERED");
    }

    @Test
    void aRedeliveredOldEventDoesNotReopenAMessage() throws Exception {
        Sent sent = sendOne("137", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        StatusEvent submitted = event(sent, 1, MessageStatus.SUBMITTED, "only", null, t0);

        publish(submitted);
        publish(event(sent, 1, MessageStatus.UNDELIVERED, "only", "NP:0001", t0.plusSeconds(1)));
        awaitStatus(sent.id(), "UNDELIVERED");
        awaitConsumed(publish(submitted));

        assertThat(get(sent.id()).get("status").asText()).isEqualTo("UNDELIVERED");
    }

    @Test
    void aReceiptTheGatewayCouldNotMatchIsMatchedInTheStatusStoreByItsIdAndPhone() throws Exception {
        Sent sent = sendOne("138", 20);
        Sent other = sendOne("138", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(event(sent, 1, MessageStatus.SUBMITTED, "00A1B2C3", null, t0));
        publish(event(other, 1, MessageStatus.SUBMITTED, "00A1B2C3", null, t0));

        publishOrphan(new OrphanReceipt(OrphanReceipt.VERSION, "link-cmcc", List.of("A1B2C3", "10597059"),
                sent.phone(), MessageStatus.DELIVERED, "DELIVRD", null, Instant.now()));

        JsonNode status = awaitStatus(sent.id(), "DELIVERED");
        assertThat(statuses(status)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(status.get("rawStat").asText()).isEqualTo("DELIVRD");
        assertThat(status.get("timeline").get(1).get("linkId").asText()).isEqualTo("link-cmcc");
        assertThat(get(other.id()).get("status").asText()).as("same id, another phone").isEqualTo("SUBMITTED");
    }

    @Test
    void aReceiptThatTheGatewaySettledMeanwhileIsNotAppliedAgain() throws Exception {
        Sent sent = sendOne("139", 20);
        Instant t0 = Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        publish(event(sent, 1, MessageStatus.SUBMITTED, "77", null, t0));
        publish(event(sent, 1, MessageStatus.UNDELIVERED, "77", "MK:0001", t0.plusSeconds(1)));
        awaitStatus(sent.id(), "UNDELIVERED");
        MeterRegistry meters = api.bean(MeterRegistry.class);
        double before = meters.counter("sms_receipts_orphans_total", "outcome", "settled_or_unknown").count();

        publishOrphan(new OrphanReceipt(OrphanReceipt.VERSION, "link-cmcc", List.of("77"), "",
                MessageStatus.DELIVERED, "DELIVRD", null, Instant.now()));

        await().atMost(WAIT).until(() -> meters.counter("sms_receipts_orphans_total", "outcome", "settled_or_unknown").count() > before);
        assertThat(statuses(get(sent.id()))).containsExactly("SUBMITTED", "UNDELIVERED");
    }

    private static void publishOrphan(OrphanReceipt receipt) throws Exception {
        publisher.publish(Topics.ORPHAN_RECEIPTS, receipt.carrierIds().get(0), receipt).get(10, TimeUnit.SECONDS);
    }

    private record Sent(String id, String phone, int segments, Carrier carrier) {
    }

    /** Sends a signed text of 6 + bodyLength characters to a new phone of the given prefix. */
    private static Sent sendOne(String prefix, int bodyLength) {
        ApiResponse response = send(Map.of("phones", List.of(Phones.unique(prefix)), "text", "【" + SIGNATURE + "】" + body(bodyLength),
                "type", "NOTIFICATION"));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        JsonNode m = response.json().get("messages").get(0);
        return new Sent(m.get("messageId").asText(), m.get("phone").asText(), m.get("segments").asInt(),
                Carrier.valueOf(m.get("carrier").asText()));
    }

    private static ApiResponse send(Map<String, Object> body) {
        return api.send(SignedRequest.post("/v1/messages").by(app.key()).json(body));
    }

    private static int segments(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("messages").get(0).get("segments").asInt();
    }

    /** Natural text of exactly this many characters (UTF-16 units), so the content filter sees a real message. */
    private static String body(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(SENTENCE);
        }
        return text.substring(0, length);
    }

    private static StatusEvent event(Sent sent, int segment, MessageStatus status, String carrierMessageId, String rawStat,
                                     Instant at) {
        return new StatusEvent(StatusEvent.VERSION, sent.id(), sent.phone(), segment, sent.segments(), status, sent.carrier(),
                "link-" + sent.carrier().name().toLowerCase(), carrierMessageId, rawStat, null, at);
    }

    private static RecordMetadata publish(StatusEvent event) throws Exception {
        return publisher.publish(Topics.STATUS, event.messageId(), event).get(10, TimeUnit.SECONDS);
    }

    /** Waits until the api has committed past this record: it has applied it and everything before it on its partition. */
    private static void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = kafkaAdmin.listConsumerGroupOffsets(STATUS_GROUP)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            OffsetAndMetadata offset = committed.get(partition);
            return offset != null && offset.offset() > record.offset();
        });
    }

    private static ConsumerRecord<String, byte[]> consumeSubmit(String messageId) throws IOException {
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.manualCommitConsumer(TestKafka.bootstrapServers(),
                TestInfra.unique("api-test-submit"), TestInfra.unique("api-test"), 500)) {
            consumer.subscribe(List.of(Topics.SUBMIT.name()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (JSON.readTree(record.value()).path("messageId").asText().equals(messageId)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("message " + messageId + " is not on " + Topics.SUBMIT + " within " + WAIT);
    }

    private static JsonNode get(String id) {
        ApiResponse response = api.send(SignedRequest.get("/v1/messages/" + id).by(app.key()));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode awaitStatus(String id, String expected) {
        Map<String, JsonNode> last = new HashMap<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode status = get(id);
            last.put(id, status);
            assertThat(status.get("status").asText()).as(status.toString()).isEqualTo(expected);
        });
        return last.get(id);
    }

    private static List<String> statuses(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.get("timeline").forEach(e -> out.add(e.get("status").asText()));
        return out;
    }
}
