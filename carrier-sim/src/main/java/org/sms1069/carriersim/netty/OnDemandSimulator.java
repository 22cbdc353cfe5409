package org.sms1069.carriersim.netty;

import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.stats.SimStats;

/**
 * A Netty simulator whose MO may carry the LinkID of an on-demand service (CMPP 3.0, SMGP 3.0): a plain MO is one
 * with none.
 */
public abstract class OnDemandSimulator<T extends SimSession, C extends SimConfig> extends NettySimulator<T, C>
        implements OnDemandMo {

    protected OnDemandSimulator(String protocol, C config, SimStats stats, FlowControlFault flowControl) {
        super(protocol, config, stats, flowControl);
    }

    /** As {@link #injectMo(String, String, String, String)} with no LinkID (""). */
    @Override
    public final void injectMo(String from, String to, String text) {
        injectMo(from, to, text, "");
    }
}
