package org.sms1069.gateway.smpp;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.wire.codec.Octets;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.wire.codec.ReceiptStates;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.InboundValues;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.gateway.session.DialectSupport;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Turns deliver_sm into receipts (esm_class 0x04) or MO, hands them to the link's sink and answers ESME_ROK only
 * once the sink has kept them; otherwise ESME_RX_T_APPN, a temporary error, so that the SMSC sends them again.
 */
final class SmppReceiver implements MessageReceiverListener {
    private static final Logger log = LoggerFactory.getLogger(SmppReceiver.class);
    private static final int ERR_SYS = 0x08;
    /** ESME_RX_T_APPN: "ESME receiver temporary app error", the SMSC retries the deliver_sm later. */
    static final int TEMPORARY_APP_ERROR = 0x64;
    /**
     * How long a deliver_sm waits for the sink. jsmpp calls this listener on one of its own PDU threads and writes
     * deliver_sm_resp when the call returns, so waiting here blocks no event loop; the bound keeps a stalled broker
     * from holding those threads past the SMSC's own response timer.
     */
    static final Duration KEEP_WAIT = Duration.ofSeconds(10);

    private final LinkSettings settings;
    private final InboundSink inbound;

    SmppReceiver(LinkSettings settings, InboundSink inbound) {
        this.settings = settings;
        this.inbound = inbound;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (deliverSm.isSmscDeliveryReceipt()) {
            receipt(deliverSm);
        } else {
            mo(deliverSm);
        }
    }

    private void receipt(DeliverSm deliverSm) throws ProcessRequestException {
        SmppReceiptText receipt = SmppReceipts.read(deliverSm);
        if (receipt.id() == null) {
            throw new ProcessRequestException("receipt without a message id", ERR_SYS);
        }
        if (ReceiptStates.isIntermediate(receipt.stat())) {
            return; // ENROUTE, ACCEPTD: answered, the final receipt follows
        }
        awaitKept(inbound.onReceipt(new Receipt(settings.id(), settings.receiptScope(), receipt.id(),
                deliverSm.getSourceAddr(), receipt.stat(), receipt.err(), Instant.now())));
    }

    /**
     * The sender in canonical form as on the other protocols; the text from short_message, or from message_payload
     * when short_message is empty (§5.2.21: the two are exclusive), decoded by its data_coding.
     */
    private void mo(DeliverSm deliverSm) throws ProcessRequestException {
        byte[] body = moBody(deliverSm);
        String text = SmppDataCoding.decode(deliverSm.getDataCoding(), withoutUdh(deliverSm, body));
        MoMessage message = InboundValues.mo(DialectSupport.moPhone(deliverSm.getSourceAddr()), deliverSm.getDestAddress(),
                text, settings.carrier(), settings.id(), Instant.now(), null, null);
        ConcatenationUdh concatenation = hasUdh(deliverSm) ? ConcatenationUdh.find(Octets.of(body)).orElse(null) : null;
        awaitKept(inbound.onMo(new MoPart(message, concatenation, SmppMoKey.of(deliverSm, body))));
    }

    private static byte[] moBody(DeliverSm deliverSm) {
        byte[] shortMessage = deliverSm.getShortMessage();
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        return payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
    }

    private void awaitKept(CompletionStage<Void> kept) throws ProcessRequestException {
        try {
            kept.toCompletableFuture().get(KEEP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notKept(e);
        } catch (ExecutionException | TimeoutException e) {
            throw notKept(e);
        }
    }

    private ProcessRequestException notKept(Exception cause) {
        log.warn("link {}: deliver_sm not kept, answering a temporary error: {}", settings.id(), cause.toString());
        return new ProcessRequestException("deliver_sm could not be kept", TEMPORARY_APP_ERROR);
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

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // alerts tell that a phone became reachable; the platform does not store-and-forward, so nothing to do
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", 0x03);
    }
}
