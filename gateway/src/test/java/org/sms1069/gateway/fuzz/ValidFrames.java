package org.sms1069.gateway.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.sms1069.wire.cmpp.CmppActiveTest;
import org.sms1069.wire.cmpp.CmppActiveTestResp;
import org.sms1069.wire.cmpp.CmppConnect;
import org.sms1069.wire.cmpp.CmppConnectResp;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppDeliverResp;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppPdu;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppSubmit;
import org.sms1069.wire.cmpp.CmppSubmitResp;
import org.sms1069.wire.cmpp.CmppTerminate;
import org.sms1069.wire.cmpp.CmppTerminateResp;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.Pdu;
import org.sms1069.wire.codec.PduEncoder;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipDeliver;
import org.sms1069.wire.sgip.SgipDeliverResp;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSubmit;
import org.sms1069.wire.sgip.SgipSubmitResp;
import org.sms1069.wire.sgip.SgipUnbind;
import org.sms1069.wire.sgip.SgipUnbindResp;
import org.sms1069.wire.sgip.SgipUserRpt;
import org.sms1069.wire.smgp.SmgpActiveTest;
import org.sms1069.wire.smgp.SmgpActiveTestResp;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpDeliverResp;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpExit;
import org.sms1069.wire.smgp.SmgpExitResp;
import org.sms1069.wire.smgp.SmgpLogin;
import org.sms1069.wire.smgp.SmgpLoginResp;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpPdu;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpSubmit;
import org.sms1069.wire.smgp.SmgpSubmitResp;
import org.sms1069.wire.smgp.SmgpTlvTags;
import org.sms1069.wire.smgp.SmgpTlvs;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Valid frames of every PDU a peer may send us, with varied field values, built with the gateway's own encoders:
 * the seeds that {@link FrameFuzz} mutates. Small sequence numbers come often, so that answers meet the requests
 * a session has in flight.
 */
public final class ValidFrames {
    private static final List<String> STATS = List.of("DELIVRD", "UNDELIV", "EXPIRED", "ACCEPTD", "MK:0001", "");

    private ValidFrames() {
    }

    public static Arbitrary<byte[]> cmpp(CmppVersion version) {
        CmppEncoder encoder = new CmppEncoder(version);
        Arbitrary<CmppPdu> pdus = Arbitraries.oneOf(
                Combinators.combine(sequence(), msgId(), digits(21), content()).as((seq, id, from, content) ->
                        new CmppDeliver(seq, id, "1069012345601", "MXX0010101", 0, from, 0, 0, content, "")),
                Combinators.combine(sequence(), msgId(), Arbitraries.of(STATS), digits(21)).as((seq, id, stat, to) ->
                        CmppDeliver.ofReport(seq, id, "1069012345601", "MXX0010101",
                                new CmppReport(id, stat, "2511281054", "2511281055", to, seq), version)),
                Combinators.combine(sequence(), msgId(), result()).as(CmppSubmitResp::new),
                Combinators.combine(sequence(), msgId(), result()).as(CmppDeliverResp::new),
                Combinators.combine(sequence(), result()).as((seq, status) ->
                        new CmppConnectResp(seq, status, Octets.of(new byte[16]), version.code())),
                sequence().map(CmppActiveTest::new),
                sequence().map(CmppActiveTestResp::new),
                sequence().map(CmppTerminate::new),
                sequence().map(CmppTerminateResp::new),
                sequence().map(seq -> CmppConnect.login(seq, "901234", "secret", version, 1_128_105_407L)),
                Combinators.combine(sequence(), digits(21).list().ofMinSize(1).ofMaxSize(3), content()).as((seq, to, content) ->
                        new CmppSubmit(seq, 0, 1, 1, 1, 0, "MXX0010101", 2, "", 0, 0, "901234", "01", "000000", "", "",
                                "10690123456", to, 0, content, "")));
        return pdus.map(pdu -> encode(encoder, pdu));
    }

