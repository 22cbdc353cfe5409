package org.sms1069.gateway.smpp;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.sms1069.gateway.codec.ConcatenationUdh;
import org.sms1069.gateway.codec.Octets;
import org.sms1069.gateway.dlr.Receipt;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.link.LinkSettings;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** Turns deliver_sm into receipts (esm_class 0x04) or MO, and hands them to the link's sink. */
final class SmppReceiver implements MessageReceiverListener {
    private static final int ERR_SYS = 0x08;
    private static final byte DATA_CODING_UCS2 = 0x08;

    private final LinkSettings settings;
    private final InboundSink inbound;

    SmppReceiver(LinkSettings settings, InboundSink inbound) {
        this.settings = settings;
        this.inbound = inbound;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        byte[] body = deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage();
        if (deliverSm.isSmscDeliveryReceipt()) {
            SmppReceiptText text = SmppReceiptText.parse(new String(body, StandardCharsets.ISO_8859_1));
            String id = receiptedMessageId(deliverSm);
            if (id == null) {
                id = text.id();
            }
            if (id == null) {
                throw new ProcessRequestException("receipt without a message id", ERR_SYS);
            }
            inbound.onReceipt(new Receipt(settings.id(), settings.receiptScope(), id, deliverSm.getSourceAddr(), text.stat(),
                    text.err(), Instant.now()));
        } else {
            MoMessage message = new MoMessage(MoMessage.VERSION, deliverSm.getSourceAddr(), deliverSm.getDestAddress(),
                    decode(deliverSm.getDataCoding(), withoutUdh(deliverSm, body)), settings.carrier(), settings.id(),
                    Instant.now(), null);
            inbound.onMo(new MoPart(message, hasUdh(deliverSm) ? ConcatenationUdh.find(Octets.of(body)).orElse(null) : null));
        }
    }

    private static String receiptedMessageId(DeliverSm deliverSm) {
        OptionalParameter parameter = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        if (parameter instanceof OptionalParameter.OctetString octets) {
            String value = octets.getValueAsString().replace("\u0000", "").strip();
            return value.isEmpty() ? null : value;
        }
        return null;
    }

    private static boolean hasUdh(DeliverSm deliverSm) {
        return (deliverSm.getEsmClass() & 0x40) != 0;
    }

    private static byte[] withoutUdh(DeliverSm deliverSm, byte[] body) {
        if (!hasUdh(deliverSm) || body.length == 0) {
            return body;
        }
        int headerLength = (body[0] & 0xff) + 1;
        return headerLength <= body.length ? Arrays.copyOfRange(body, headerLength, body.length) : body;
    }

    private static String decode(byte dataCoding, byte[] body) {
        Charset charset = dataCoding == DATA_CODING_UCS2 ? StandardCharsets.UTF_16BE : StandardCharsets.ISO_8859_1;
        return new String(body, charset);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // alerts tell that a phone became reachable; the platform does not store-and-forward, so nothing to do
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
}
