package org.sms1069.wire.cmpp;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.CodecChannels;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sms1069.wire.cmpp.CmppFixtures.channel;
import static org.sms1069.wire.codec.CodecChannels.assertFinished;
import static org.sms1069.wire.codec.CodecChannels.decode;
import static org.sms1069.wire.codec.WireBytes.wire;

/** Golden bytes for every CMPP PDU, in both directions, whole and one byte at a time. */
class CmppCodecTest {

    private static final Octets AUTH_SOURCE = Octets.fromHex("031c6faf8dfd92fde7ce5cf38bf28aa0");

    @Test
    void connectMatchesTheReferenceVector() {
        CmppConnect connect = CmppConnect.login(1, "901234", "secret", CmppVersion.V30, 301000000L);
        assertGolden(CmppVersion.V30, connect,
                "00000027 00000001 00000001 393031323334 031c6faf8dfd92fde7ce5cf38bf28aa0 30 11f0e540");
    }

    @Test
    void connectResp30HasFourByteStatus() {
        Octets ismg = CmppAuthenticator.ismg(0, AUTH_SOURCE, "secret", CmppVersion.V30);
        assertGolden(CmppVersion.V30, new CmppConnectResp(1, 0, ismg, 0x30),
                "00000021 80000001 00000001 00000000 19708895a4551d24bcc11b87f019110d 30");
    }

    @Test
    void connectResp20HasOneByteStatus() {
        Octets ismg = CmppAuthenticator.ismg(0, AUTH_SOURCE, "secret", CmppVersion.V20);
        assertGolden(CmppVersion.V20, new CmppConnectResp(1, 0, ismg, 0x20),
                "0000001e 80000001 00000001 00 f12a6d1810d72e38c6fab869a447595a 20");
    }

    @Test
    void connectRespLayoutFollowsTheBodyLengthNotTheConfiguredVersion() {
        EmbeddedChannel channel = channel(CmppVersion.V30);
        Object decoded = decode(channel, HexFormat.of().parseHex(
                "0000001e800000010000000103f12a6d1810d72e38c6fab869a447595a20"));
        assertThat(decoded).isEqualTo(new CmppConnectResp(1, 3,
                Octets.fromHex("f12a6d1810d72e38c6fab869a447595a"), 0x20));
        assertFinished(channel);
    }

    @Test
    void refusal30WithoutAuthenticatorKeepsItsStatus() {
        assertGolden(CmppVersion.V30, new CmppConnectResp(1, 3, Octets.EMPTY, 0x30),
                "00000011 80000001 00000001 00000003 30");
        EmbeddedChannel statusOnly = channel(CmppVersion.V30);
        assertThat(decode(statusOnly, HexFormat.of().parseHex("00000010800000010000000100000003")))
                .isEqualTo(new CmppConnectResp(1, 3, Octets.EMPTY, 0));
        assertFinished(statusOnly);
    }

