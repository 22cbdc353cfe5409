package org.sms1069.e2e;

import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.smgp.SmgpSimulator;
import org.sms1069.carriersim.smgp.SmgpSimulatorConfig;

import java.time.Duration;
import java.util.Map;

/** China Telecom over SMGP 3.0 end to end, against the SMGP simulator. */
class SmgpEndToEndTest extends NativeCarrierEndToEnd {

    @Override
    protected NettySimulator<?, ?> startSimulator() {
        return SmgpSimulator.start(SmgpSimulatorConfig.defaults().withReceipts(Duration.ofMillis(200), Map.of("DELIVRD", 1), null));
    }

    @Override
    protected Platform.Link link(NettySimulator<?, ?> sim) {
        SmgpSimulatorConfig config = ((SmgpSimulator) sim).config();
        return new Platform.Link("CTCC", "SMGP30", sim.port(), config.account(), config.password());
    }

    @Override
    protected String carrier() {
        return "CTCC";
    }

    @Override
    protected String phone(String suffix) {
        return "133001331" + suffix;
    }
}
