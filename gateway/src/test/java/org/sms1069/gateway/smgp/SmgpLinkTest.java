package org.sms1069.gateway.smgp;

import org.sms1069.carriersim.smgp.SmgpSimulator;
import org.sms1069.carriersim.smgp.SmgpSimulatorConfig;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.NettyLinkContract;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's SMGP 3.0 link against the SMGP simulator over real TCP. */
class SmgpLinkTest extends NettyLinkContract {

    @Override
    protected NettySimulator<?, ?> simulator(SimBehaviour behaviour) {
        return SmgpSimulator.start(SmgpSimulatorConfig.defaults().withBehaviour(behaviour));
    }

    @Override
    protected LinkSettings settings(NettySimulator<?, ?> sim, String password, int connections, int window, int tps) {
        SmgpSimulatorConfig config = ((SmgpSimulator) sim).config();
        return LinkHarness.settings(Protocol.SMGP30, sim.port(), config.account(),
                password == null ? config.password() : password, connections, window, tps);
    }

    @Override
    protected RawResults rawResults() {
        return new RawResults("SMGP:21", "SMGP:1", "status 1");
    }

    @Test
    void reportCarriesTheTwentyDigitMsgIdAndTheErrorCode() throws Exception {
        SmgpSimulator sim = (SmgpSimulator) start(SimBehaviour.defaults()
                .withReceipts(Duration.ofMillis(20), Map.of("EXPIRED", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        SubmitResult result = result(link.submit(LinkHarness.part("exp", "x", 1, 1, "13300133000")));

        String id = ((SubmitResult.Accepted) result).carrierMessageIds().get(0);
        assertThat(id).matches("010061\\d{14}");
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts.get(0).carrierMessageId()).isEqualTo(id);
        assertThat(harness.receipts.get(0).stat()).isEqualTo("EXPIRED");
        assertThat(harness.receipts.get(0).error()).isEqualTo("001");
    }

    @Test
    void intermediateReportsDoNotReachTheSink() throws Exception {
        SmgpSimulator sim = (SmgpSimulator) start(SimBehaviour.defaults()
                .withReceipts(Duration.ofMillis(20), Map.of("UNDELIV", 1), 1L));
        sim.intermediateStates(true);
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, 1);

        result(link.submit(LinkHarness.part("mid", "x", 1, 1, "13300133000", "13300133001")));

        await().atMost(WAIT).until(() -> sim.counters().receiptsSent.get() >= 4);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 2);
        assertThat(harness.receipts).extracting(r -> r.stat()).containsOnly("UNDELIV");
    }
}
