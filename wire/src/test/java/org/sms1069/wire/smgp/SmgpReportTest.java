package org.sms1069.wire.smgp;

import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.SubmitOutcome;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sms1069.wire.codec.WireBytes.wire;

class SmgpReportTest {

    @Test
    void encodesTheFixed122ByteLayout() {
        Octets encoded = SmgpReport.encode(SmgpCodecTest.report());
        assertThat(encoded.toByteArray()).isEqualTo(SmgpCodecTest.reportText());
    }

    @Test
    void parsesOtherLabelCasesAndWidths() {
        byte[] text = wire().str("ID:", 3).hex("01006101161700012345")
                .str(" SUB:1 DLVRD:1 submit date:2511281054 Done Date:2511281055 Stat:DELIVRD Err:0 text:", 84)
                .build();
        SmgpReport report = SmgpReport.decode(Octets.of(text));
        assertThat(report).isEqualTo(new SmgpReport(SmgpCodecTest.SPEC_MSG_ID, "1", "1", "2511281054",
                "2511281055", "DELIVRD", "0"));
        assertThat(report.isDelivered()).isTrue();
    }

    @Test
    void acceptsAnIdSentAsTwentyHexDigits() {
        byte[] text = ("id:0100610116170001234a sub:001 dlvrd:001 submit date:2511281054 done date:2511281055"
                + " stat:EXPIRED err:001").getBytes(StandardCharsets.US_ASCII);
        SmgpReport report = SmgpReport.decode(Octets.of(text));
        assertThat(report.id()).isEqualTo(SmgpMsgId.of("0100610116170001234A"));
        assertThat(report.stat()).isEqualTo("EXPIRED");
    }

    @Test
    void rejectsTextWithoutIdOrStat() {
        assertThatThrownBy(() -> SmgpReport.decode(Octets.of("sub:001".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmgpReport.decode(Octets.of("id:0123456789 err:1".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authenticatorsAndResultCodes() {
        Octets client = SmgpAuthenticator.client("10690001", "secret", 301000000L);
        assertThat(client.toHex()).isEqualTo("03a527434681556524840aeb8c42fbe9");
        assertThat(SmgpAuthenticator.server(0, client, "secret").length()).isEqualTo(16);
        assertThat(SmgpResultCodes.TABLE.outcome(SmgpResultCodes.SYSTEM_BUSY)).isEqualTo(SubmitOutcome.THROTTLED);
        assertThat(SmgpResultCodes.TABLE.outcome(SmgpResultCodes.OVER_DAILY_VOLUME))
                .isEqualTo(SubmitOutcome.THROTTLED);
        assertThat(SmgpResultCodes.TABLE.outcome(47)).isEqualTo(SubmitOutcome.PERMANENT);
        assertThat(SmgpResultCodes.TABLE.describe(21)).isEqualTo("authentication failed");
    }
}
