package org.sms1069.gateway.link;

import org.sms1069.gateway.dlr.Receipt;

/** Where a link hands what the carrier sends us. Implementations must not block the caller. */
public interface InboundSink {
    void onReceipt(Receipt receipt);

    void onMo(MoPart part);

    void onConnectionsChanged(String linkId);
}
