package org.sms1069.api.status;

import org.sms1069.api.callback.CallbackOutbox;
import org.sms1069.api.store.StatusBatchWriter;
import org.sms1069.model.event.StatusEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Applies a batch of status events as the api's status consumer does: the status changes and their callbacks
 * commit together (a redelivered event changes nothing and queues nothing); the end-to-end latency of the
 * messages that reached a final status is recorded once the batch has committed.
 */
@Component
public class StatusUpdates {
    private final StatusBatchWriter statuses;
    private final CallbackOutbox callbacks;
    private final TransactionalOperator tx;
    private final FinalStatusLatency latency;

    public StatusUpdates(StatusBatchWriter statuses, CallbackOutbox callbacks, TransactionalOperator tx,
                         FinalStatusLatency latency) {
        this.statuses = statuses;
        this.callbacks = callbacks;
        this.tx = tx;
        this.latency = latency;
    }

    public Mono<Void> apply(List<StatusEvent> events) {
        return apply(events, Map.of());
    }

    /** @param traces each message's trace ({@code traceparent}), which the callbacks of its changes continue */
    public Mono<Void> apply(List<StatusEvent> events, Map<String, String> traces) {
        return statuses.apply(events)
                .flatMap(changes -> callbacks.statusesChanged(changes, traces).thenReturn(changes))
                .as(tx::transactional)
                .doOnNext(latency::record)
                .then();
    }
}
