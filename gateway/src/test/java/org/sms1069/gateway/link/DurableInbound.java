package org.sms1069.gateway.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.sms1069.gateway.dlr.InboundProcessor;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.mo.MoAssembler;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TestRedis;
import org.sms1069.testkit.TopicReader;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The gateway's own inbound processing ({@link InboundProcessor} over the real Redis and a real Kafka broker), or the
 * same with a broker that cannot be reached, as when Kafka is down: every publish then fails after a short wait.
 */
public final class DurableInbound implements AutoCloseable {
    private static final Duration UNREACHABLE_WAIT = Duration.ofMillis(500);

    public final InboundProcessor processor;
    private final Publisher publisher;
    private final ExecutorService publishing = Executors.newSingleThreadExecutor();

    private DurableInbound(KafkaProducer<String, byte[]> producer) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        publisher = new Publisher(producer);
        processor = new InboundProcessor(new ReceiptCorrelator(TestRedis.async(), Duration.ofHours(1), meters),
                new MoAssembler(TestRedis.async(), Duration.ofMinutes(1), Clock.systemUTC(), meters), publisher, publishing, meters,
                Clock.systemUTC());
    }

    /** Publishes to the test broker, where {@code sms.mo}, {@code sms.status} and {@code sms.receipt.orphan} exist. */
    public static DurableInbound broker() {
        String bootstrap = TestKafka.bootstrapServers();
        TopicAdmin.ensure(bootstrap, (short) 1, List.of(TopicSpec.of(Topics.MO, 3), TopicSpec.of(Topics.STATUS, 3),
                TopicSpec.of(Topics.ORPHAN_RECEIPTS, 3)));
        return new DurableInbound(KafkaClients.reliableProducer(bootstrap, TestInfra.unique("inbound")));
    }

    /** Publishes to a port where no broker listens: nothing is ever acknowledged. */
    public static DurableInbound unreachableBroker() {
        return new DurableInbound(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestInfra.freePort(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) UNREACHABLE_WAIT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) UNREACHABLE_WAIT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) UNREACHABLE_WAIT.toMillis()),
                new StringSerializer(), new ByteArraySerializer()));
    }

    /** The records of {@code topic} that match, as they are on the broker now (read from the start within 10 s). */
    public static <T> List<T> published(Topic<T> topic, Predicate<T> wanted, int expected) {
        return TopicReader.read(topic, Duration.ofSeconds(10), wanted, found -> found.size() >= expected).stream()
                .map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        publishing.shutdownNow();
        publisher.close();
    }
}
