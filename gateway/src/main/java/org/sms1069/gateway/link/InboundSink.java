package org.sms1069.gateway.link;

import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.model.event.MoMessage;

/** Where a link hands what the carrier sends us. Implementations must not block the caller. */
public interface InboundSink {
    void onReceipt(Receipt receipt);

    void onMo(MoMessage message);

    void onConnectionsChanged(String linkId);
}
