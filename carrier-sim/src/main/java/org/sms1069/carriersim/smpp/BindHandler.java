package org.sms1069.carriersim.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a new connection's bind and accepts it only with the configured credentials. */
final class BindHandler {
    private static final Logger log = LoggerFactory.getLogger(BindHandler.class);
    private static final Duration REFUSED_BIND_GRACE = Duration.ofSeconds(1);

    private final SmppSimulatorConfig config;
    private final SmppSessionRegistry registry;
    private final SmppCounters counters;

    BindHandler(SmppSimulatorConfig config, SmppSessionRegistry registry, SmppCounters counters) {
        this.config = config;
        this.registry = registry;
        this.counters = counters;
    }

    void handle(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(config.bindTimeout().toMillis());
            int refusal = refusalStatus(request);
            if (refusal != SMPPConstant.STAT_ESME_ROK) {
                counters.bindRejected();
                log.warn("Refused {} from {} for system id '{}' with status 0x{}", request.getBindType(),
                        session.getInetAddress(), request.getSystemId(), Integer.toHexString(refusal));
                request.reject(refusal);
                closeAfterGrace(session);
                return;
            }
            session.setTransactionTimer(config.responseTimeout().toMillis());
            // registered before bind_resp is written, so the first submit already finds its system id
            registry.bound(session, request.getSystemId());
            request.accept(config.systemId(), InterfaceVersion.IF_34);
            counters.bindAccepted();
            log.info("Accepted {} from {} as '{}' (session {})", request.getBindType(), session.getInetAddress(),
                    request.getSystemId(), session.getSessionId());
        } catch (TimeoutException e) {
            log.warn("No bind from {} within {}, connection closed", session.getInetAddress(), config.bindTimeout());
        } catch (IOException | PDUStringException | IllegalStateException e) {
            log.warn("Bind from {} failed: {}", session.getInetAddress(), e.toString());
            session.close();
        }
    }

    /**
     * jsmpp clients process responses on a worker thread and drop them when the socket closes
     * first, so the peer gets a moment to read the refusal and hang up itself.
     */
    private static void closeAfterGrace(SMPPServerSession session) {
        try {
            Thread.sleep(REFUSED_BIND_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
        }
    }

    private int refusalStatus(BindRequest request) {
        if (!config.systemId().equals(request.getSystemId())) {
            return SMPPConstant.STAT_ESME_RBINDFAIL;
        }
        if (!config.password().equals(request.getPassword())) {
            return SMPPConstant.STAT_ESME_RINVPASWD;
        }
        return SMPPConstant.STAT_ESME_ROK;
    }
}