    public static Arbitrary<byte[]> smgp() {
        SmgpEncoder encoder = new SmgpEncoder();
        Arbitrary<SmgpPdu> pdus = Arbitraries.oneOf(
                Combinators.combine(sequence(), smgpId(), digits(21), content()).as((seq, id, from, content) ->
                        new SmgpDeliver(seq, id, 0, "20251128105407", from, "1069012345601", content, SmgpTlvs.EMPTY
                                .withString(SmgpTlvTags.LINK_ID, "link", 20))),
                Combinators.combine(sequence(), smgpId(), Arbitraries.of(STATS), digits(21)).as((seq, id, stat, to) ->
                        SmgpDeliver.ofReport(seq, id, "20251128105407", to, "1069012345601",
                                new SmgpReport(id, "001", "001", "2511281054", "2511281055", stat, "000"))),
                Combinators.combine(sequence(), smgpId(), result()).as(SmgpSubmitResp::new),
                Combinators.combine(sequence(), smgpId(), result()).as(SmgpDeliverResp::new),
                Combinators.combine(sequence(), result()).as((seq, status) ->
                        new SmgpLoginResp(seq, status, Octets.of(new byte[16]), SmgpLogin.VERSION_30)),
                sequence().map(SmgpActiveTest::new),
                sequence().map(SmgpActiveTestResp::new),
                sequence().map(SmgpExit::new),
                sequence().map(SmgpExitResp::new),
                sequence().map(seq -> SmgpLogin.login(seq, "client", "secret", SmgpLogin.MODE_TRANSMIT, 1_128_105_407L)),
                Combinators.combine(sequence(), digits(21).list().ofMinSize(1).ofMaxSize(3), content()).as((seq, to, content) ->
                        new SmgpSubmit(seq, SmgpSubmit.MT, 1, 0, "MXX0010101", "00", "000000", "000000", "", "",
                                "10690123456", "", to, content, SmgpTlvs.EMPTY.withUint8(SmgpTlvTags.PK_TOTAL, 2)
                                .withUint8(SmgpTlvTags.PK_NUMBER, 1))));
        return pdus.map(pdu -> encode(encoder, pdu));
    }

    /** SGIP PDUs; {@code node} is the node id in most sequences (ours for answers, the SMG's for its requests). */
    public static Arbitrary<byte[]> sgip(long node) {
        SgipEncoder encoder = new SgipEncoder();
        Arbitrary<SgipSequence> seq = sgipSequence(node);
        Arbitrary<SgipPdu> pdus = Arbitraries.oneOf(
                Combinators.combine(seq, digits(21), content()).as((s, from, content) ->
                        new SgipDeliver(s, from, "1069012345601", 0, content)),
                Combinators.combine(seq, seq, Arbitraries.integers().between(0, 2), digits(21), Arbitraries.integers().between(0, 255))
                        .as((s, submit, state, to, error) -> new SgipReport(s, submit, 0, to, state, error)),
                Combinators.combine(seq, digits(21)).as((s, to) -> new SgipUserRpt(s, "1069012345601", to, 1)),
                Combinators.combine(seq, Arbitraries.integers().between(0, 255)).as(SgipSubmitResp::new),
                Combinators.combine(seq, Arbitraries.integers().between(0, 255)).as(SgipBindResp::new),
                Combinators.combine(seq, Arbitraries.integers().between(0, 255)).as(SgipDeliverResp::new),
                Combinators.combine(seq, Arbitraries.of(SgipBind.SMG_TO_SP, SgipBind.SP_TO_SMG)).as((s, type) ->
                        new SgipBind(s, type, "smg-login", "smg-secret")),
                seq.map(SgipUnbind::new),
                seq.map(SgipUnbindResp::new),
                Combinators.combine(seq, digits(21).list().ofMinSize(1).ofMaxSize(3), content()).as((s, to, content) ->
                        new SgipSubmit(s, "10690123456", SgipSubmit.SP_PAYS, to, "12345", "MXX0010101", 1, "0", "0", 0, 2,
                                0, "", "", 1, 0, 0, content)));
        return pdus.map(pdu -> encode(encoder, pdu));
    }

    /** One PDU as the encoder writes it. */
    public static <P extends Pdu> byte[] encode(PduEncoder<P> encoder, P pdu) {
        ByteBuf out = Unpooled.buffer();
        try {
            encoder.encodeTo(pdu, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static Arbitrary<Long> sequence() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().between(1, 3)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xFFFF_FFFFL)));
    }

    private static Arbitrary<SgipSequence> sgipSequence(long node) {
        Arbitrary<Long> nodes = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(node)),
                Tuple.of(1, Arbitraries.longs().between(0, 0xFFFF_FFFFL)));
        return Combinators.combine(nodes, Arbitraries.longs().between(0, 0xFFFF_FFFFL), sequence()).as(SgipSequence::new);
    }

    private static Arbitrary<Long> msgId() {
        return Arbitraries.longs();
    }

    private static Arbitrary<SmgpMsgId> smgpId() {
        return Arbitraries.strings().numeric().ofLength(20).map(SmgpMsgId::of);
    }

    private static Arbitrary<Long> result() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.longs().between(0, 255)));
    }

    private static Arbitrary<String> digits(int max) {
        return Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(max);
    }

    /** UCS2 text, a part of a long message with its UDH, or binary. */
    private static Arbitrary<MessageContent> content() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(70);
        return Arbitraries.oneOf(
                text.map(s -> MessageContent.ofText(MessageFormat.UCS2, s)),
                Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(1, 3), text)
                        .as((ref, total, s) -> MessageContent.segment(MessageFormat.UCS2, new ConcatenationUdh(ref, total, 1),
                                s.substring(0, Math.min(s.length(), 60)).getBytes(StandardCharsets.UTF_16BE))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(140)
                        .map(bytes -> new MessageContent(MessageFormat.BINARY, false, Octets.of(bytes))));
    }
}
