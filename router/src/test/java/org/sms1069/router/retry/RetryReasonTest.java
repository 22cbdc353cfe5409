package org.sms1069.router.retry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryReasonTest {

    @Test
    void rawResultsBecomeFewBoundedLabels() {
        assertThat(RetryHandler.reason("ESME_RTHROTTLED(0x58)")).isEqualTo("ESME_RTHROTTLED");
        assertThat(RetryHandler.reason("LINK_DOWN")).isEqualTo("LINK_DOWN");
        assertThat(RetryHandler.reason("ib:0008")).isEqualTo("IB");
        assertThat(RetryHandler.reason("TIMEOUT after 30s")).isEqualTo("TIMEOUT");
        assertThat(RetryHandler.reason(null)).isEqualTo("unknown");
        assertThat(RetryHandler.reason("  ")).isEqualTo("unknown");
        assertThat(RetryHandler.reason("X".repeat(100))).hasSize(32);
    }
}
