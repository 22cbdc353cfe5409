package org.sms1069.gateway.link;

import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.model.event.MoMessage;

/**
 * An MO as one DELIVER brought it: a whole message, or one part of a long one, whose concatenation header
 * says which. The parts of a long MO are put together before the app sees them.
 *
 * @param message       this DELIVER's text, sender and destination
 * @param concatenation the part's place in a long message; null for a whole message
 * @param repeatKey     what a carrier's resend of this DELIVER shares with it, for {@link RepeatedDeliverFilter}: the
 *                      carrier's message id where the protocol has one; null when nothing tells a resend apart
 */
public record MoPart(MoMessage message, ConcatenationUdh concatenation, String repeatKey) {

    /** A part whose carrier message id (if any) tells a resend of it. */
    public MoPart(MoMessage message, ConcatenationUdh concatenation) {
        this(message, concatenation, message.carrierMessageId());
    }

    public static MoPart whole(MoMessage message) {
        return new MoPart(message, null);
    }

    public boolean isWhole() {
        return concatenation == null || concatenation.total() <= 1;
    }
}
