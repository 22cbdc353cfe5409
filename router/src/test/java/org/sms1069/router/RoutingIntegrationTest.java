package org.sms1069.router;

import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.LinkHealth;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.PartKey;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.router.link.LinkSelector;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TopicReader;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sms1069.testkit.TopicReader.readAll;

/**
 * Portability (admin endpoints, bad overrides, learning from an NP receipt), link health (failover,
 * waiting and release), scheduled sends, batching and per-phone order, against the real broker and
 * Redis. Links and phones are unique to this class.
 */
class RoutingIntegrationTest {
    private static final String PREFIX = TestInfra.unique("rf");
    private static final String TOKEN = TestInfra.unique("token");
    /** id, carrier, protocol */
    private static final String[][] LINKS = {
            {"cmcc-a", "CMCC", "SMPP34"}, {"cmcc-b", "CMCC", "SMPP34"}, {"cucc", "CUCC", "CMPP30"},
            {"ctcc", "CTCC", "SMPP34"}, {"intl", "INTL", "SMPP34"}};

    private static RunningRouter router;
    private static Publisher publisher;
    private static RedisCommands<String, String> redis;
    private static WebTestClient http;

    @BeforeAll
    static void startRouter() {
        List<RunningRouter.Link> links = Arrays.stream(LINKS)
                .map(link -> new RunningRouter.Link(linkId(link[0]), link[1], link[2])).toList();
        router = RunningRouter.start("routing-test", links,
                "--sms.router.admin-token=" + TOKEN,
                "--sms.router.link-recheck=1s",
                "--sms.router.link-max-wait=60s",
                "--sms.router.batch-window=50ms");
        publisher = router.publisher();
        redis = router.redis();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + router.port())
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopRouter() {
        if (router != null) {
            router.close();
        }
    }

    @Test
    void adminEndpointsNeedTheTokenAndLoadAndSetOverrides() throws Exception {
        String a = phone("138");
        String b = phone("139");
        String c = phone("130");

        http.post().uri("/admin/portability").contentType(MediaType.parseMediaType("text/csv")).bodyValue(a + ",CTCC\n")
                .exchange().expectStatus().isUnauthorized();
        http.put().uri("/admin/portability/" + a).header("X-Router-Admin-Token", "wrong")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("carrier", "CTCC"))
                .exchange().expectStatus().isUnauthorized();
        assertThat(redis.exists("sms:np:" + a)).isZero();

        http.post().uri("/admin/portability").header("X-Router-Admin-Token", TOKEN)
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("phone,carrier\n" + a + ",CTCC\n+86 " + b + "\tcucc\nnot-a-phone,CMCC\n")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.loaded").isEqualTo(2).jsonPath("$.rejected").isEqualTo(1)
                .jsonPath("$.errors[0]").value(e -> assertThat((String) e).startsWith("line 4:"));
        assertThat(redis.get("sms:np:" + a)).isEqualTo("CTCC");
        assertThat(redis.get("sms:np:" + b)).isEqualTo("CUCC");

