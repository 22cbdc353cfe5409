package org.sms1069.wire.cmpp;

import io.netty.channel.embedded.EmbeddedChannel;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.codec.WireBytes;

import java.util.List;

import static org.sms1069.wire.codec.WireBytes.wire;

/** Sample CMPP PDUs and their expected bytes, laid out field by field from reference §1. */
/** CMPP PDUs and their bytes as the reference gives them; the gateway's dialect tests use them too (wire's test jar). */
public final class CmppFixtures {

    public static final long SUBMIT_MSG_ID = 0xBE2B61C003E9002AL; // reference §1.5: 11-28 10:54:07, gateway 1001, seq 42
    public static final MessageContent UCS2_TEXT = MessageContent.ofText(MessageFormat.UCS2, "验证码123456");
    public static final MessageContent MO_TEXT = MessageContent.ofText(MessageFormat.UCS2, "TD");

    private CmppFixtures() {
    }

    public static EmbeddedChannel channel(CmppVersion version) {
        return new EmbeddedChannel(CmppDecoder.frameDecoder(PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH),
                new CmppDecoder(version), new CmppEncoder(version));
    }

    /** A LinkID as an on-demand MO brings it: 20 characters, the whole field. */
    public static final String LINK_ID = "LNK20261128105407001";

    public static CmppSubmit submit(List<String> destinations) {
        return submit(destinations, "");
    }

    public static CmppSubmit submit(List<String> destinations, String linkId) {
        return new CmppSubmit(7, 0, 1, 1, 1, 0, "MXX0010101", 2, "", 0, 0, "901234", "01", "000000", "", "",
                "10690123456", destinations, 0, UCS2_TEXT, linkId);
    }

    public static byte[] submitBytes(CmppVersion version, List<String> destinations) {
        return submitBytes(version, destinations, "");
    }

    /** {@code linkId} in the last field: LinkID in 3.0, Reserve in 2.0. */
    public static byte[] submitBytes(CmppVersion version, List<String> destinations, String linkId) {
        int idLength = version.terminalIdLength();
        boolean v30 = version == CmppVersion.V30;
        WireBytes wire = wire().u32(CmppCommandIds.SUBMIT).u32(7)
                .u64(0).u8(1).u8(1).u8(1).u8(0).str("MXX0010101", 10).u8(2).str("", idLength);
        if (v30) {
            wire.u8(0);
        }
        wire.u8(0).u8(0).u8(8).str("901234", 6).str("01", 2).str("000000", 6).str("", 17).str("", 17)
                .str("10690123456", 21).u8(destinations.size());
        destinations.forEach(d -> wire.str(d, idLength));
        if (v30) {
            wire.u8(0);
        }
        return wire.u8(UCS2_TEXT.length()).bytes(UCS2_TEXT.bytes().toByteArray())
                .str(linkId, version.trailerLength()).framed();
    }

    public static CmppReport report(CmppVersion version) {
        return new CmppReport(SUBMIT_MSG_ID, "DELIVRD", "2511281054", "2511281055", "8613800138000", 12345);
    }

    public static byte[] reportBytes(CmppVersion version) {
        return wire().u64(SUBMIT_MSG_ID).str("DELIVRD", 7).str("2511281054", 10).str("2511281055", 10)
                .str("8613800138000", version.terminalIdLength()).u32(12345).build();
    }

    public static byte[] deliverBytes(CmppVersion version, int registeredDelivery, int format, byte[] content) {
        return deliverBytes(version, registeredDelivery, format, content, "");
    }

    /** {@code linkId} in the last field: LinkID in 3.0, Reserved in 2.0. */
    public static byte[] deliverBytes(CmppVersion version, int registeredDelivery, int format, byte[] content, String linkId) {
        WireBytes wire = wire().u32(CmppCommandIds.DELIVER).u32(9)
                .u64(0x1234_5678_9ABC_DEF0L).str("106901234561", 21).str("MXX0010101", 10).u8(0).u8(0).u8(format)
                .str(registeredDelivery == 1 ? "8613800138000" : "13800138000", version.terminalIdLength());
        if (version == CmppVersion.V30) {
            wire.u8(0);
        }
        return wire.u8(registeredDelivery).u8(content.length).bytes(content)
                .str(linkId, version.trailerLength()).framed();
    }
}
