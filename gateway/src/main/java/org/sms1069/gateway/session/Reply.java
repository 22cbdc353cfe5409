package org.sms1069.gateway.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;

/**
 * What a link does with a request the carrier sent: the answer to write (may be null), a receipt or MO
 * to hand on (either may be null), and whether to close the connection after answering (TERMINATE).
 */
public record Reply(Object response, Receipt receipt, MoPart mo, boolean closeAfter) {

    public static Reply answer(Object response) {
        return new Reply(response, null, null, false);
    }

    public static Reply receipt(Object response, Receipt receipt) {
        return new Reply(response, receipt, null, false);
    }

    public static Reply mo(Object response, MoPart mo) {
        return new Reply(response, null, mo, false);
    }

    public static Reply answerAndClose(Object response) {
        return new Reply(response, null, null, true);
    }

    /** Hands the receipt or MO to {@code sink}, then writes the answer and closes if asked. */
    public void carryOut(InboundSink sink, Channel channel) {
        if (receipt != null) {
            sink.onReceipt(receipt);
        }
        if (mo != null) {
            sink.onMo(mo);
        }
        if (response != null) {
            var written = channel.writeAndFlush(response);
            if (closeAfter) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        } else if (closeAfter) {
            channel.close();
        }
    }
}
