package org.sms1069.router;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router application in-process against the real broker and Redis. Topic names and the consumer
 * group are shared, so every test uses its own phones and message ids and reads only those.
 */
class RouterIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 3;
    private static final String PREFIX = TestInfra.unique("rt");
    private static final String[] CARRIERS = {"CMCC", "CUCC", "CTCC", "INTL"};

    private static ConfigurableApplicationContext router;
    private static Publisher publisher;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    @BeforeAll
    static void startRouter() {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--sms.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--sms.kafka.partitions=3",
                "--sms.redis.uri=" + TestInfra.redisUri(),
                "--sms.retry.max-attempts=" + MAX_ATTEMPTS));
        for (int i = 0; i < CARRIERS.length; i++) {
            String link = "--sms.links[" + i + "].";
            args.addAll(List.of(link + "id=" + linkId(CARRIERS[i]), link + "carrier=" + CARRIERS[i],
                    link + "protocol=SMPP34", link + "host=127.0.0.1", link + "port=1", link + "account=x",
                    link + "src-id=10690123456"));
        }
        router = new SpringApplicationBuilder(RouterApplication.class).properties(RouterApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "router-test"));
        redisClient = RedisClient.create(TestInfra.redisUri());
        redis = redisClient.connect();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (redis != null) {
            redis.close();
            redisClient.shutdown();
        }
    }

    @Test
    void shortMessageGoesToTheCarriersLinkTopic() throws Exception {
        String phone = phone("138");
        AcceptedMessage message = message(phone, "【示例】您的验证码是123456，5分钟内有效。", Instant.now().plus(1, ChronoUnit.HOURS));

        publisher.publish(Topics.SUBMIT, phone, message).get();

        List<ConsumerRecord<String, OutboundSubmit>> parts = awaitOutbound("CMCC", message.messageId(), 1);
        assertThat(parts).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(phone);
            OutboundSubmit part = record.value();
            assertThat(part.dedupKey()).isEqualTo(message.messageId() + ":1:1");
            assertThat(part.linkId()).isEqualTo(linkId("CMCC"));
            assertThat(part.carrier()).isEqualTo(Carrier.CMCC);
            assertThat(part.recipients()).containsExactly(new Recipient(message.messageId(), phone));
            assertThat(part.sourceAddr()).isEqualTo(message.sourceAddr());
            assertThat(part.segmentNumber()).isEqualTo(1);
            assertThat(part.segmentCount()).isEqualTo(1);
            assertThat(part.reference()).isBetween(1, 255);
            assertThat(part.text()).isEqualTo(message.text());
            assertThat(part.attempt()).isEqualTo(1);
            assertThat(part.expiresAt()).isEqualTo(message.expiresAt());
            assertThat(part.notBefore()).isNull();
        });
    }

    @Test
    void longMessageBecomesOneRecordPerPart() throws Exception {
        String phone = phone("139");
        AcceptedMessage message = message(phone, "【示例】" + "长".repeat(67 * 2 + 10), Instant.now().plus(1, ChronoUnit.HOURS));

        publisher.publish(Topics.SUBMIT, phone, message).get();

        List<OutboundSubmit> parts = awaitOutbound("CMCC", message.messageId(), 3).stream().map(ConsumerRecord::value).toList();
        assertThat(parts).extracting(OutboundSubmit::segmentNumber).containsExactly(1, 2, 3);
        assertThat(parts).extracting(OutboundSubmit::segmentCount).containsOnly(3);
        assertThat(parts).extracting(OutboundSubmit::reference).containsOnly(parts.get(0).reference());
        assertThat(parts).extracting(OutboundSubmit::dedupKey).containsExactly(
                message.messageId() + ":1:1", message.messageId() + ":2:1", message.messageId() + ":3:1");
        assertThat(String.join("", parts.stream().map(OutboundSubmit::text).toList())).isEqualTo(message.text());
    }

    @Test
    void eachCarrierHasItsLinkAndBroadnetTakesChinaMobiles() throws Exception {
        AcceptedMessage unicom = message(phone("130"), "【示例】联通", null);
        AcceptedMessage telecom = message(phone("133"), "【示例】电信", null);
        AcceptedMessage abroad = message("+4477" + digits(8), "【示例】international", null);
        AcceptedMessage broadnet = message(phone("192"), "【示例】广电", null);
        for (AcceptedMessage m : List.of(unicom, telecom, abroad, broadnet)) {
            publisher.publish(Topics.SUBMIT, m.phone(), m).get();
        }

        assertThat(awaitOutbound("CUCC", unicom.messageId(), 1)).singleElement()
                .satisfies(r -> assertThat(r.value().carrier()).isEqualTo(Carrier.CUCC));
        assertThat(awaitOutbound("CTCC", telecom.messageId(), 1)).singleElement()
                .satisfies(r -> assertThat(r.value().carrier()).isEqualTo(Carrier.CTCC));
        assertThat(awaitOutbound("INTL", abroad.messageId(), 1)).singleElement()
                .satisfies(r -> assertThat(r.value().carrier()).isEqualTo(Carrier.INTL));
        assertThat(awaitOutbound("CMCC", broadnet.messageId(), 1)).singleElement()
                .satisfies(r -> assertThat(r.value().linkId()).isEqualTo(linkId("CMCC")));
    }

    @Test
    void portedNumberGoesToItsNewCarrier() throws Exception {
        String phone = phone("138");
        redis.sync().setex("sms:np:" + phone, 600, "CTCC");
        AcceptedMessage message = message(phone, "【示例】携号转网", null);

        publisher.publish(Topics.SUBMIT, phone, message).get();

        assertThat(awaitOutbound("CTCC", message.messageId(), 1)).singleElement().satisfies(record -> {
            assertThat(record.value().carrier()).isEqualTo(Carrier.CTCC);
            assertThat(record.value().linkId()).isEqualTo(linkId("CTCC"));
        });
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), OutboundSubmit.class,
                part -> part.recipients().get(0).messageId().equals(message.messageId()))).isEmpty();
    }

    @Test
    void expiredMessageEndsAsFailed() throws Exception {
        String phone = phone("138");
        AcceptedMessage message = message(phone, "【示例】过期", Instant.now().minus(1, ChronoUnit.MINUTES));

        publisher.publish(Topics.SUBMIT, phone, message).get();

        assertThat(awaitStatus(message.messageId(), 1)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(message.messageId());
            assertThat(record.value().status()).isEqualTo(MessageStatus.FAILED);
            assertThat(record.value().phone()).isEqualTo(phone);
            assertThat(record.value().detail()).contains("expired");
        });
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), OutboundSubmit.class,
                part -> part.recipients().get(0).messageId().equals(message.messageId()))).isEmpty();
    }

    @Test
    void numberOfNoKnownCarrierEndsAsFailed() throws Exception {
        AcceptedMessage message = message(phone("140"), "【示例】无运营商", null);

        publisher.publish(Topics.SUBMIT, message.phone(), message).get();

        assertThat(awaitStatus(message.messageId(), 1)).singleElement()
                .satisfies(record -> assertThat(record.value().status()).isEqualTo(MessageStatus.FAILED));
    }

    @Test
    void poisonRecordIsDeadLetteredAndTheNextRecordIsStillRouted() throws Exception {
        String phone = phone("138");
        AcceptedMessage next = message(phone, "【示例】毒丸之后", null);

        publisher.publishBytes(Topics.SUBMIT, phone, "{not json".getBytes(StandardCharsets.UTF_8)).get();
        publisher.publish(Topics.SUBMIT, phone, next).get();

        assertThat(awaitOutbound("CMCC", next.messageId(), 1)).hasSize(1);
        assertThat(await(Topics.DEAD, DeadLetter.class, letter -> phone.equals(letter.key()), 1)).singleElement()
                .satisfies(record -> {
                    assertThat(record.value().service()).isEqualTo("router");
                    assertThat(record.value().topic()).isEqualTo(Topics.SUBMIT);
                    assertThat(record.value().value()).isEqualTo("{not json");
                    assertThat(record.value().error()).contains("AcceptedMessage");
                });
    }

    @Test
    void invalidPhoneIsDeadLettered() throws Exception {
        String key = "bad-" + digits(10);
        AcceptedMessage message = message("12345", "【示例】坏号码", null);

        publisher.publish(Topics.SUBMIT, key, message).get();

        assertThat(await(Topics.DEAD, DeadLetter.class, letter -> key.equals(letter.key()), 1)).singleElement()
                .satisfies(record -> assertThat(record.value().error()).contains("invalid phone"));
    }

    @Test
    void retryIsRepublishedToItsLinkNoEarlierThanItsNotBefore() throws Exception {
        String phone = phone("138");
        String messageId = TestInfra.unique("retry");
        Instant notBefore = Instant.now().plus(1, ChronoUnit.SECONDS);
        OutboundSubmit retry = retryPart(messageId, phone, 2, notBefore);

        publisher.publish(Topics.RETRY, phone, retry).get();

        assertThat(awaitOutbound("CMCC", messageId, 1)).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(retry);
            assertThat(record.key()).isEqualTo(phone);
            assertThat(Instant.ofEpochMilli(record.timestamp())).isAfterOrEqualTo(notBefore.truncatedTo(ChronoUnit.MILLIS));
        });
    }

    @Test
    void retryBeyondTheAttemptLimitEndsAsFailed() throws Exception {
        String phone = phone("138");
        String messageId = TestInfra.unique("exhausted");

        publisher.publish(Topics.RETRY, phone, retryPart(messageId, phone, MAX_ATTEMPTS + 1, null)).get();

        assertThat(awaitStatus(messageId, 1)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(messageId);
            assertThat(record.value().status()).isEqualTo(MessageStatus.FAILED);
            assertThat(record.value().segment()).isEqualTo(1);
            assertThat(record.value().linkId()).isEqualTo(linkId("CMCC"));
            assertThat(record.value().detail()).contains(String.valueOf(MAX_ATTEMPTS));
        });
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), OutboundSubmit.class,
                part -> part.recipients().get(0).messageId().equals(messageId))).isEmpty();
    }

    @Test
    void retryOfAnExpiredPartEndsAsFailed() throws Exception {
        String phone = phone("138");
        String messageId = TestInfra.unique("late");
        OutboundSubmit late = new OutboundSubmit(OutboundSubmit.VERSION, messageId + ":1:2", linkId("CMCC"), Carrier.CMCC,
                List.of(new Recipient(messageId, phone)), "10690123456", 1, 1, 7, "【示例】重试", 2,
                Instant.now().minus(1, ChronoUnit.MINUTES), null);

        publisher.publish(Topics.RETRY, phone, late).get();

        assertThat(awaitStatus(messageId, 1)).singleElement()
                .satisfies(record -> assertThat(record.value().status()).isEqualTo(MessageStatus.FAILED));
    }

    private static OutboundSubmit retryPart(String messageId, String phone, int attempt, Instant notBefore) {
        return new OutboundSubmit(OutboundSubmit.VERSION, messageId + ":1:" + attempt, linkId("CMCC"), Carrier.CMCC,
                List.of(new Recipient(messageId, phone)), "10690123456", 1, 1, 42, "【示例】重试", attempt,
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), notBefore);
    }

    private static String linkId(String carrier) {
        return PREFIX + "-" + carrier.toLowerCase();
    }

    private static AcceptedMessage message(String phone, String text, Instant expiresAt) {
        return new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("msg"), "app-test", MessageType.NOTIFICATION,
                phone, text, "1069012345601", 1, null, Instant.now(), expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS), null);
    }

    private static String phone(String prefix) {
        return prefix + digits(8);
    }

    private static String digits(int n) {
        StringBuilder out = new StringBuilder();
        ThreadLocalRandom.current().ints(n, 0, 10).forEach(out::append);
        return out.toString();
    }

    private static List<ConsumerRecord<String, OutboundSubmit>> awaitOutbound(String carrier, String messageId, int count) {
        return await(Topics.outbound(linkId(carrier)), OutboundSubmit.class,
                part -> part.recipients().get(0).messageId().equals(messageId), count);
    }

    private static List<ConsumerRecord<String, StatusEvent>> awaitStatus(String messageId, int count) {
        return await(Topics.STATUS, StatusEvent.class, event -> event.messageId().equals(messageId), count);
    }

    /** Reads the topic from the beginning with a fresh group until {@code count} records match, or 30 s pass. */
    private static <T> List<ConsumerRecord<String, T>> await(String topic, Class<T> type, Predicate<T> match, int count) {
        return read(topic, WAIT, type, match, found -> found.size() >= count);
    }

    /** Everything that matches within {@code window}: for asserting that something did not happen. */
    private static <T> List<ConsumerRecord<String, T>> readAll(String topic, Duration window, Class<T> type, Predicate<T> match) {
        return read(topic, window, type, match, found -> false);
    }

    private static <T> List<ConsumerRecord<String, T>> read(String topic, Duration window, Class<T> type, Predicate<T> match,
                                                          Predicate<List<?>> enough) {
        List<ConsumerRecord<String, T>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.manualCommitConsumer(TestKafka.bootstrapServers(),
                TestInfra.unique("router-test-reader"), "router-test-reader", 500)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + window.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    T value = parse(record.value(), type);
                    if (value != null && match.test(value)) {
                        found.add(typed(record, value));
                    }
                }
            }
        }
        return found;
    }

    private static <T> T parse(byte[] json, Class<T> type) {
        try {
            return SmsJson.read(json, type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <T> ConsumerRecord<String, T> typed(ConsumerRecord<String, byte[]> record, T value) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), value,
                record.headers(), record.leaderEpoch());
    }
}
