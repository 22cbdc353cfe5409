package org.sms1069.gateway.link;

import org.sms1069.gateway.codec.ConcatenationUdh;
import org.sms1069.model.event.MoMessage;

/**
 * An MO as one DELIVER brought it: a whole message, or one part of a long one, whose concatenation header
 * says which. The parts of a long MO are put together before the app sees them.
 *
 * @param message       this DELIVER's text, sender and destination
 * @param concatenation the part's place in a long message; null for a whole message
 */
public record MoPart(MoMessage message, ConcatenationUdh concatenation) {

    public static MoPart whole(MoMessage message) {
        return new MoPart(message, null);
    }

    public boolean isWhole() {
        return concatenation == null || concatenation.total() <= 1;
    }
}
