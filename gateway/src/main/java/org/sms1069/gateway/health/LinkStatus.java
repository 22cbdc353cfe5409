package org.sms1069.gateway.health;

import org.sms1069.model.Carrier;

import java.time.Instant;

/**
 * One link as the gateway's health shows it.
 *
 * @param downSince when the link lost its last connection (or started without one); null while it has one
 */
public record LinkStatus(String link, Carrier carrier, State state, int connections, Instant downSince) {

    public enum State {
        /** At least one connection is logged in. */
        UP,
        /** Logged in, but the carrier answered with flow control lately: the router sends elsewhere meanwhile. */
        THROTTLED,
        /** No connection, for less than {@code sms.link-down-grace}: a restart or a short outage, being retried. */
        RECONNECTING,
        /** No connection for longer than the grace (still retried with back-off). */
        DOWN,
        /** No connection slot on this instance: other gateway instances hold the link's connections. */
        STANDBY
    }

    /** The link can carry the carrier's traffic now or, reconnecting, probably soon. */
    public boolean serving() {
        return state != State.DOWN;
    }
}
