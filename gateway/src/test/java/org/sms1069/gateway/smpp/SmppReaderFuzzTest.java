package org.sms1069.gateway.smpp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.sms1069.gateway.fuzz.FrameFuzz;
import org.sms1069.gateway.fuzz.FuzzInput;
import org.sms1069.gateway.fuzz.WireFormat;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what the SMPP link does with the SMSC's bytes: {@link BoundedPduReader} frames the stream (ending only in an
 * {@link IOException}, on which jsmpp closes the session and the link binds again, and never allocating more than
 * {@link SmppConnection#MAX_PDU_LENGTH}); jsmpp decomposes each PDU; a deliver_sm goes to {@link SmppReceiver}, which
 * fails only with the {@link ProcessRequestException} jsmpp turns into the deliver_sm_resp status.
 */
@Tag("fuzz")
class SmppReaderFuzzTest {
    private static final int DELIVER_SM = 0x05;
    private static final int SUBMIT_SM_RESP = 0x8000_0004;
    private static final int DATA_SM = 0x103;
    private static final int ALERT_NOTIFICATION = 0x102;
    private static final int BIND_TRANSCEIVER_RESP = 0x8000_0009;
    private static final WireFormat FORMAT = new WireFormat(16, SmppConnection.MAX_PDU_LENGTH, List.of((long) DELIVER_SM,
            Integer.toUnsignedLong(SUBMIT_SM_RESP), (long) DATA_SM, (long) ALERT_NOTIFICATION,
            Integer.toUnsignedLong(BIND_TRANSCEIVER_RESP), 0x15L, 0x8000_0015L, 0x06L, 0x8000_0006L, 0x8000_0000L,
            0x8000_0005L));
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();
    private static final SmppReceiver RECEIVER = new SmppReceiver(new LinkSettings("intl-1", Carrier.INTL, Protocol.SMPP34,
            "127.0.0.1", 2775, "esme", "secret", null, "10690123456", 1, 16, 100, 100, 0, 0, null, null, null), new RecordingSink());

    @Property
    void smscStream(@ForAll("input") FuzzInput input) {
        BoundedPduReader reader = new BoundedPduReader(SmppConnection.MAX_PDU_LENGTH);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input.stream()));
        while (true) {
            byte[] pdu;
            Command header;
            try {
                header = reader.readPDUHeader(in);
                pdu = reader.readPDU(in, header);
            } catch (IOException endOfStreamOrUnframeable) {
                return;
            }
            assertThat(pdu.length).isEqualTo(header.getCommandLength()).isLessThanOrEqualTo(SmppConnection.MAX_PDU_LENGTH);
            handle(header.getCommandId(), pdu);
        }
    }

    /**
     * What jsmpp's transceiver session does with a PDU from the SMSC, up to our listener. jsmpp 3.0.2's decomposer also
     * throws runtime exceptions on bodies cut short (an ArrayIndexOutOfBoundsException for a deliver_sm without its
     * fields): jsmpp's PDU task then ends without an answer and the SMSC sends the PDU again. That is jsmpp's code,
     * tolerated here and described in docs/reliability.md; our listener must not add to it.
     */
    private static void handle(int commandId, byte[] pdu) {
        Object decomposed;
        try {
            decomposed = switch (commandId) {
                case DELIVER_SM -> DECOMPOSER.deliverSm(pdu);
                case SUBMIT_SM_RESP -> DECOMPOSER.submitSmResp(pdu);
                case DATA_SM -> DECOMPOSER.dataSm(pdu);
                case ALERT_NOTIFICATION -> DECOMPOSER.alertNotification(pdu);
                case BIND_TRANSCEIVER_RESP -> DECOMPOSER.bindResp(pdu);
                default -> DECOMPOSER.header(pdu);
            };
        } catch (PDUStringException | RuntimeException notDecomposed) {
            return; // generic_nack for a PDUStringException; see above for the rest
        }
        try {
            if (decomposed instanceof DeliverSm deliverSm) {
                RECEIVER.onAcceptDeliverSm(deliverSm);
            } else if (decomposed instanceof AlertNotification alert) {
                RECEIVER.onAcceptAlertNotification(alert);
            }
        } catch (ProcessRequestException answeredWithItsStatus) {
            // jsmpp writes deliver_sm_resp with this status
        }
    }

    @Provide
    Arbitrary<FuzzInput> input() {
        Arbitrary<byte[]> valid = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.strings().numeric().ofMaxLength(20),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(160), Arbitraries.of((byte) 0, (byte) 0x40, (byte) 0x04))
                        .as((seq, from, text, esm) -> deliverSm(seq, from, esm, text)),
                Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.strings().alpha().ofMaxLength(20),
                        Arbitraries.of("DELIVRD", "UNDELIV", "EXPIRED")).as((seq, id, stat) -> deliverSm(seq, "13800138000",
                        (byte) 0x04, ("id:" + id + " sub:001 dlvrd:001 submit date:2511281054 done date:2511281055 stat:" + stat
                                + " err:000 text:").getBytes(StandardCharsets.ISO_8859_1),
                        new OptionalParameter.OctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), id))),
                Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.strings().alpha().ofMaxLength(64))
                        .as(SmppReaderFuzzTest::submitSmResp),
                Arbitraries.integers().between(1, 3).map(COMPOSER::enquireLink),
                Arbitraries.integers().between(1, 3).map(COMPOSER::unbind),
                Arbitraries.integers().between(1, 3).map(seq -> COMPOSER.genericNack(3, seq)));
        return FrameFuzz.inputs(FORMAT, valid);
    }

    private static byte[] deliverSm(int seq, String from, byte esmClass, byte[] text, OptionalParameter... options) {
        try {
            return COMPOSER.deliverSm(seq, "", (byte) 1, (byte) 1, from, (byte) 0, (byte) 0, "10690123456", esmClass, (byte) 0,
                    (byte) 0, (byte) 0, (byte) 8, text, options);
        } catch (PDUStringException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] submitSmResp(int seq, String messageId) {
        try {
            return COMPOSER.submitSmResp(seq, messageId);
        } catch (PDUStringException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