        http.put().uri("/admin/portability/" + c).header("X-Router-Admin-Token", TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("carrier", "CMCC"))
                .exchange().expectStatus().isNoContent();
        http.put().uri("/admin/portability/" + c).header("X-Router-Admin-Token", TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("carrier", "NOKIA"))
                .exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST);
        http.get().uri("/admin/portability/" + c).header("X-Router-Admin-Token", TOKEN).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.override").isEqualTo("CMCC").jsonPath("$.segment").isEqualTo("CUCC")
                .jsonPath("$.carrier").isEqualTo("CMCC");

        AcceptedMessage toC = message(c, "【示例】转网到移动");
        publisher.publish(Topics.SUBMIT, c, toC).get();
        assertThat(awaitOnCarrier(Carrier.CMCC, toC.messageId())).extracting(OutboundSubmit::carrier).isEqualTo(Carrier.CMCC);
    }

    @Test
    void anOverrideThatIsNoCarrierFallsBackToTheSegment() throws Exception {
        String phone = phone("133");
        redis.setex("sms:np:" + phone, 600, "garbage");
        AcceptedMessage message = message(phone, "【示例】坏覆盖");

        publisher.publish(Topics.SUBMIT, phone, message).get();

        assertThat(awaitOnCarrier(Carrier.CTCC, message.messageId()).linkId()).isEqualTo(linkId("ctcc"));
        assertThat(meters().counter("sms_router_portability_invalid_total").count()).isPositive();
    }

    @Test
    void anNpReceiptTeachesTheOverrideAndTheMessageGoesAgainOnTheOtherCarrier() throws Exception {
        String phone = phone("138");
        AcceptedMessage message = message(phone, "【示例】您的订单已发货");
        publisher.publish(Topics.SUBMIT, phone, message).get();
        OutboundSubmit first = awaitOnCarrier(Carrier.CMCC, message.messageId());
        assertThat(first.dedupKey()).isEqualTo(message.messageId() + ":1:1");
        // nothing of the message waits in Redis: the receipt names where it lies on sms.submit, as the gateway's do
        assertThat(redis.exists("sms:msg:" + message.messageId())).isZero();
        String origin = first.recipients().get(0).origin();
        assertThat(origin).matches("\\d+:\\d+");

        StatusEvent ported = new StatusEvent(StatusEvent.VERSION, message.messageId(), phone, 1, 1,
                MessageStatus.UNDELIVERED, Carrier.CMCC, first.linkId(), "c-1", "NP:0001", null, Instant.now(), origin);
        publisher.publish(Topics.STATUS, message.messageId(), ported).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> "CUCC".equals(redis.get("sms:np:" + phone)));
        List<ConsumerRecord<String, OutboundSubmit>> again = TopicReader.await(Topics.outbound(linkId("cucc")),
                part -> hasMessage(part, message.messageId()), 1);
        assertThat(again).singleElement().satisfies(record -> {
            assertThat(record.value().carrier()).isEqualTo(Carrier.CUCC);
            assertThat(record.value().recipients()).anySatisfy(r -> assertThat(r.messageId() + " " + r.phone())
                    .isEqualTo(message.messageId() + " " + phone));
            assertThat(record.value().dedupKey()).satisfiesAnyOf(
                    key -> assertThat(key).isEqualTo(message.messageId() + "~np1:1:1"),
                    key -> assertThat(key).startsWith("b-"));
        });

        // the second carrier says ported too: learned further, but the message is not sent a third time
        publisher.publish(Topics.STATUS, message.messageId(), new StatusEvent(StatusEvent.VERSION, message.messageId(),
                phone, 1, 1, MessageStatus.UNDELIVERED, Carrier.CUCC, linkId("cucc"), "c-2", "NP:0001", null, Instant.now(),
                again.get(0).value().recipients().get(0).origin())).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> "CTCC".equals(redis.get("sms:np:" + phone)));
        assertThat(readAll(Topics.outbound(linkId("ctcc")), Duration.ofSeconds(3), part -> hasMessage(part, message.messageId()))).isEmpty();
    }

    @Test
    void aDownLinksPhonesFailOverToTheCarriersOtherLink() throws Exception {
        String phone = phoneOn("cmcc-a");
        health("cmcc-a", LinkHealth.State.DOWN);
        try {
            AcceptedMessage message = message(phone, "【示例】故障转移");
            publisher.publish(Topics.SUBMIT, phone, message).get();

            OutboundSubmit part = awaitOnCarrier(Carrier.CMCC, message.messageId());
            assertThat(part.linkId()).isEqualTo(linkId("cmcc-b"));
            assertThat(meters().counter("sms_router_failovers_total", "carrier", "CMCC", "from", linkId("cmcc-a"),
                    "to", linkId("cmcc-b")).count()).isPositive();
        } finally {
            health("cmcc-a", LinkHealth.State.UP);
        }
    }

    @Test
    void messagesWaitWhileTheCarrierHasNoHealthyLinkAndGoWhenItRecovers() throws Exception {
        String phone = phone("189");
        health("ctcc", LinkHealth.State.THROTTLED);
        AcceptedMessage message = message(phone, "【示例】等待链路");
        try {
            publisher.publish(Topics.SUBMIT, phone, message).get();

            await().atMost(Duration.ofSeconds(30)).until(() -> meters().get("sms_router_waiting_messages").gauge().value() >= 1);
            assertThat(readAll(Topics.outbound(linkId("ctcc")), Duration.ofSeconds(3), part -> hasMessage(part, message.messageId()))).isEmpty();
        } finally {
            health("ctcc", LinkHealth.State.UP);
        }
        OutboundSubmit part = awaitOnCarrier(Carrier.CTCC, message.messageId());
        assertThat(part.dedupKey()).isEqualTo(message.messageId() + ":1:1");
        assertThat(part.waitingSince()).isNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> meters().get("sms_router_waiting_messages").gauge().value() == 0);
    }

    @Test
    void aScheduledSendLeavesAtItsTime() throws Exception {
        String phone = phone("133");
        Instant sendAt = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        AcceptedMessage message = new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("sched"), "app-test",
                MessageType.NOTIFICATION, phone, "【示例】定时发送", "1069012345601", 1, null, Instant.now(),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), sendAt);

        publisher.publish(Topics.SUBMIT, phone, message).get();

        assertThat(TopicReader.await(Topics.SCHEDULED, p -> hasMessage(p, message.messageId()), 1))
                .singleElement().satisfies(r -> assertThat(r.value().notBefore()).isEqualTo(sendAt));
        List<ConsumerRecord<String, OutboundSubmit>> sent = TopicReader.await(Topics.outbound(linkId("ctcc")),
                p -> hasMessage(p, message.messageId()), 1);
        assertThat(sent).singleElement().satisfies(r ->
                assertThat(Instant.ofEpochMilli(r.timestamp())).isAfterOrEqualTo(sendAt));
    }

    @Test
    void identicalContentToSeveralPhonesSharesOneSubmitOnAMultiDestinationLink() throws Exception {
        String text = "【示例】" + TestInfra.unique("batch");
        List<AcceptedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            messages.add(message(phone("130"), text));
        }
        List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
        messages.forEach(m -> acks.add(publisher.publish(Topics.SUBMIT, m.phone(), m)));
        java.util.concurrent.CompletableFuture.allOf(acks.toArray(java.util.concurrent.CompletableFuture[]::new)).get();

        List<OutboundSubmit> parts = TopicReader.read(Topics.outbound(linkId("cucc")), TopicReader.WAIT,
                p -> p.text().equals(text),
                found -> found.stream().mapToInt(r -> ((ConsumerRecord<?, OutboundSubmit>) r).value().recipients().size()).sum() >= 30)
                .stream().map(ConsumerRecord::value).toList();

        assertThat(parts.stream().flatMap(p -> p.recipients().stream()).map(Recipient::messageId))
                .containsExactlyInAnyOrderElementsOf(messages.stream().map(AcceptedMessage::messageId).toList());
        assertThat(parts).as("30 phones over 3 partitions share submits").anySatisfy(p -> assertThat(p.recipients().size()).isGreaterThan(1));
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.recipients().size()).isLessThanOrEqualTo(100);
            if (p.recipients().size() > 1) {
                assertThat(p.dedupKey()).startsWith("b-");
            }
        });
    }

    /** Each recipient goes out under its own key: a re-routed message's key keeps its re-route, or it would match the first route's done part. */
    @Test
    void aBatchSplitForAnSmppLinkKeepsEveryRecipientsOwnKey() throws Exception {
        List<Recipient> recipients = List.of(
                new Recipient(TestInfra.unique("split"), phone("189"), null, null),
                new Recipient(TestInfra.unique("split"), phone("189"), null, null));
        List<Recipient> keyed = recipients.stream()
                .map(r -> r.withDedupKey(PartKey.of(r.messageId(), 1, 1, 1).toString())).toList();
        OutboundSubmit batch = new OutboundSubmit(OutboundSubmit.VERSION,
                PartKey.batch(keyed.stream().map(Recipient::dedupKey).toList(), 1, 1).toString(), linkId("ctcc"),
                Carrier.CTCC, keyed, "1069012345601", 1, 1, 7, "【示例】改道后拆分", 1,
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), null);

        publisher.publish(Topics.RETRY, keyed.get(0).phone(), batch).get();

        for (Recipient r : keyed) {
            assertThat(awaitOnCarrier(Carrier.CTCC, r.messageId())).satisfies(single -> {
                assertThat(single.recipients()).hasSize(1);
                assertThat(single.dedupKey()).isEqualTo(r.messageId() + "~np1:1:1");
            });
        }
    }

    @Test
    void onePhonesMessagesReachTheLinkInTheOrderTheyCame() throws Exception {
        String phone = phone("131");
        List<AcceptedMessage> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // long and short mixed: a long one takes more Redis round trips before it can go out
            String text = i % 3 == 0 ? "【示例】第" + i + "条" + "长".repeat(80) : "【示例】第" + i + "条";
            messages.add(message(phone, text));
        }
        for (AcceptedMessage m : messages) {
            publisher.publish(Topics.SUBMIT, phone, m);
        }
        List<String> ids = messages.stream().map(AcceptedMessage::messageId).toList();

        List<ConsumerRecord<String, OutboundSubmit>> records = TopicReader.read(Topics.outbound(linkId("cucc")),
                TopicReader.WAIT, p -> ids.contains(p.recipients().get(0).messageId()),
                found -> found.size() >= 20 + 7);

        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());
        LinkedHashSet<String> arrival = new LinkedHashSet<>();
        records.forEach(r -> arrival.add(r.value().recipients().get(0).messageId()));
        assertThat(List.copyOf(arrival)).containsExactlyElementsOf(ids);
    }

    private static boolean hasMessage(OutboundSubmit part, String messageId) {
        return part.recipients().stream().anyMatch(r -> r.messageId().equals(messageId));
    }

    private static OutboundSubmit awaitOnCarrier(Carrier carrier, String messageId) {
        List<String> topics = switch (carrier) {
            case CMCC -> List.of(linkId("cmcc-a"), linkId("cmcc-b"));
            case CUCC -> List.of(linkId("cucc"));
            case CTCC -> List.of(linkId("ctcc"));
            default -> List.of(linkId("intl"));
        };
        long deadline = System.nanoTime() + TopicReader.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String link : topics) {
                List<ConsumerRecord<String, OutboundSubmit>> found = readAll(Topics.outbound(link), Duration.ofSeconds(2),
                        p -> hasMessage(p, messageId));
                if (!found.isEmpty()) {
                    return found.get(0).value();
                }
            }
        }
        throw new AssertionError(messageId + " reached no link of " + carrier);
    }

    private static void health(String link, LinkHealth.State state) throws Exception {
        publisher.publish(Topics.LINK_HEALTH, linkId(link), new LinkHealth(LinkHealth.VERSION, linkId(link),
                Carrier.valueOf(link.startsWith("cmcc") ? "CMCC" : link.startsWith("cucc") ? "CUCC" : "CTCC"),
                state, 0, 0, Instant.now())).get();
        // the router's view is read asynchronously: wait until it sees the state
        await().atMost(Duration.ofSeconds(30)).until(() ->
                router.bean(RouterRuntime.class).linkHealth(linkId(link)) == state);
    }

    private static MeterRegistry meters() {
        return router.bean(MeterRegistry.class);
    }

    /** A China Mobile phone whose configured link (by weight) is {@code link}. */
    private static String phoneOn(String link) {
        LinkSelector selector = new LinkSelector(router.bean(org.sms1069.router.config.RouterProperties.class).links(), Map.of());
        while (true) {
            String phone = phone("138");
            if (selector.select(Carrier.CMCC, phone).orElseThrow().id().equals(linkId(link))) {
                return phone;
            }
        }
    }

    private static String linkId(String name) {
        return PREFIX + "-" + name;
    }

    private static AcceptedMessage message(String phone, String text) {
        return new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("msg"), "app-test", MessageType.NOTIFICATION,
                phone, text, "1069012345601", 1, null, Instant.now(),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), null);
    }

    private static String phone(String prefix) {
        StringBuilder out = new StringBuilder(prefix);
        ThreadLocalRandom.current().ints(8, 0, 10).forEach(out::append);
        return out.toString();
    }
}