    @Test
    void refusal20WithoutAuthenticatorKeepsItsStatus() {
        assertGolden(CmppVersion.V20, new CmppConnectResp(1, 3, Octets.EMPTY, 0x20), "0000000e 80000001 00000001 03 20");
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void submitWithTwoRecipients(CmppVersion version) {
        List<String> destinations = List.of("13800138000", "+8613900139000");
        byte[] expected = CmppFixtures.submitBytes(version, destinations);
        int base = version == CmppVersion.V30 ? 163 + 32 * 2 : 138 + 21 * 2; // reference §4
        assertThat(expected).hasSize(base + CmppFixtures.UCS2_TEXT.length());
        assertGolden(version, CmppFixtures.submit(destinations), expected);
    }

    @Test
    void a30SubmitCarriesItsLinkIdInTheLast20Octets() {
        List<String> destinations = List.of("13800138000");
        byte[] expected = CmppFixtures.submitBytes(CmppVersion.V30, destinations, CmppFixtures.LINK_ID);
        assertThat(HexFormat.of().formatHex(expected, expected.length - 20, expected.length))
                .isEqualTo("4c4e4b3230323631313238313035343037303031");
        assertGolden(CmppVersion.V30, CmppFixtures.submit(destinations, CmppFixtures.LINK_ID), expected);
    }

    @Test
    void a30DeliverCarriesTheMosLinkIdInTheLast20Octets() {
        byte[] expected = CmppFixtures.deliverBytes(CmppVersion.V30, 0, 8, new byte[] {0, 'T', 0, 'D'}, "LNK42");
        assertThat(HexFormat.of().formatHex(expected, expected.length - 20, expected.length))
                .isEqualTo("4c4e4b3432" + "00".repeat(15));
        assertGolden(CmppVersion.V30, new CmppDeliver(9, 0x1234_5678_9ABC_DEF0L, "106901234561", "MXX0010101", 0,
                "13800138000", 0, 0, CmppFixtures.MO_TEXT, "LNK42"), expected);
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void submitResp(CmppVersion version) {
        String result = version == CmppVersion.V30 ? "00000008" : "08";
        String length = version == CmppVersion.V30 ? "00000018" : "00000015";
        assertGolden(version, new CmppSubmitResp(7, CmppFixtures.SUBMIT_MSG_ID, 8),
                length + " 80000004 00000007 be2b61c003e9002a " + result);
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void deliverMo(CmppVersion version) {
        byte[] expected = CmppFixtures.deliverBytes(version, 0, 8, new byte[] {0, 'T', 0, 'D'});
        assertThat(expected).hasSize((version == CmppVersion.V30 ? 109 : 85) + 4);
        CmppDeliver mo = new CmppDeliver(9, 0x1234_5678_9ABC_DEF0L, "106901234561", "MXX0010101", 0, "13800138000",
                0, 0, CmppFixtures.MO_TEXT, "");
        assertGolden(version, mo, expected);
        assertThat(mo.content().text()).isEqualTo("TD");
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void deliverStatusReport(CmppVersion version) {
        byte[] report = CmppFixtures.reportBytes(version);
        assertThat(report).hasSize(version == CmppVersion.V30 ? 71 : 60);
        CmppDeliver deliver = CmppDeliver.ofReport(9, 0x1234_5678_9ABC_DEF0L, "106901234561", "MXX0010101",
                CmppFixtures.report(version), version);
        assertGolden(version, deliver, CmppFixtures.deliverBytes(version, 1, 0, report));
        assertThat(deliver.report()).isEqualTo(CmppFixtures.report(version));
        assertThat(deliver.report().isDelivered()).isTrue();
    }

    @Test
    void a30DeliverMayCarryThe60ByteReport() {
        EmbeddedChannel channel = channel(CmppVersion.V30);
        byte[] frame = CmppFixtures.deliverBytes(CmppVersion.V30, 1, 0, CmppFixtures.reportBytes(CmppVersion.V20));
        CmppDeliver deliver = (CmppDeliver) decode(channel, frame);
        assertThat(deliver.report()).isEqualTo(CmppFixtures.report(CmppVersion.V20));
        assertFinished(channel);
    }

    @ParameterizedTest
    @EnumSource(CmppVersion.class)
    void deliverResp(CmppVersion version) {
        String body = version == CmppVersion.V30 ? "00000018 80000005 00000009 123456789abcdef0 00000000"
                : "00000015 80000005 00000009 123456789abcdef0 00";
        assertGolden(version, new CmppDeliverResp(9, 0x1234_5678_9ABC_DEF0L, 0), body);
    }

    @Test
    void activeTestAndTerminate() {
        assertGolden(CmppVersion.V30, new CmppActiveTest(3), "0000000c 00000008 00000003");
        assertGolden(CmppVersion.V30, new CmppActiveTestResp(3), "0000000d 80000008 00000003 00");
        assertGolden(CmppVersion.V20, new CmppTerminate(4), "0000000c 00000002 00000004");
        assertGolden(CmppVersion.V20, new CmppTerminateResp(4), "0000000c 80000002 00000004");
    }

    @Test
    void activeTestRespWithoutItsReservedByteIsAccepted() {
        EmbeddedChannel channel = channel(CmppVersion.V30);
        assertThat(decode(channel, HexFormat.of().parseHex("0000000c8000000800000003")))
                .isEqualTo(new CmppActiveTestResp(3));
        assertFinished(channel);
    }

    @Test
    void paddingAndMissingTrailerAreTolerated() {
        // Src_Id padded with spaces, LinkID cut off entirely (body ends after Msg_Content)
        byte[] content = {0, 'h', 0, 'i'};
        byte[] frame = wire().u32(CmppCommandIds.DELIVER).u32(1).u64(5).str("10690123   ", 21).str("SVC", 10)
                .u8(0).u8(0).u8(8).str("13800138000", 32).u8(0).u8(0).u8(4).bytes(content).framed();
        EmbeddedChannel channel = channel(CmppVersion.V30);
        CmppDeliver deliver = (CmppDeliver) decode(channel, frame);
        assertThat(deliver.destId()).isEqualTo("10690123");
        assertThat(deliver.linkId()).isEmpty();
        assertThat(deliver.content()).isEqualTo(new MessageContent(MessageFormat.UCS2, false, Octets.of(content)));
        assertFinished(channel);
    }

    private static void assertGolden(CmppVersion version, CmppPdu pdu, String hex) {
        assertGolden(version, pdu, HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static void assertGolden(CmppVersion version, CmppPdu pdu, byte[] expected) {
        CodecChannels.assertGolden(() -> channel(version), pdu, expected);
    }
}
