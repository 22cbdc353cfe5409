package org.sms1069.carriersim.smpp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPServerSession;

/**
 * Every open connection, and the system id of those that bound. Receipts and MO go to a
 * receiving session of the right system id, chosen round robin like an SMSC spreads load.
 */
final class SmppSessionRegistry {
    private final Set<SMPPServerSession> open = ConcurrentHashMap.newKeySet();
    private final Map<SMPPServerSession, String> systemIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextReceiver = new AtomicInteger();

    void opened(SMPPServerSession session) {
        open.add(session);
        if (session.getSessionState() == SessionState.CLOSED) {
            closed(session);
        }
    }

    void bound(SMPPServerSession session, String systemId) {
        systemIds.put(session, systemId);
        if (session.getSessionState() == SessionState.CLOSED) {
            closed(session);
        }
    }

    void closed(SMPPServerSession session) {
        open.remove(session);
        systemIds.remove(session);
    }

    String systemIdOf(SMPPServerSession session) {
        return systemIds.get(session);
    }

    int boundSessions() {
        return systemIds.size();
    }

    Optional<SMPPServerSession> receiverFor(String systemId) {
        List<SMPPServerSession> receivers = systemIds.entrySet().stream()
                .filter(entry -> systemId == null || entry.getValue().equals(systemId))
                .map(Map.Entry::getKey)
                .filter(session -> session.getSessionState().isBound() && session.getSessionState().isReceivable())
                .toList();
        if (receivers.isEmpty()) {
            return Optional.empty();
        }
        int index = Math.floorMod(nextReceiver.getAndIncrement(), receivers.size());
        return Optional.of(receivers.get(index));
    }

    /** Closes every socket without unbind, like a carrier-side crash or a cut link. */
    void closeAll() {
        for (SMPPServerSession session : List.copyOf(open)) {
            session.close();
            closed(session);
        }
    }
}
