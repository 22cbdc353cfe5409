package org.sms1069.gateway.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-link counters of what happens below the submit level: resends, answers nobody waited for, PDUs that
 * did not decode, missed keepalives, refused logins. Submits, receipts and latencies are counted by the
 * dispatcher and the inbound processor, the same for every protocol.
 */
public final class SessionMetrics {
    private final MeterRegistry meters;
    private final String linkId;
    private final Counter resent;
    private final Counter unexpected;
    private final Counter malformed;
    private final Counter keepaliveMissed;

    public SessionMetrics(MeterRegistry meters, String linkId) {
        this.meters = meters;
        this.linkId = linkId;
        this.resent = event("resent");
        this.unexpected = event("unexpected_response");
        this.malformed = event("malformed_pdu");
        this.keepaliveMissed = event("keepalive_missed");
    }

    private Counter event(String name) {
        return meters.counter("sms_link_session_events_total", "link", linkId, "event", name);
    }

    void resent() {
        resent.increment();
    }

    void unexpectedResponse() {
        unexpected.increment();
    }

    void malformed() {
        malformed.increment();
    }

    void keepaliveMissed() {
        keepaliveMissed.increment();
    }

    void loginRefused(String rawResult) {
        meters.counter("sms_link_logins_total", "link", linkId, "result", rawResult).increment();
    }

    void loggedIn() {
        meters.counter("sms_link_logins_total", "link", linkId, "result", "OK").increment();
    }
}
