package org.sms1069.e2e;

import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.sgip.SgipSimulator;
import org.sms1069.carriersim.sgip.SgipSimulatorConfig;
import org.sms1069.testkit.TestInfra;

import java.time.Duration;
import java.util.Map;

/**
 * China Unicom over SGIP 1.2 end to end: SUBMITs on the gateway's connection to the simulator, REPORTs on
 * the connection the simulator opens back to the gateway's SGIP server.
 */
class SgipEndToEndTest extends NativeCarrierEndToEnd {
    private final int listenPort = TestInfra.freePort();

    /** The link to {@code sgip} with the SP-side server on {@code listenPort}, which the simulator binds to. */
    static Platform.Link link(SgipSimulator sgip, int listenPort, String password) {
        SgipSimulatorConfig config = sgip.config();
        return new Platform.Link("CUCC", "SGIP12", sgip.port(), config.account(), password, Map.of(
                "node-id", "3027012345", "listen-port", String.valueOf(listenPort),
                "listen-account", config.reportAccount(), "listen-password", config.reportPassword()));
    }

    @Override
    protected NettySimulator<?, ?> startSimulator() {
        return SgipSimulator.start(SgipSimulatorConfig.defaults(listenPort)
                .withReceipts(Duration.ofMillis(200), Map.of("DELIVRD", 1), null));
    }

    @Override
    protected Platform.Link link(NettySimulator<?, ?> sim) {
        SgipSimulator sgip = (SgipSimulator) sim;
        return link(sgip, listenPort, sgip.config().password());
    }

    @Override
    protected String carrier() {
        return "CUCC";
    }

    @Override
    protected String phone(String suffix) {
        return "130001301" + suffix;
    }
}
