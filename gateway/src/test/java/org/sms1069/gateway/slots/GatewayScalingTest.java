package org.sms1069.gateway.slots;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.carriersim.netty.AcceptedSubmit;
import org.sms1069.gateway.GatewayApplication;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.seal.TextSeal;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TestRedis;
import org.sms1069.testkit.TopicReader;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateways (one in this JVM, one a process of its own that is killed with SIGKILL) share a CMPP link whose
 * account allows two connections: together they never log in more than two, each part reaches the carrier
 * once and each message gets its receipt, and the survivor takes the dead instance's slot once its lease ends.
 */
class GatewayScalingTest {
    private static final int LIMIT = 2;
    private static final Duration LEASE = Duration.ofSeconds(3);
    /** A killed instance's consumer-group membership ends with Kafka's session timeout (45 s) before its partitions move. */
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String TEXT_KEY = TestInfra.randomKey();

    private final List<AutoCloseable> started = new ArrayList<>();
    private final String linkId = TestInfra.unique("scale").replace("scale-", "s");
    private CmppSimulator sim;
    private Process other;

    @AfterEach
    void stop() throws Exception {
        if (other != null) {
            other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void twoGatewaysShareTheAccountsConnectionsAndTheSurvivorTakesOverADeadOnesSlot() throws Exception {
        sim = CmppSimulator.start(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(50), Map.of("DELIVRD", 1), 1L));
        started.add(sim);
        Publisher publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "gateway-scaling-test"));
        started.add(publisher);

        ConfigurableApplicationContext first = new SpringApplicationBuilder(GatewayApplication.class)
                .properties(GatewayApplication.CONFIG_NAME).run(gatewayArgs().toArray(String[]::new));
        started.add(first);
        MeterRegistry firstMeters = first.getBean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> slotsHeld(firstMeters) == LIMIT && sim.loggedInSessions() == LIMIT);

        other = startOtherGateway();
        await().atMost(WAIT).until(() -> owners().size() == 2 && slotsHeld(firstMeters) == 1 && sim.loggedInSessions() == LIMIT);

        List<OutboundSubmit> before = send(publisher, 60);
        awaitDelivered(before);
        assertThat(sim.peakLoggedInSessions()).as("connections logged in at once on the account").isEqualTo(LIMIT);

        other.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> slotsHeld(firstMeters) == LIMIT && sim.loggedInSessions() == LIMIT
                && owners().size() == 1);

        List<OutboundSubmit> after = send(publisher, 60);
        List<OutboundSubmit> all = new ArrayList<>(before);
        all.addAll(after);
        awaitDelivered(all);
        assertThat(sim.peakLoggedInSessions()).as("connections logged in at once on the account").isEqualTo(LIMIT);
    }

    /** Each part reached the carrier once, and each message's receipt made it DELIVERED. */
    private void awaitDelivered(List<OutboundSubmit> parts) {
        Set<String> texts = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        parts.forEach(part -> {
            texts.add(part.text());
            messageIds.add(part.recipients().get(0).messageId());
        });
        await().atMost(WAIT).until(() -> submittedTexts().stream().filter(texts::contains).count() >= parts.size());
        List<String> submitted = submittedTexts().stream().filter(texts::contains).toList();
        assertThat(submitted).as("parts the carrier got").hasSize(parts.size()).doesNotHaveDuplicates();

        Set<String> delivered = ConcurrentHashMap.newKeySet();
        TopicReader.read(Topics.STATUS, WAIT, status -> {
            boolean wanted = status.status() == MessageStatus.DELIVERED && messageIds.contains(status.messageId());
            if (wanted) {
                delivered.add(status.messageId());
            }
            return wanted;
        }, found -> delivered.size() >= messageIds.size());
        assertThat(delivered).isEqualTo(messageIds);
    }

    private List<String> submittedTexts() {
        return sim.submits().stream().map(AcceptedSubmit::text).toList();
    }

    private List<OutboundSubmit> send(Publisher publisher, int count) {
        TextSeal seal = TextSeal.ofBase64(TEXT_KEY);
        List<OutboundSubmit> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = TestInfra.unique("sc");
            String phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
            OutboundSubmit part = new OutboundSubmit(OutboundSubmit.VERSION, key + ":1:1", linkId, Carrier.CMCC,
                    List.of(new Recipient("m-" + key, phone)), "1069012345688", 1, 1, 0x42, TestInfra.unique("text"), 0,
                    Instant.now().plusSeconds(3600), null);
            parts.add(part);
            publisher.publish(Topics.outbound(linkId), part.dedupKey(), part.sealedWith(seal)).join();
        }
        return parts;
    }

    /** The gateway instances holding a slot of the link, as Redis has them. */
    private Set<String> owners() throws Exception {
        Set<String> owners = new HashSet<>();
        TestRedis.async().hgetall("sms:link-slots:" + linkId).get(5, TimeUnit.SECONDS).values()
                .forEach(value -> owners.add(value.substring(0, value.lastIndexOf('|'))));
        return owners;
    }

    private double slotsHeld(MeterRegistry meters) {
        return meters.get("sms_link_slots_held").tag("link", linkId).gauge().value();
    }

    private Process startOtherGateway() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName()));
        command.addAll(gatewayArgs());
        File log = new File("target/gateway-scaling-other.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private List<String> gatewayArgs() {
        String link = "--sms.links[0].";
        return List.of("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
                "--sms.number=10690123456",
                "--sms.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--sms.kafka.partitions=3",
                "--sms.kafka.text-key=" + TEXT_KEY, "--sms.redis.uri=" + TestInfra.redisUri(),
                "--sms.slot-lease=" + LEASE.toMillis() + "ms", "--sms.claim-lease=" + LEASE.toMillis() + "ms",
                link + "id=" + linkId, link + "carrier=CMCC", link + "protocol=CMPP30", link + "host=127.0.0.1",
                link + "port=" + sim.port(), link + "account=" + sim.config().account(),
                link + "password=" + sim.config().password(), link + "service-id=MXX0010101",
                link + "src-id=10690123456", link + "connections=" + LIMIT, link + "window=8", link + "tps=500");
    }
}
