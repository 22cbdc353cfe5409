package org.sms1069.gateway.sgip.server;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code sms_link_inbound_binds_total{link,result}}, {@code sms_link_inbound_refused_total{link,reason}} and malformed
 * PDUs of the SP-side SGIP server.
 */
final class SgipServerMetrics {
    private final MeterRegistry meters;
    private final String linkId;

    SgipServerMetrics(MeterRegistry meters, String linkId) {
        this.meters = meters;
        this.linkId = linkId;
    }

    void bind(int result) {
        meters.counter("sms_link_inbound_binds_total", "link", linkId, "result", "SGIP:" + result).increment();
    }

    /** A connection closed by the server's guard: {@code address}, {@code cap}, {@code locked} or {@code bind-timeout}. */
    void refused(String reason) {
        meters.counter("sms_link_inbound_refused_total", "link", linkId, "reason", reason).increment();
    }

    void malformed() {
        meters.counter("sms_link_session_events_total", "link", linkId, "event", "malformed_pdu").increment();
    }
}
