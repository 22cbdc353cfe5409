package org.sms1069.gateway.dispatch;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one poll of single-part messages costs in Redis, counted on the gateway's own connection (commands sent; a
 * script is one): the claims, the settling, the correlations and the receipts of a poll go in a few batches, and
 * nothing of a part waits in Redis once its receipt came.
 */
class RedisBudgetTest {
    private static final int PARTS = 200;

    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private final RedisClient client = RedisClient.create(TestInfra.redisUri());
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Publisher publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "budget-test"));

    @AfterEach
    void close() {
        publisher.close();
        scheduler.shutdownNow();
        client.shutdown();
    }

    @Test
    void aPollOfSinglePartMessagesCostsUnderOneCommandPerMessageAndLeavesNothingWaiting() throws Exception {
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sent.computeIfAbsent(event.getCommand().getType().toString(), t -> new AtomicInteger()).incrementAndGet();
            }
        });
        TopicAdmin.ensure(TestKafka.bootstrapServers(), (short) 1, List.of(TopicSpec.of(Topics.STATUS, 3),
                TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        StatefulRedisConnection<String, String> redis = client.connect();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String id = TestInfra.unique("budget");
        LinkSettings settings = new LinkSettings(id, Carrier.CMCC, Protocol.SMPP34, "127.0.0.1", 2775, id, "pw", null,
                "10690123456", 1, 64, 1000, 100, 0, 0, null, null, null);
        CarrierLink link = new AnsweringLink(settings);
        ReceiptCorrelator correlator = new ReceiptCorrelator(redis.async(), Duration.ofMinutes(10), meters);
        LinkHealthReporter health = new LinkHealthReporter(publisher, meters, Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        health.register(link);
        OutboundDispatcher dispatcher = new OutboundDispatcher(link, new PartClaims(redis.async(), Duration.ofSeconds(30),
                Duration.ofMinutes(10), "budget"), scheduler, correlator, new IgnoringSink(), health, publisher,
                TextSeal.ofBase64(TestInfra.randomKey()),
                new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), meters, Clock.systemUTC());

        long memoryBefore = usedMemory(redis);
        List<CompletableFuture<?>> handled = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
            String messageId = id + "-m" + i;
            OutboundSubmit part = new OutboundSubmit(OutboundSubmit.VERSION, messageId + ":1:1", id, Carrier.CMCC,
                    List.of(new Recipient(messageId, "1380013" + String.format("%04d", i), null, "0:" + i)),
                    "10690123456", 1, 1, 1, "【示例】您的验证码是123456", 1, null, null);
            handled.add(dispatcher.handle(new Received<>("sms.out." + id, 0, i, part.recipients().get(0).phone(), part))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(handled.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int submitCommands = total();
        long inFlight = usedMemory(redis) - memoryBefore;
        assertThat(correlator.waiting(settings.receiptScope()).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(PARTS);

        sent.clear();
        List<CompletableFuture<?>> matched = new ArrayList<>();
        for (int i = 0; i < PARTS; i++) {
            matched.add(correlator.match(new Receipt(id, settings.receiptScope(), carrierId(i), "86" + "1380013"
                    + String.format("%04d", i), "DELIVRD", "000", Instant.now())).toCompletableFuture());
        }
        CompletableFuture.allOf(matched.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        int receiptCommands = total();
        long afterReceipts = usedMemory(redis) - memoryBefore;
        matched.forEach(found -> assertThat(found.join()).isNotEqualTo(Optional.empty()));

        System.out.printf("gateway Redis commands for %d single-part messages: %d to submit, %d for receipts (%.3f per message)%n",
                PARTS, submitCommands, receiptCommands, (submitCommands + receiptCommands) / (double) PARTS);
        // printed only: on a Redis shared with other work the figure is noise (measure on a Redis of your own)
        System.out.printf("Redis used_memory per message: %d bytes in flight, %d after the receipts (settled, kept %s)%n",
                inFlight / PARTS, afterReceipts / PARTS, "10 min");
        assertThat(submitCommands + receiptCommands).isLessThanOrEqualTo(PARTS);
        assertThat(correlator.waiting(settings.receiptScope()).toCompletableFuture().get(10, TimeUnit.SECONDS)).isZero();
        redis.close();
    }

    private static long usedMemory(StatefulRedisConnection<String, String> redis) {
        return redis.sync().info("memory").lines().filter(line -> line.startsWith("used_memory:"))
                .mapToLong(line -> Long.parseLong(line.substring("used_memory:".length()).strip())).findFirst().orElse(0);
    }

    private int total() {
        return sent.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static String carrierId(long n) {
        return Long.toHexString(0xA000 + n).toUpperCase();
    }

    /** The carrier accepts every submit at once, with an id of its own per part. */
    private static final class AnsweringLink extends AlwaysConnectedLink {
        private final AtomicInteger next = new AtomicInteger();

        AnsweringLink(LinkSettings settings) {
            super(settings);
        }

        @Override
        public CompletionStage<SubmitResult> submit(OutboundSubmit part) {
            String phone = part.recipients().get(0).phone();
            int n = Integer.parseInt(phone.substring(phone.length() - 4));
            next.incrementAndGet();
            return CompletableFuture.completedFuture(new SubmitResult.Accepted(List.of(carrierId(n))));
        }
    }

    private static final class IgnoringSink implements InboundSink {
        @Override
        public CompletionStage<Void> onReceipt(Receipt receipt) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> onMo(MoPart part) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
