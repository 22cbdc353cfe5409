package org.sms1069.gateway.smpp;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.DefaultDecomposer;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deliver_sm bytes as carriers send them, through jsmpp's decomposer into {@link SmppReceiver}: receipts whose state
 * is in TLVs or in message_payload, MO in every data_coding our carriers use, and the MO's repeat key.
 */
class SmppDeliverSmTest {
    private static final byte RECEIPT = 0x04;
    private static final DefaultComposer COMPOSER = new DefaultComposer();
    private static final DefaultDecomposer DECOMPOSER = new DefaultDecomposer();

    private final RecordingSink sink = new RecordingSink();
    private final SmppReceiver receiver = new SmppReceiver(new LinkSettings("intl-1", Carrier.INTL, Protocol.SMPP34,
            "127.0.0.1", 2775, "esme", "secret", null, "10690123456", 1, 16, 100, 100, 0, 0, null, null, null), sink);

    /** A whole deliver_sm: header, then the body in hex (spaces ignored). */
    private static byte[] pdu(String bodyHex) {
        byte[] body = HexFormat.of().parseHex(bodyHex.replace(" ", ""));
        return ByteBuffer.allocate(16 + body.length).putInt(16 + body.length).putInt(0x05).putInt(0).putInt(7)
                .put(body).array();
    }

    private static String cString(String value) {
        return HexFormat.of().formatHex(value.getBytes(StandardCharsets.ISO_8859_1)) + "00";
    }

    /** service_type, source 1/1/8613800138000, destination 0/0/10690123456, then esm_class. */
    private static String addresses() {
        return "00 0101" + cString("8613800138000") + " 0000" + cString("10690123456");
    }

    private void deliver(byte[] pdu) throws Exception {
        receiver.onAcceptDeliverSm(DECOMPOSER.deliverSm(pdu));
    }

    private void deliverMo(byte dataCoding, byte[] message, OptionalParameter... options) throws Exception {
        deliver(COMPOSER.deliverSm(3, "", (byte) 1, (byte) 1, "8613800138000", (byte) 0, (byte) 0, "10690123456",
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, dataCoding, message, options));
    }

    @Test
    void aReceiptWithItsStateInTlvsOnly() throws Exception {
        // esm_class 04, no short_message; receipted_message_id "ABC123", message_state 2, network_error_code GSM 0
        deliver(pdu(addresses() + " 04 00 00 00 00 00 00 00 00 00"
                + " 001E 0007 " + cString("ABC123") + " 0427 0001 02 0423 0003 030000"));

        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo("ABC123");
            assertThat(r.stat()).isEqualTo("DELIVRD");
            assertThat(r.error()).isEqualTo("3:0");
        });
    }

    @Test
    void theTlvStateWinsOverTheText() throws Exception {
        deliver(COMPOSER.deliverSm(3, "", (byte) 1, (byte) 1, "8613800138000", (byte) 0, (byte) 0, "10690123456",
                RECEIPT, (byte) 0, (byte) 0, (byte) 0, (byte) 0,
                "id:77 sub:001 dlvrd:000 submit date:2611281054 done date:2611281055 stat:UNKNOWN err:000 text:"
                        .getBytes(StandardCharsets.ISO_8859_1),
                new OptionalParameter.Message_state((byte) 5)));

        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo("77");
            assertThat(r.stat()).isEqualTo("UNDELIV");
        });
    }

    @Test
    void aReceiptWithItsTextInMessagePayload() throws Exception {
        deliver(COMPOSER.deliverSm(3, "", (byte) 1, (byte) 1, "8613800138000", (byte) 0, (byte) 0, "10690123456",
                RECEIPT, (byte) 0, (byte) 0, (byte) 0, (byte) 0, new byte[0],
                new OptionalParameter.Message_payload(("id:5F5F sub:001 dlvrd:001 submit date:2611281054 "
                        + "done date:2611281055 stat:EXPIRED err:027 text:").getBytes(StandardCharsets.ISO_8859_1))));

        assertThat(sink.receipts).singleElement().satisfies(r -> {
            assertThat(r.carrierMessageId()).isEqualTo("5F5F");
            assertThat(r.stat()).isEqualTo("EXPIRED");
            assertThat(r.error()).isEqualTo("027");
        });
    }

    @Test
    void intermediateStatesAreAnsweredButNotHandedOn() throws Exception {
        deliver(pdu(addresses() + " 04 00 00 00 00 00 00 00 00 00 001E 0003 " + cString("AB") + " 0427 0001 01"));
        deliver(pdu(addresses() + " 04 00 00 00 00 00 00 00 00 00 001E 0003 " + cString("AB") + " 0427 0001 06"));

        assertThat(sink.receipts).isEmpty();
    }

    @Test
    void theMoSenderIsInCanonicalFormAsOnTheOtherProtocols() throws Exception {
        deliverMo((byte) 0x03, "STOP".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(sink.mos).singleElement().satisfies(mo -> {
            assertThat(mo.phone()).isEqualTo("13800138000");
            assertThat(mo.text()).isEqualTo("STOP");
        });
    }

    @Test
    void gsmSevenBitDefaultAlphabetWithItsExtension() throws Exception {
        // "@£$ ok €[]" in unpacked septets: @ = 00, £ = 01, $ = 02, € = 1B 65, [ = 1B 3C, ] = 1B 3E
        deliverMo((byte) 0x00, HexFormat.of().parseHex("000102206f6b201b651b3c1b3e"));

        assertThat(sink.mos).singleElement().satisfies(mo -> assertThat(mo.text()).isEqualTo("@£$ ok €[]"));
    }

    @Test
    void latin1AndUcs2WithAndWithoutAMessageClass() throws Exception {
        deliverMo((byte) 0x03, "café".getBytes(StandardCharsets.ISO_8859_1));
        deliverMo((byte) 0x08, "退订".getBytes(StandardCharsets.UTF_16BE));
        deliverMo((byte) 0x18, "你好".getBytes(StandardCharsets.UTF_16BE));
        deliverMo((byte) 0x19, "谢谢".getBytes(StandardCharsets.UTF_16BE));
        deliverMo((byte) 0xF0, HexFormat.of().parseHex("48656c6c6f"));

        assertThat(sink.mos).extracting(mo -> mo.text()).containsExactly("café", "退订", "你好", "谢谢", "Hello");
    }

    @Test
    void anMoInMessagePayload() throws Exception {
        deliverMo((byte) 0x08, new byte[0], new OptionalParameter.Message_payload("长消息正文".getBytes(StandardCharsets.UTF_16BE)));

        assertThat(sink.mos).singleElement().satisfies(mo -> assertThat(mo.text()).isEqualTo("长消息正文"));
    }

    @Test
    void anMoResentWithANewSequenceHasTheSameRepeatKey() throws Exception {
        deliverMo((byte) 0x03, "Y".getBytes(StandardCharsets.ISO_8859_1));
        deliver(COMPOSER.deliverSm(99, "", (byte) 1, (byte) 1, "8613800138000", (byte) 0, (byte) 0, "10690123456",
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0x03, "Y".getBytes(StandardCharsets.ISO_8859_1)));
        deliverMo((byte) 0x03, "N".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(sink.moParts.get(0).repeatKey()).isNotNull().isEqualTo(sink.moParts.get(1).repeatKey());
        assertThat(sink.moParts.get(2).repeatKey()).isNotEqualTo(sink.moParts.get(0).repeatKey());
        assertThat(sink.mos).allSatisfy(mo -> assertThat(mo.carrierMessageId()).isNull());
    }
}
