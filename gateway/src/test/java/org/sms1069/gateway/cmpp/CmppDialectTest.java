package org.sms1069.gateway.cmpp;

import org.sms1069.wire.cmpp.CmppSubmitResp;
import org.sms1069.wire.cmpp.CmppPdu;
import org.sms1069.wire.cmpp.CmppVersion;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.CodecChannels;
import org.sms1069.wire.cmpp.CmppFixtures;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.GroupIds;
import org.sms1069.model.link.LinkOptions;
import org.sms1069.model.link.LinkSettings;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the CMPP dialect numbers the recipients of a group submit, per the link's group-id convention. */
class CmppDialectTest {
    private static final long MSG_ID = 0x1234_5678_9ABC_DE00L;
    private static final OutboundSubmit GROUP = new OutboundSubmit(1, "k", "cmcc-1", Carrier.CMCC,
            List.of(new Recipient("m1", "13800138001"), new Recipient("m2", "13800138002"), new Recipient("m3", "13800138003")),
            "10690123456", 1, 1, 7, "通知", 0, null, null);

    /** CmppFixtures' submit as the dialect makes it from a part: same sender, text and service. */
    private static final OutboundSubmit REPLY = new OutboundSubmit(1, "k", "cmcc-1", Carrier.CMCC,
            List.of(new Recipient("m1", "13800138000")), "10690123456", 1, 1, 7, "验证码123456", 0, null, null)
            .withCarrierLinkId(CmppFixtures.LINK_ID);

    private static CmppDialect dialect(GroupIds groupIds) {
        return dialect(groupIds, CmppVersion.V30);
    }

    private static CmppDialect dialect(GroupIds groupIds, CmppVersion version) {
        return new CmppDialect(new LinkSettings("cmcc-1", Carrier.CMCC, Protocol.CMPP30, "127.0.0.1", 7890, "901234",
                "secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 0, 0, null, null,
                new LinkOptions(0, groupIds, null, null, null)), version);
    }

    private static byte[] submitted(CmppVersion version, OutboundSubmit part) {
        return CodecChannels.encode(CmppFixtures.channel(version), dialect(GroupIds.SEQUENTIAL, version).submitRequest(7L, part));
    }

    private static MoPart moFrom(CmppVersion version, String lastField) {
        CmppPdu deliver = (CmppPdu) CodecChannels.decode(CmppFixtures.channel(version),
                CmppFixtures.deliverBytes(version, 0, 8, new byte[] {0, 'T', 0, 'D'}, lastField));
        return dialect(GroupIds.SEQUENTIAL, version).onRequest(deliver).mo();
    }

    @Test
    void a30ReplySendsTheLinkIdOfItsMoBackAndAnyOtherSubmitABlankOne() {
        assertThat(submitted(CmppVersion.V30, REPLY))
                .isEqualTo(CmppFixtures.submitBytes(CmppVersion.V30, List.of("13800138000"), CmppFixtures.LINK_ID));
        assertThat(submitted(CmppVersion.V30, REPLY.withCarrierLinkId(null)))
                .isEqualTo(CmppFixtures.submitBytes(CmppVersion.V30, List.of("13800138000"), ""));
    }

    @Test
    void a20SubmitHasNoLinkIdButItsReserveStaysBlank() {
        assertThat(submitted(CmppVersion.V20, REPLY))
                .isEqualTo(CmppFixtures.submitBytes(CmppVersion.V20, List.of("13800138000"), ""));
    }

    @Test
    void a30MoKeepsItsLinkIdAndA20MoHasNone() {
        assertThat(moFrom(CmppVersion.V30, "LNK42").message().carrierLinkId()).isEqualTo("LNK42");
        assertThat(moFrom(CmppVersion.V30, "").message().carrierLinkId()).isNull();
        assertThat(moFrom(CmppVersion.V20, "RSV").message().carrierLinkId()).as("2.0's Reserved is no LinkID").isNull();
    }

    @Test
    void sequentialGivesRecipientIItsOwnIdAndMatchesByPhone() {
        assertThat(dialect(GroupIds.SEQUENTIAL).submitResult(new CmppSubmitResp(1, MSG_ID, 0), GROUP))
                .isEqualTo(new SubmitResult.Accepted(List.of(Long.toUnsignedString(MSG_ID),
                        Long.toUnsignedString(MSG_ID + 1), Long.toUnsignedString(MSG_ID + 2)), true));
    }

    @Test
    void sameGivesEveryRecipientTheOneId() {
        String id = Long.toUnsignedString(MSG_ID);
        assertThat(dialect(GroupIds.SAME).submitResult(new CmppSubmitResp(1, MSG_ID, 0), GROUP))
                .isEqualTo(new SubmitResult.Accepted(List.of(id, id, id), true));
    }
}
