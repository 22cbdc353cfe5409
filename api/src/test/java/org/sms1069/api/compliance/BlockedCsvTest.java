package org.sms1069.api.compliance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV fields a spreadsheet reads as data: quoted, quotes doubled, no cell that starts a formula. */
class BlockedCsvTest {
    @Test
    void everyFieldIsQuotedWithItsQuotesDoubled() {
        assertThat(BlockedCsv.field("a \"b\", c\r\nd")).isEqualTo("\"a \"\"b\"\", c\r\nd\"");
        assertThat(BlockedCsv.field(null)).isEmpty();
        assertThat(BlockedCsv.field(42L)).isEqualTo("\"42\"");
    }

    @Test
    void aFieldThatWouldStartAFormulaIsPrefixed() {
        assertThat(BlockedCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(BlockedCsv.field("+1")).isEqualTo("\"'+1\"");
        assertThat(BlockedCsv.field("-1")).isEqualTo("\"'-1\"");
        assertThat(BlockedCsv.field("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(BlockedCsv.field("\tx")).isEqualTo("\"'\tx\"");
        assertThat(BlockedCsv.field("【示例】=1")).isEqualTo("\"【示例】=1\"");
    }
}
