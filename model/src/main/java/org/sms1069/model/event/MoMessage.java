package org.sms1069.model.event;

import org.sms1069.model.Carrier;

import java.time.Instant;

/** Value on {@code sms.mo}: a reply from a phone; destination is the 1069 number plus extension. */
public record MoMessage(int v, String phone, String destination, String text, Carrier carrier, String linkId, Instant at) {
    public static final int VERSION = 1;
}
