package org.sms1069.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.MessageType;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TopicReader;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two router instances in one JVM sharing the consumer groups: a second one joins while 200 (or more)
 * messages stream in, the partitions move, and every message reaches its link at least once; a repeat (work
 * done before the move and redone after it) carries the same dedup key, which the gateway suppresses.
 */
class ScaleOutIntegrationTest {
    private static final String LINK = TestInfra.unique("so") + "-cmcc";
    private final List<ConfigurableApplicationContext> routers = new ArrayList<>();

    @AfterEach
    void stopRouters() {
        routers.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aSecondInstanceJoiningMidStreamLosesNothing() throws Exception {
        routers.add(startRouter());
        List<AcceptedMessage> messages = new ArrayList<>();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        try (Publisher publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "scale-test"))) {
            // 200 messages, the second instance joining after the first 50; the stream goes on (bounded: 30 s after
            // the second instance has started, which on a loaded machine takes a while itself) until the second
            // instance has taken over partitions and routed some of them
            long deadline = Long.MAX_VALUE;
            for (int i = 0; i < 200 || (routed(routers.get(1)) == 0 && System.nanoTime() < deadline); i++) {
                if (i == 50) {
                    routers.add(startRouter());
                    deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
                }
                AcceptedMessage message = message(phone());
                messages.add(message);
                acks.add(publisher.publish(Topics.SUBMIT, message.phone(), message));
                if (i >= 50) {
                    Thread.sleep(20);
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        }
        Set<String> ids = messages.stream().map(AcceptedMessage::messageId).collect(Collectors.toSet());

        List<ConsumerRecord<String, OutboundSubmit>> routed = TopicReader.read(Topics.outbound(LINK), TopicReader.WAIT,
                part -> ids.contains(part.recipients().get(0).messageId()),
                found -> found.stream().map(r -> ((OutboundSubmit) ((ConsumerRecord<?, ?>) r).value())
                        .recipients().get(0).messageId()).collect(Collectors.toSet()).size() >= ids.size());

        Map<String, Set<String>> keysByMessage = routed.stream().collect(Collectors.groupingBy(
                r -> r.value().recipients().get(0).messageId(), Collectors.mapping(r -> r.value().dedupKey(), Collectors.toSet())));
        assertThat(keysByMessage.keySet()).as("every message routed").isEqualTo(ids);
        assertThat(keysByMessage.values()).as("repeats only under the same dedup key").allSatisfy(keys -> assertThat(keys).hasSize(1));
        assertThat(routers).as("both instances did part of the work").allSatisfy(router -> assertThat(routed(router)).isPositive());
    }

    private static double routed(ConfigurableApplicationContext router) {
        return router.getBean(MeterRegistry.class).find("sms_router_routed_total").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static ConfigurableApplicationContext startRouter() {
        return RunningRouter.application(List.of(new RunningRouter.Link(LINK, "CMCC", "SMPP34")));
    }

    private static AcceptedMessage message(String phone) {
        return new AcceptedMessage(AcceptedMessage.VERSION, TestInfra.unique("scale"), "app-test", MessageType.NOTIFICATION,
                phone, "【示例】扩容", "1069012345601", 1, null, Instant.now(),
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), null);
    }

    private static String phone() {
        StringBuilder out = new StringBuilder("138");
        ThreadLocalRandom.current().ints(8, 0, 10).forEach(out::append);
        return out.toString();
    }
}
