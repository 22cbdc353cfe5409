package org.sms1069.gateway.slots;

import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.PrivateRedis;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SlotKeeper}s of two gateway instances on one CMPP link over real TCP and Redis: they split the link's
 * connections by their fair shares, never log in more than the link's connections together, hand slots over when
 * one leaves, and an instance cut off from Redis closes its connections before its lease would let another take them.
 */
class SlotKeeperTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final int CONNECTIONS = 3;

    private final List<AutoCloseable> started = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String linkId = TestInfra.unique("k").replace("k-", "k");
    private CmppSimulator sim;

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /** One instance's link and keeper; {@code consumers} counts the consumers it started and closed. */
    private record Instance(CarrierLink link, SlotKeeper keeper, AtomicInteger consumersRunning) {
    }

    private Instance instance(String owner, LinkSlots slots) {
        LinkHarness harness = new LinkHarness(LinkHarness.fastSession());
        started.add(harness);
        LinkSettings settings = new LinkSettings(linkId, org.sms1069.model.Carrier.CMCC, Protocol.CMPP30, "127.0.0.1",
                sim.port(), sim.config().account(), sim.config().password(), "MXX0010101", "10690123456", CONNECTIONS, 16,
                1000, 100, 0, 0, null, null, null);
        CarrierLink link = harness.create(settings);
        started.add(link);
        AtomicInteger running = new AtomicInteger();
        SlotKeeper keeper = new SlotKeeper(link, slots, owner, Duration.ofSeconds(2), () -> {
            running.incrementAndGet();
            return running::decrementAndGet;
        }, meters).start();
        started.add(keeper);
        return new Instance(link, keeper, running);
    }

    @Test
    void twoInstancesSplitTheConnectionsAndTheOneLeftTakesThemAllWhenTheOtherStops() throws Exception {
        sim = CmppSimulator.start(CmppSimulatorConfig.defaults());
        started.add(sim);
        LinkSlots slots = new LinkSlots(TestRedis.async(), LEASE);

        Instance a = instance("a", slots);
        await().atMost(WAIT).until(() -> sim.loggedInSessions() == CONNECTIONS);
        assertThat(a.consumersRunning()).hasValue(1);
        Instance b = instance("b", slots);
        await().atMost(WAIT).until(() -> a.link().retainedSlots() == 2 && b.link().retainedSlots() == 1
                && sim.loggedInSessions() == CONNECTIONS);
        assertThat(b.consumersRunning()).hasValue(1);

        a.keeper().close();
        assertThat(a.consumersRunning()).as("a's consumer leaves the group").hasValue(0);
        assertThat(a.link().retainedSlots()).isZero();
        await().atMost(WAIT).until(() -> b.link().retainedSlots() == CONNECTIONS && sim.loggedInSessions() == CONNECTIONS);

        assertThat(sim.peakLoggedInSessions()).as("logged in at once on the account").isEqualTo(CONNECTIONS);
    }

    @Test
    void anInstanceCutOffFromRedisClosesItsConnectionsWithinTheLease() throws Exception {
        Assumptions.assumeTrue(PrivateRedis.available(), "needs " + PrivateRedis.BINARY);
        sim = CmppSimulator.start(CmppSimulatorConfig.defaults());
        started.add(sim);
        PrivateRedis redis = PrivateRedis.start();
        RedisClient client = RedisClient.create(redis.uri());
        started.add(client::shutdown);
        Instance a = instance("a", new LinkSlots(client.connect().async(), LEASE));
        await().atMost(WAIT).until(() -> sim.loggedInSessions() == CONNECTIONS);

        long cut = System.nanoTime();
        redis.close();
        await().atMost(WAIT).until(() -> sim.loggedInSessions() == 0);
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - cut);

        assertThat(closedAfter).as("its slots could go to another instance after the lease").isLessThan(LEASE);
        assertThat(a.link().retainedSlots()).isZero();
        assertThat(a.consumersRunning()).hasValue(0);
        assertThat(meters.get("sms_link_slots_fenced_total").tag("link", linkId).counter().count()).isEqualTo(1);
    }
}
