package org.sms1069.router;

import io.lettuce.core.api.sync.RedisCommands;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.TestInfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.testkit.TopicReader.await;
import static org.sms1069.testkit.TopicReader.readAll;

/**
 * The router application in-process against the real broker and Redis. Topic names and the consumer
 * group are shared, so every test uses its own phones and message ids and reads only those.
 */
class RouterIntegrationTest {
    private static final int MAX_ATTEMPTS = 3;
    private static final String PREFIX = TestInfra.unique("rt");
    private static final String[] CARRIERS = {"CMCC", "CUCC", "CTCC", "INTL"};

    private static RunningRouter router;
    private static Publisher publisher;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void startRouter() {
        List<RunningRouter.Link> links = Arrays.stream(CARRIERS)
                .map(carrier -> new RunningRouter.Link(linkId(carrier), carrier, "SMPP34")).toList();
        router = RunningRouter.start("router-test", links, "--sms.retry.max-attempts=" + MAX_ATTEMPTS);
        publisher = router.publisher();
        redis = router.redis();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void shortMessageGoesToTheCarriersLinkTopic() throws Exception {
        String phone = phone("138");
        AcceptedMessage message = message(phone, "【示例】您的验证码是123456，5分钟内有效。", Instant.now().plus(1, ChronoUnit.HOURS));

        RecordMetadata submitted = publisher.publish(Topics.SUBMIT, phone, message).get();

        List<ConsumerRecord<String, OutboundSubmit>> parts = awaitOutbound("CMCC", message.messageId(), 1);
        assertThat(parts).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(phone);
            OutboundSubmit part = record.value();
            assertThat(part.dedupKey()).isEqualTo(message.messageId() + ":1:1");
            assertThat(part.linkId()).isEqualTo(linkId("CMCC"));
            assertThat(part.carrier()).isEqualTo(Carrier.CMCC);
            // the recipient names where the message lies on sms.submit, for a portability re-route to read it back
            assertThat(part.recipients()).containsExactly(new Recipient(message.messageId(), phone, null,
                    submitted.partition() + ":" + submitted.offset()));
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
    void aVerificationTextStaysSealedOnTheLinkTopic() throws Exception {
        TextSeal seal = TextSeal.ofBase64(RunningRouter.TEXT_KEY);
        String phone = phone("136");
        String text = "【示例】您的验证码是K7QX2M，5分钟内有效。";
        AcceptedMessage clear = new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("msg"), "app-test",
                MessageType.VERIFICATION, phone, text, "1069012345601", 1, null, Instant.now(), null, null);

        publisher.publish(Topics.SUBMIT, phone, clear.sealedWith(seal)).get();

        ConsumerRecord<String, OutboundSubmit> record = awaitOutbound("CMCC", clear.messageId(), 1).get(0);
        OutboundSubmit part = record.value();
        assertThat(part.sealed()).isTrue();
        assertThat(part.text()).doesNotContain("K7QX2M");
        assertThat(part.openedWith(seal).text()).isEqualTo(text);
    }

    @Test
    void aSealedTextTheKeyDoesNotOpenIsADeadLetterNotAPart() throws Exception {
        String phone = phone("135");
        AcceptedMessage foreign = new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("msg"), "app-test",
                MessageType.VERIFICATION, phone, "【示例】您的验证码是482913。", "1069012345601", 1, null, Instant.now(), null,
                null).sealedWith(TextSeal.ofBase64(TestInfra.randomKey()));

        publisher.publish(Topics.SUBMIT, phone, foreign).get();

        assertThat(await(Topics.DEAD, letter -> letter.value() != null && letter.value().contains(foreign.messageId()), 1))
                .singleElement().satisfies(letter -> assertThat(letter.value().error()).contains("sms.kafka.text-key"));
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(1), part -> true))
                .noneMatch(r -> r.value().recipients().get(0).messageId().equals(foreign.messageId()));
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
        redis.setex("sms:np:" + phone, 600, "CTCC");
        AcceptedMessage message = message(phone, "【示例】携号转网", null);

        publisher.publish(Topics.SUBMIT, phone, message).get();

        assertThat(awaitOutbound("CTCC", message.messageId(), 1)).singleElement().satisfies(record -> {
            assertThat(record.value().carrier()).isEqualTo(Carrier.CTCC);
            assertThat(record.value().linkId()).isEqualTo(linkId("CTCC"));
        });
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), part -> part.recipients().get(0).messageId().equals(message.messageId()))).isEmpty();
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
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), part -> part.recipients().get(0).messageId().equals(message.messageId()))).isEmpty();
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

        publisher.publishBytes(Topics.SUBMIT.name(), phone, "{not json".getBytes(StandardCharsets.UTF_8)).get();
        publisher.publish(Topics.SUBMIT, phone, next).get();

        assertThat(awaitOutbound("CMCC", next.messageId(), 1)).hasSize(1);
        assertThat(await(Topics.DEAD, letter -> phone.equals(letter.key()), 1)).singleElement()
                .satisfies(record -> {
                    assertThat(record.value().service()).isEqualTo("router");
                    assertThat(record.value().topic()).isEqualTo(Topics.SUBMIT.name());
                    assertThat(record.value().value()).isEqualTo("{not json");
                    assertThat(record.value().error()).contains("AcceptedMessage");
                });
    }

    @Test
    void invalidPhoneIsDeadLettered() throws Exception {
        String key = "bad-" + digits(10);
        AcceptedMessage message = message("12345", "【示例】坏号码", null);

        publisher.publish(Topics.SUBMIT, key, message).get();

        assertThat(await(Topics.DEAD, letter -> key.equals(letter.key()), 1)).singleElement()
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
        assertThat(readAll(Topics.outbound(linkId("CMCC")), Duration.ofSeconds(2), part -> part.recipients().get(0).messageId().equals(messageId))).isEmpty();
    }

    @Test
    void flowControlAnswersDoNotUseUpTheAttemptLimit() throws Exception {
        String phone = phone("138");
        String messageId = TestInfra.unique("throttled");
        OutboundSubmit part = retryPart(messageId, phone, 1, null);
        for (int i = 0; i < MAX_ATTEMPTS + 2; i++) {
            part = part.nextAttempt(messageId + ":1:" + (part.attempt() + 1), part.recipients(), null, "SMGP:1", true);
        }
        OutboundSubmit throttled = part;

        publisher.publish(Topics.RETRY, phone, throttled).get();

        assertThat(awaitOutbound("CMCC", messageId, 1)).singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo(throttled));
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
        return await(Topics.outbound(linkId(carrier)), part -> part.recipients().get(0).messageId().equals(messageId), count);
    }

    private static List<ConsumerRecord<String, StatusEvent>> awaitStatus(String messageId, int count) {
        return await(Topics.STATUS, event -> event.messageId().equals(messageId), count);
    }
}
