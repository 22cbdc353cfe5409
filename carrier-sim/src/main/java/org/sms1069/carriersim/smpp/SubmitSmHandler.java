package org.sms1069.carriersim.smpp;

import org.sms1069.carriersim.fault.FlowControlFault;
import org.sms1069.carriersim.log.SubmitLog;
import org.sms1069.carriersim.stats.HandsetPart;
import org.sms1069.carriersim.stats.SimStats;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.sms1069.carriersim.throttle.TpsLimiter;
import org.sms1069.model.phone.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers submit_sm: stall gate, injected flow control and TPS limit, decode, record, message id. The receipt is scheduled
 * only once submit_sm_resp is on the wire, so a receipt can never overtake its response.
 */
final class SubmitSmHandler extends RefusingServerListener implements ServerResponseDeliveryListener {
    private static final Logger log = LoggerFactory.getLogger(SubmitSmHandler.class);
    private static final OptionalParameter[] NO_PARAMETERS = new OptionalParameter[0];

    private final SmppSessionRegistry registry;
    private final ResponseGate gate;
    private final FlowControlFault flowControl;
    private final TpsLimiter limiter;
    private final MessageIdGenerator messageIds;
    private final SubmitLog<ReceivedSubmit> submitLog;
    private final SmppCounters counters;
    private final SimStats stats;
    private final SmppReceiptIssuer receipts;
    private final Clock clock;
    private final Map<String, ReceivedSubmit> awaitingResponse = new ConcurrentHashMap<>();

    SubmitSmHandler(SmppSessionRegistry registry, ResponseGate gate, FlowControlFault flowControl, TpsLimiter limiter,
                    MessageIdGenerator messageIds, SubmitLog<ReceivedSubmit> submitLog, SmppCounters counters,
                    SimStats stats, SmppReceiptIssuer receipts, Clock clock) {
        this.registry = registry;
        this.gate = gate;
        this.flowControl = flowControl;
        this.limiter = limiter;
        this.messageIds = messageIds;
        this.submitLog = submitLog;
        this.counters = counters;
        this.stats = stats;
        this.receipts = receipts;
        this.clock = clock;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession session) throws ProcessRequestException {
        awaitResponsesFlowing(session);
        if (flowControl.refuse()) {
            counters.submitThrottled();
            throw new ProcessRequestException("flow control injected", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        if (!limiter.tryAcquire()) {
            counters.submitThrottled();
            throw new ProcessRequestException("over " + limiter.tps() + " submits per second", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        ShortMessage message = ShortMessageDecoder.decode(payloadOf(submitSm), submitSm.getEsmClass(),
                Byte.toUnsignedInt(submitSm.getDataCoding()));
        String messageId = messageIds.next();
        ReceivedSubmit submit = new ReceivedSubmit(registry.systemIdOf(session), submitSm.getSourceAddr(),
                submitSm.getDestAddress(), Byte.toUnsignedInt(submitSm.getDataCoding()),
                Byte.toUnsignedInt(submitSm.getEsmClass()), Byte.toUnsignedInt(submitSm.getRegisteredDelivery()),
                message.text(), message.concatenation(), messageId, clock.instant());
        if (SmppReceiptIssuer.receiptRequested(submit.registeredDelivery())) {
            awaitingResponse.put(messageId, submit);
        }
        submitLog.add(submit);
        counters.submitAccepted();
        stats.submitted(SmppSimulator.PROTOCOL, partKey(submit));
        log.debug("Accepted submit_sm {} to {}", messageId, PhoneNumbers.mask(submit.destinationAddr()));
        try {
            return new SubmitSmResult(new MessageId(messageId), NO_PARAMETERS);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("invalid message id " + messageId, SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
        ReceivedSubmit submit = awaitingResponse.remove(result.getMessageId());
        if (submit != null) {
            receipts.issue(submit);
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession session) {
        awaitingResponse.remove(result.getMessageId());
        log.warn("submit_sm_resp {} could not be sent: {}", result.getMessageId(), cause.toString());
    }

    private void awaitResponsesFlowing(SMPPServerSession session) throws ProcessRequestException {
        try {
            if (!gate.awaitOpen(() -> session.getSessionState().isBound())) {
                throw new ProcessRequestException("simulator stopping", SMPPConstant.STAT_ESME_RSYSERR);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private static HandsetPart partKey(ReceivedSubmit submit) {
        Concatenation part = submit.concatenation();
        return part == null ? HandsetPart.of(submit.destinationAddr(), submit.text(), 1, 1)
                : HandsetPart.of(submit.destinationAddr(), submit.text(), part.number(), part.total());
    }

    private static byte[] payloadOf(SubmitSm submitSm) {
        byte[] shortMessage = submitSm.getShortMessage();
        if (shortMessage != null && shortMessage.length > 0) {
            return shortMessage;
        }
        OptionalParameter payload = submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payload instanceof OptionalParameter.OctetString octets) {
            return octets.getValue();
        }
        return shortMessage;
    }

    // submit_multi is refused (see RefusingServerListener), so none of its responses is ever sent
    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession session) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception cause, SMPPServerSession session) {
    }
}
