package org.sms1069.gateway.session;

import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.model.event.MoMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An inbound sink that keeps what it is handed, for assertions. */
public final class RecordingSink implements InboundSink {
    public final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    public final List<MoMessage> mos = new CopyOnWriteArrayList<>();
    public final List<MoPart> moParts = new CopyOnWriteArrayList<>();

    @Override
    public void onReceipt(Receipt receipt) {
        receipts.add(receipt);
    }

    @Override
    public void onMo(MoPart part) {
        moParts.add(part);
        mos.add(part.message());
    }

    @Override
    public void onConnectionsChanged(String linkId) {
        // not observed by these tests
    }
}
