package org.sms1069.carriersim.smpp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.jsmpp.bean.OptionalParameter;
import org.sms1069.carriersim.receipt.DeliveryOutcome;
import org.sms1069.carriersim.receipt.ReceiptJob;

/** The delivery receipt of one accepted submit_sm (one part of a long message gets its own). */
final class SmppReceiptJob implements ReceiptJob {
    static final int ESM_CLASS_SMSC_DELIVERY_RECEIPT = 0x04;

    private final ReceivedSubmit submit;
    private final DeliveryOutcome outcome;
    private final DeliverSmSender sender;
    private final SmppCounters counters;
    private final Clock clock;
    private final SmppQuirks quirks;

    SmppReceiptJob(ReceivedSubmit submit, DeliveryOutcome outcome, DeliverSmSender sender, SmppCounters counters, Clock clock,
                   SmppQuirks quirks) {
        this.quirks = quirks;
        this.submit = submit;
        this.outcome = outcome;
        this.sender = sender;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public boolean tryDeliver() {
        String text = SmppReceiptFormat.text(submit.messageId(), submit.receivedAt(), clock.instant(), outcome, submit.text());
        // a receipt travels back: from the handset to the number that sent the message
        OutboundDeliverSm receipt = new OutboundDeliverSm(
                submit.destinationAddr(), submit.sourceAddr(),
                ESM_CLASS_SMSC_DELIVERY_RECEIPT, ShortMessageDecoder.DATA_CODING_DEFAULT,
                quirks.receiptsByTlvOnly() ? new byte[0] : text.getBytes(StandardCharsets.US_ASCII),
                new OptionalParameter.Receipted_message_id(submit.messageId()),
                new OptionalParameter.Message_state(SmppReceiptFormat.messageState(outcome).byteValue()));
        boolean sent = sender.send(submit.systemId(), receipt);
        if (sent) {
            counters.receiptSent();
        }
        return sent;
    }

    @Override
    public void abandon() {
        counters.receiptDropped();
    }
}
