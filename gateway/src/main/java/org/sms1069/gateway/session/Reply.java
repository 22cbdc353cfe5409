package org.sms1069.gateway.session;

import org.sms1069.wire.codec.Pdu;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a link does with a request the carrier sent: the answer to write (may be null), a receipt or MO
 * to hand on (either may be null) with the answer to write instead when it could not be kept, and whether to
 * close the connection after answering (TERMINATE).
 */
public record Reply(Pdu response, Pdu notKept, Receipt receipt, MoPart mo, boolean closeAfter) {

    public static Reply answer(Pdu response) {
        return new Reply(response, null, null, null, false);
    }

    /** {@code notKept}: the protocol's temporary failure, written when the receipt could not be made durable. */
    public static Reply receipt(Pdu response, Pdu notKept, Receipt receipt) {
        return new Reply(response, notKept, receipt, null, false);
    }

    /** {@code notKept}: the protocol's temporary failure, written when the MO could not be made durable. */
    public static Reply mo(Pdu response, Pdu notKept, MoPart mo) {
        return new Reply(response, notKept, null, mo, false);
    }

    public static Reply answerAndClose(Pdu response) {
        return new Reply(response, null, null, null, true);
    }

    /**
     * Hands the receipt or MO to {@code sink} and answers once the sink says whether it is kept: the success answer
     * then, the temporary failure otherwise, so that the carrier never drops what we lost. The answer is written on
     * the channel's event loop, whichever thread completed the sink; nothing waits for it.
     */
    public void carryOut(InboundSink sink, Channel channel) {
        if (receipt == null && mo == null) {
            answer(channel, true);
            return;
        }
        handOn(sink).whenComplete((kept, error) -> channel.eventLoop().execute(() -> answer(channel, error == null)));
    }

    private CompletionStage<Void> handOn(InboundSink sink) {
        try {
            return receipt != null ? sink.onReceipt(receipt) : sink.onMo(mo);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answer(Channel channel, boolean kept) {
        Pdu written = kept ? response : notKept;
        if (written != null) {
            var future = channel.writeAndFlush(written);
            if (closeAfter) {
                future.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (closeAfter) {
            channel.close();
        }
    }
}
