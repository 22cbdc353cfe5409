package org.sms1069.gateway.link;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.event.MoMessage;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class InboundValuesTest {
    private static final String LONE_HIGH = "\uD83D";
    private static final String EMOJI = "\uD83D\uDE00";

    @Test
    void moTextLosesNulControlCharactersAndLoneSurrogatesButKeepsLayoutAndWholeEmoji() {
        MoMessage mo = InboundValues.mo("8613800138000\u0000", "1069012345688", "退\u0000订\u0007\n第二行\t" + EMOJI + LONE_HIGH + "!\uDE00\u0085",
                Carrier.CMCC, "cmcc-1", Instant.EPOCH, "12345\u0000\u0000", null);

        assertThat(mo.text()).isEqualTo("退订\n第二行\t" + EMOJI + "!");
        assertThat(mo.phone()).isEqualTo("8613800138000");
        assertThat(mo.carrierMessageId()).isEqualTo("12345");
    }

    @Test
    void moFieldsAreCutToTheirColumnsAndTheTextToItsLimit() {
        MoMessage mo = InboundValues.mo("1".repeat(40), "2".repeat(40), "字".repeat(5_000), Carrier.CMCC, "cmcc-1",
                Instant.EPOCH, "9".repeat(100), null);

        assertThat(mo.phone()).hasSize(InboundValues.PHONE_COLUMN);
        assertThat(mo.destination()).hasSize(InboundValues.DESTINATION_COLUMN);
        assertThat(mo.text()).hasSize(InboundValues.MO_TEXT_LIMIT);
        assertThat(mo.carrierMessageId()).hasSize(InboundValues.CARRIER_ID_COLUMN);
    }

    @Test
    void aCarrierLinkIdIsKeptAsSentOrDroppedWholeWhenItCouldNotBeSentBack() {
        assertThat(InboundValues.carrierLinkId("0123456789ABCDEF-_:.")).isEqualTo("0123456789ABCDEF-_:.");
        assertThat(InboundValues.carrierLinkId("LNK 42")).isEqualTo("LNK 42");
        assertThat(InboundValues.carrierLinkId("1".repeat(21))).as("wider than the field").isNull();
        assertThat(InboundValues.carrierLinkId("LNK\u00e942")).as("not ASCII").isNull();
        assertThat(InboundValues.carrierLinkId("LNK\u000142")).as("control character").isNull();
        assertThat(InboundValues.carrierLinkId("   ")).isNull();
        assertThat(InboundValues.carrierLinkId(null)).isNull();
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertThat(InboundValues.text("ab" + EMOJI, 3)).isEqualTo("ab");
        assertThat(InboundValues.text("ab" + EMOJI, 4)).isEqualTo("ab" + EMOJI);
    }

    @Test
    void aReceiptKeepsItsCodesCleanAndWithinTheirColumns() {
        Receipt receipt = new Receipt("cmcc-1", "scope", "77\u0000", "13800138000\r\n", "MK:0001\u0000" + "X".repeat(40),
                "E".repeat(300) + "\u0001", Instant.EPOCH);

        assertThat(receipt.carrierMessageId()).isEqualTo("77");
        assertThat(receipt.phone()).isEqualTo("13800138000");
        assertThat(receipt.stat()).startsWith("MK:0001X").hasSize(InboundValues.STAT_COLUMN);
        assertThat(receipt.error()).hasSize(InboundValues.ERROR_COLUMN).doesNotContain("\u0001");
    }

    @Test
    void cleanValuesAndNullsPassUnchanged() {
        assertThat(InboundValues.line("DELIVRD", InboundValues.STAT_COLUMN)).isEqualTo("DELIVRD");
        assertThat(InboundValues.line(null, InboundValues.STAT_COLUMN)).isNull();
        assertThat(InboundValues.text(null, InboundValues.MO_TEXT_LIMIT)).isNull();
    }
}
