package org.sms1069.messaging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The consumers of one service, for its readiness: the service is ready while none of them is stalled. */
public final class ConsumerHealth {
    private final List<ReliableConsumer<?>> consumers = new CopyOnWriteArrayList<>();

    void watch(ReliableConsumer<?> consumer) {
        consumers.add(consumer);
    }

    void forget(ReliableConsumer<?> consumer) {
        consumers.remove(consumer);
    }

    public List<ConsumerStatus> statuses() {
        return consumers.stream().map(ReliableConsumer::status).toList();
    }

    public boolean healthy() {
        return statuses().stream().noneMatch(ConsumerStatus::stalled);
    }
}
