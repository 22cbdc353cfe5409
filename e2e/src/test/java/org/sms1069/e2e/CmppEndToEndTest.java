package org.sms1069.e2e;

import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.carriersim.netty.NettySimulator;

import java.time.Duration;
import java.util.Map;

/** China Mobile over CMPP 3.0 end to end, against the CMPP simulator. */
class CmppEndToEndTest extends NativeCarrierEndToEnd {

    @Override
    protected NettySimulator<?, ?> startSimulator() {
        return CmppSimulator.start(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(200), Map.of("DELIVRD", 1), null));
    }

    @Override
    protected Platform.Link link(NettySimulator<?, ?> sim) {
        CmppSimulatorConfig config = ((CmppSimulator) sim).config();
        return new Platform.Link("CMCC", protocol(), sim.port(), config.account(), config.password());
    }

    /** The version the link speaks; the simulator answers whichever the client asks for at CONNECT. */
    protected String protocol() {
        return "CMPP30";
    }

    @Override
    protected String carrier() {
        return "CMCC";
    }

    @Override
    protected String phone(String suffix) {
        return "138001381" + suffix;
    }
}
