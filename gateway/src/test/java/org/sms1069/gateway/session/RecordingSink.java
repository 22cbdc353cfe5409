package org.sms1069.gateway.session;

import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.model.event.MoMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An inbound sink that keeps what it is handed, for assertions. */
public final class RecordingSink implements InboundSink {
    public final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    public final List<MoMessage> mos = new CopyOnWriteArrayList<>();

    @Override
    public void onReceipt(Receipt receipt) {
        receipts.add(receipt);
    }

    @Override
    public void onMo(MoMessage message) {
        mos.add(message);
    }

    @Override
    public void onConnectionsChanged(String linkId) {
        // not observed by these tests
    }
}
