package org.sms1069.wire.cmpp;

import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.LoginDigests;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.SubmitOutcome;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CmppHelpersTest {

    @Test
    void authenticatorsMatchTheReferenceVectors() {
        long timestamp = LoginDigests.timestamp(LocalDateTime.of(2026, 3, 1, 0, 0, 0));
        assertThat(timestamp).isEqualTo(0x11F0E540L);
        Octets source = CmppAuthenticator.source("901234", "secret", timestamp);
        assertThat(source.toHex()).isEqualTo("031c6faf8dfd92fde7ce5cf38bf28aa0");
        assertThat(CmppAuthenticator.ismg(0, source, "secret", CmppVersion.V30).toHex())
                .isEqualTo("19708895a4551d24bcc11b87f019110d");
        assertThat(CmppAuthenticator.ismg(0, source, "secret", CmppVersion.V20).toHex())
                .isEqualTo("f12a6d1810d72e38c6fab869a447595a");
    }

    @Test
    void msgIdCompositionMatchesTheReferenceExample() {
        long id = CmppMsgIds.compose(11, 28, 10, 54, 7, 1001, 42);
        assertThat(id).isEqualTo(0xBE2B61C003E9002AL).isNegative();
        assertThat(CmppMsgIds.toDecimal(id)).isEqualTo(Long.toUnsignedString(0xBE2B61C003E9002AL))
                .isEqualTo("13703153768532082730");
        assertThat(CmppMsgIds.parseDecimal("13703153768532082730")).isEqualTo(id);
        assertThat(new int[] {CmppMsgIds.month(id), CmppMsgIds.day(id), CmppMsgIds.hour(id), CmppMsgIds.minute(id),
                CmppMsgIds.second(id), CmppMsgIds.gatewayId(id), CmppMsgIds.sequence(id)})
                .containsExactly(11, 28, 10, 54, 7, 1001, 42);
    }

    @Test
    void flowControlIsRetryableAndBadNumbersArePermanent() {
        assertThat(CmppResultCodes.SUBMIT.outcome(0)).isEqualTo(SubmitOutcome.SUCCESS);
        assertThat(CmppResultCodes.SUBMIT.outcome(CmppResultCodes.FLOW_CONTROL)).isEqualTo(SubmitOutcome.THROTTLED);
        assertThat(CmppResultCodes.SUBMIT.outcome(13)).isEqualTo(SubmitOutcome.PERMANENT);
        assertThat(CmppResultCodes.SUBMIT.lookup(150).description()).contains("150");
        assertThat(CmppResultCodes.CONNECT.describe(3)).isEqualTo("authentication failed");
    }

    @Test
    void reportStatesAreReadLeniently() {
        CmppReport delivered = new CmppReport(1, "delivrd", "", "", "", 0);
        assertThat(delivered.isDelivered()).isTrue();
        CmppReport vendor = new CmppReport(1, "MK:0001", "", "", "", 0);
        assertThat(vendor.isDelivered()).isFalse();
        assertThat(vendor.isFinal()).isTrue();
        assertThat(new CmppReport(1, "ACCEPTD", "", "", "", 0).isFinal()).isFalse();
    }
}
