package org.sms1069.gateway.health;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.Topics;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TopicReader;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's health with links over real TCP: a CMPP simulator for a link that is up, a port nobody
 * listens on for a link that is down.
 */
class LinksHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static Publisher publisher;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LinkHarness harness;
    private LinkHealthReporter reporter;
    private LinksHealthIndicator indicator;

    @BeforeAll
    static void connect() {
        TopicAdmin.ensure(TestKafka.bootstrapServers(), (short) 1, List.of(TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "links-health-test"));
    }

    @AfterAll
    static void disconnect() {
        publisher.close();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private void startGateway() {
        harness = new LinkHarness(LinkHarness.fastSession());
        started.add(harness);
        reporter = new LinkHealthReporter(publisher, meters, Clock.systemUTC(), Duration.ofSeconds(1), GRACE);
        indicator = new LinksHealthIndicator(reporter);
    }

    private CarrierLink link(String id, Carrier carrier, int port) {
        LinkSettings settings = new LinkSettings(id, carrier, Protocol.CMPP30, "127.0.0.1", port, CmppSimulatorConfig.DEFAULT_ACCOUNT,
                CmppSimulatorConfig.DEFAULT_PASSWORD, "MXX0010101", "10690123456", 1, 16, 100, 100, 0, 0, null, null, null);
        CarrierLink link = harness.start(settings);
        started.add(link);
        reporter.register(link);
        return link;
    }

    private CmppSimulator simulator() {
        CmppSimulator sim = CmppSimulator.start(CmppSimulatorConfig.defaults());
        started.add(sim);
        return sim;
    }

    @Test
    void oneOfTwoChinaMobileLinksAtADeadPortLeavesTheGatewayUpAndNamesTheDeadLink() {
        startGateway();
        CarrierLink up = link("cmcc-1", Carrier.CMCC, simulator().port());
        link("cmcc-2", Carrier.CMCC, TestInfra.freePort());
        await().atMost(WAIT).until(() -> up.connectedConnections() == 1);

        await().atMost(WAIT).until(() -> notUp(indicator.health()).equals(Map.of("cmcc-2", "DOWN")));
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("carriersDown").toString()).isEqualTo("[]");
        assertThat(linkDetail(health, "cmcc-1")).containsEntry("state", "UP").containsEntry("connections", 1);
        assertThat(linkDetail(health, "cmcc-2")).containsEntry("state", "DOWN").containsKey("downSince");
        assertThat(meters.get("sms_link_up").tags("link", "cmcc-2", "carrier", "CMCC").gauge().value()).isZero();
        assertThat(meters.get("sms_link_up").tags("link", "cmcc-1", "carrier", "CMCC").gauge().value()).isEqualTo(1);
    }

    @Test
    void aCarrierWhoseOnlyLinkIsDownIsReconnectingWithinTheGraceAndDownAfterIt() {
        startGateway();
        CarrierLink up = link("cmcc-1", Carrier.CMCC, simulator().port());
        CarrierLink dead = link("ctcc-1", Carrier.CTCC, TestInfra.freePort());
        await().atMost(WAIT).until(() -> up.connectedConnections() == 1);
        // the same links seen by a gateway whose grace has not run out yet
        LinkHealthReporter patient = new LinkHealthReporter(publisher, meters, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofHours(1));
        patient.register(up);
        patient.register(dead);

        Health reconnecting = new LinksHealthIndicator(patient).health();
        Health down = await().atMost(WAIT).until(indicator::health, h -> h.getStatus().equals(Status.DOWN));

        assertThat(reconnecting.getStatus()).isEqualTo(Status.UP);
        assertThat(notUp(reconnecting)).isEqualTo(Map.of("ctcc-1", "RECONNECTING"));
        assertThat(notUp(down)).isEqualTo(Map.of("ctcc-1", "DOWN"));
        assertThat(down.getDetails().get("carriersDown").toString()).isEqualTo("[CTCC]");
    }

    @Test
    void aLinkThatComesBackMakesItsCarrierUpAgain() {
        startGateway();
        int port = TestInfra.freePort();
        CarrierLink link = link("cmcc-1", Carrier.CMCC, port);
        await().atMost(WAIT).until(() -> indicator.health().getStatus().equals(Status.DOWN));

        started.add(CmppSimulator.start(CmppSimulatorConfig.defaults().withPort(port)));
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);

        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(linkDetail(health, "cmcc-1")).containsEntry("state", "UP").doesNotContainKey("downSince");
    }

    @Test
    void aLinkWhoseSlotsAnotherInstanceHoldsIsStandbyNotDownAndPublishesNothing() throws InterruptedException {
        startGateway();
        CarrierLink up = link("cmcc-1", Carrier.CMCC, simulator().port());
        await().atMost(WAIT).until(() -> up.connectedConnections() == 1);
        up.retain(java.util.Set.of(), Duration.ofSeconds(1)).toCompletableFuture().join();
        await().atMost(WAIT).until(() -> up.connectedConnections() == 0);
        Instant standbySince = Instant.now();

        Thread.sleep(GRACE.plusMillis(500).toMillis()); // past the grace: a link without slots of its own would be DOWN

        Health health = indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(linkDetail(health, "cmcc-1")).containsEntry("state", "STANDBY").doesNotContainKey("downSince");
        assertThat(notUp(health)).isEmpty();
        assertThat(TopicReader.readAll(Topics.LINK_HEALTH, Duration.ofSeconds(2), h -> h.linkId().equals("cmcc-1")
                && !h.at().isBefore(standbySince))).as("health published while standby").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> linkDetail(Health health, String link) {
        Map<String, Object> detail = (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("links")).get(link);
        Map<String, Object> printable = new java.util.HashMap<>();
        detail.forEach((k, v) -> printable.put(k, v instanceof Integer ? v : String.valueOf(v)));
        return printable;
    }

    private static Map<String, String> notUp(Health health) {
        Map<String, String> states = new java.util.TreeMap<>();
        ((Map<?, ?>) health.getDetails().get("linksNotUp")).forEach((k, v) -> states.put(k.toString(), v.toString()));
        return states;
    }
}
