package org.sms1069.gateway.sgip;

import org.sms1069.carriersim.sgip.SgipSimulator;
import org.sms1069.carriersim.sgip.SgipSimulatorConfig;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.NettyLinkContract;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.testkit.TestInfra;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's SGIP 1.2 link against the SGIP simulator over real TCP in both directions: SUBMITs on the
 * link's connection, REPORTs and MO on the link's own server, which the simulator binds to.
 */
class SgipLinkTest extends NettyLinkContract {
    private static final long NODE_ID = 3_0270_12345L;

    private final int listenPort = TestInfra.freePort();

    @Override
    protected NettySimulator<?, ?> simulator(SimBehaviour behaviour) {
        return SgipSimulator.start(SgipSimulatorConfig.defaults(listenPort).withBehaviour(behaviour));
    }

    @Override
    protected LinkSettings settings(NettySimulator<?, ?> sim, String password, int connections, int window, int tps) {
        SgipSimulatorConfig config = ((SgipSimulator) sim).config();
        return new LinkSettings("cucc-t", Carrier.CUCC, Protocol.SGIP12, "127.0.0.1", sim.port(), config.account(),
                password == null ? config.password() : password, "MXX0010101", "10690123456", connections, window, tps,
                100, NODE_ID, listenPort, SgipSimulatorConfig.DEFAULT_REPORT_ACCOUNT, SgipSimulatorConfig.DEFAULT_PASSWORD, null);
    }

    @Override
    protected RawResults rawResults() {
        return new RawResults("SGIP:1", "SGIP:88", "result 11");
    }

    @Test
    void theCarrierMessageIdIsTheSubmitSequenceAndAFailedReportKeepsItsErrorCode() throws Exception {
        SgipSimulator sim = (SgipSimulator) start(SimBehaviour.defaults().withReceipts(Duration.ofMillis(20), Map.of("EXPIRED", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        SubmitResult result = result(link.submit(LinkHarness.part("exp", "x", 1, 1, "13000130000")));

        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        assertThat(id).matches(NODE_ID + "-\\d{10}-\\d+");
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts.get(0).carrierMessageId()).isEqualTo(id);
        assertThat(harness.receipts.get(0).stat()).isEqualTo("LT:0025");
        assertThat(harness.receipts.get(0).error()).isEqualTo("025");
    }

    @Test
    void anIdleConnectionIsUnboundAndComesBackOnTheNextSubmit() throws Exception {
        SgipSimulator sim = (SgipSimulator) start(SimBehaviour.defaults());
        SessionProperties quick = LinkHarness.fastSession();
        LinkHarness harness = track(new LinkHarness(new SessionProperties(quick.connectTimeout(), quick.loginTimeout(),
                quick.responseTimeout(), quick.maxResends(), Duration.ofMillis(300), quick.keepaliveMisses(),
                quick.drainTimeout(), quick.logoutTimeout(), quick.maxFrameLength())));
        CarrierLink link = link(harness, sim, 1);

        await().atMost(WAIT).until(() -> sim.loggedInSessions() == 0);
        assertThat(link.connectedConnections()).as("asleep, not down").isEqualTo(1);

        assertThat(result(link.submit(LinkHarness.part("wake", "醒来", 1, 1, "13000130001")))).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(sim.counters().loginsAccepted.get()).isEqualTo(2);
    }

    @Test
    void theCarrierWithWrongCredentialsCannotBindToOurServer() throws Exception {
        SgipSimulator sim = track(SgipSimulator.start(SgipSimulatorConfig.defaults(listenPort)
                .withReportTarget("127.0.0.1", listenPort, SgipSimulatorConfig.DEFAULT_REPORT_ACCOUNT, "wrong")));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        assertThat(result(link.submit(LinkHarness.part("nobind", "x", 1, 1, "13000130002")))).isInstanceOf(SubmitResult.Accepted.class);

        await().atMost(WAIT).until(() -> harness.meters.find("sms_link_inbound_binds_total").tag("result", "SGIP:1").counter() != null);
        assertThat(harness.receipts).isEmpty();
    }
}
