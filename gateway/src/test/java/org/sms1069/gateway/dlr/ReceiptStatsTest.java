package org.sms1069.gateway.dlr;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptStatsTest {

    /** Whatever a carrier sends, the receipt metric's stat label is one of a fixed set. */
    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "DELIVRD                      | DELIVRD",
            "delivrd                      | DELIVRD",
            "UNDELIV                      | UNDELIV",
            "EXPIRED                      | EXPIRED",
            "MK:0001                      | MK",
            "MN:0013                      | MN",
            "LT:0001                      | LT",
            "NULL                         | NONE",
            "'   '                        | NONE",
            "XYZZY                        | other",
            "ZZ:0001                      | other",
            "DELIVRD} evil{label=x        | other",
            "a-new-status-every-time-1234 | other",
    })
    void theStatLabelComesFromABoundedSet(String stat, String label) {
        assertThat(ReceiptStats.metricLabel(stat)).isEqualTo(label);
    }
}
