package org.sms1069.gateway.smpp;

import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;
import org.sms1069.gateway.link.Reconnector;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** One transceiver session of an SMPP link, re-bound by its {@link Reconnector} whenever it drops. */
final class SmppConnection {
    private static final int ENQUIRE_LINK_MILLIS = 30_000;
    /** The longest PDU we read: a deliver_sm with a full message_payload fits; the 4-byte length field allows 4 GiB. */
    static final int MAX_PDU_LENGTH = 64 * 1024;
    /** jsmpp's own default. */
    private static final int MIN_PDU_THREADS = 3;

    private final LinkSettings settings;
    private final Duration responseTimeout;
    private final MessageReceiverListener receiver;
    private final Runnable onStateChange;
    private final Reconnector reconnector;
    private volatile SMPPSession session;

    SmppConnection(int index, LinkSettings settings, Duration responseTimeout, MessageReceiverListener receiver,
                   Runnable onStateChange, Backoff backoff, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.responseTimeout = responseTimeout;
        this.receiver = receiver;
        this.onStateChange = onStateChange;
        this.reconnector = new Reconnector("link " + settings.id() + "#" + index, Reconnector.blocking(this::bind), backoff,
                scheduler); // jsmpp binds only blocking
    }

    void start() {
        reconnector.start();
    }

    private void bind() throws Exception {
        SMPPSession fresh = new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender()),
                new BoundedPduReader(MAX_PDU_LENGTH), SocketConnectionFactory.getInstance());
        fresh.setTransactionTimer(responseTimeout.toMillis());
        fresh.setEnquireLinkTimer(ENQUIRE_LINK_MILLIS);
        fresh.setMessageReceiverListener(receiver);
        // jsmpp hands each deliver_sm to the listener on one of these threads and answers it when the listener
        // returns; ours returns once the receipt is durable in Kafka, so its default of 3 held an SMSC's window of
        // reports to 3 per broker round trip (about 300 receipts/s here). As many as the link's window, like our submits.
        fresh.setPduProcessorDegree(Math.max(MIN_PDU_THREADS, settings.window()));
        try {
            fresh.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
                    settings.account(), settings.password(), "sms1069", TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), responseTimeout.toMillis());
        } catch (Exception e) {
            fresh.close();
            throw e;
        }
        fresh.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED && source == session) {
                session = null;
                onStateChange.run();
                reconnector.connectionLost();
            }
        });
        session = fresh;
        if (!fresh.getSessionState().isBound()) {
            session = null;
            throw new java.io.IOException("session closed right after bind");
        }
        onStateChange.run();
    }

    /** The session if it is bound and may take submits. */
    Optional<SMPPSession> bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound() ? Optional.of(current) : Optional.empty();
    }

    void close() {
        reconnector.stop();
        SMPPSession current = session;
        session = null;
        if (current != null) {
            current.unbindAndClose();
        }
    }
}
