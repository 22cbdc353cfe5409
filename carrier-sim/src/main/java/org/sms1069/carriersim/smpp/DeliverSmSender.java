package org.sms1069.carriersim.smpp;

import java.io.IOException;
import java.util.Optional;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends one deliver_sm to a receiving session of a system id and waits for its response. */
final class DeliverSmSender {
    private static final Logger log = LoggerFactory.getLogger(DeliverSmSender.class);
    private static final String SERVICE_TYPE = "";

    private final SmppSessionRegistry registry;

    DeliverSmSender(SmppSessionRegistry registry) {
        this.registry = registry;
    }

    /** Whether the peer answered ESME_ROK; false when nobody is bound to receive or the send failed. */
    boolean send(String systemId, OutboundDeliverSm pdu) {
        Optional<SMPPServerSession> receiver = registry.receiverFor(systemId);
        if (receiver.isEmpty()) {
            log.debug("No receiver bound for system id {}", systemId);
            return false;
        }
        SMPPServerSession session = receiver.get();
        try {
            session.deliverShortMessage(SERVICE_TYPE,
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, pdu.sourceAddr(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, pdu.destinationAddr(),
                    new ESMClass(pdu.esmClass()), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                    DataCodings.newInstance((byte) pdu.dataCoding()), pdu.shortMessage(),
                    pdu.optionalParameters());
            return true;
        } catch (NegativeResponseException e) {
            log.warn("Session {} answered deliver_sm with status 0x{}", session.getSessionId(),
                    Integer.toHexString(e.getCommandStatus()));
        } catch (ResponseTimeoutException e) {
            log.warn("Session {} did not answer deliver_sm in time", session.getSessionId());
        } catch (PDUException | InvalidResponseException | IOException | IllegalStateException e) {
            log.warn("Sending deliver_sm on session {} failed: {}", session.getSessionId(), e.toString());
        }
        return false;
    }
}
