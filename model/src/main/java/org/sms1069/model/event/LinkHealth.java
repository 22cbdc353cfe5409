package org.sms1069.model.event;

import org.sms1069.model.Carrier;

import java.time.Instant;

/** Value on the compacted {@code sms.link-health}, key = link id. */
public record LinkHealth(int v, String linkId, Carrier carrier, State state, int connections, int windowInUse, Instant at) {
    public static final int VERSION = 1;

    public enum State { UP, DOWN, THROTTLED }
}
