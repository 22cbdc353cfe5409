package org.sms1069.gateway.session;

import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.model.event.MoMessage;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/** An inbound sink that keeps what it is handed, for assertions, and answers with the outcomes a test queues. */
public final class RecordingSink implements InboundSink {
    public final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    public final List<MoMessage> mos = new CopyOnWriteArrayList<>();
    public final List<MoPart> moParts = new CopyOnWriteArrayList<>();
    /** What the next hand-overs complete with, in order; with none queued, each is kept at once. */
    public final Queue<CompletableFuture<Void>> outcomes = new ConcurrentLinkedQueue<>();

    @Override
    public CompletionStage<Void> onReceipt(Receipt receipt) {
        receipts.add(receipt);
        return outcome();
    }

    @Override
    public CompletionStage<Void> onMo(MoPart part) {
        moParts.add(part);
        mos.add(part.message());
        return outcome();
    }

    private CompletionStage<Void> outcome() {
        CompletableFuture<Void> queued = outcomes.poll();
        return queued != null ? queued : CompletableFuture.completedFuture(null);
    }
}
