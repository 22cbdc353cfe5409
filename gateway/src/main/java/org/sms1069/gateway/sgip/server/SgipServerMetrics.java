package org.sms1069.gateway.sgip.server;

import io.micrometer.core.instrument.MeterRegistry;

/** {@code sms_link_inbound_binds_total{link,result}} and malformed PDUs of the SP-side SGIP server. */
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

    void malformed() {
        meters.counter("sms_link_session_events_total", "link", linkId, "event", "malformed_pdu").increment();
    }
}
