package org.sms1069.router.retry;

import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.NotDueException;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.PoisonRecordException;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.router.link.LinkDispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code sms.retry} (parts that failed transiently, and parts held for a carrier without a
 * healthy link) and {@code sms.scheduled} (parts of scheduled sends): a part goes to a healthy link of
 * its carrier once its not-before time has come, until the message's validity or the attempt limit
 * ends it as FAILED with the last reason. A part that is not due yet is deferred through
 * {@link NotDueException}: its partition pauses until then, no thread waits and other partitions and
 * the other topic flow on.
 */
public final class RetryHandler implements ReliableConsumer.Handler<OutboundSubmit> {
    private final Publisher publisher;
    private final LinkDispatch dispatch;
    private final int maxAttempts;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetryHandler(Publisher publisher, LinkDispatch dispatch, int maxAttempts, MeterRegistry meters, Clock clock) {
        this.publisher = publisher;
        this.dispatch = dispatch;
        this.maxAttempts = maxAttempts;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> handle(Received<OutboundSubmit> record) {
        OutboundSubmit part = record.value();
        if (part.recipients().isEmpty()) {
            throw new PoisonRecordException("part " + part.dedupKey() + " has no recipients");
        }
        Instant now = clock.instant();
        if (part.expiresAt() != null && part.expiresAt().isBefore(now)) {
            return fail(part, "validity expired " + doing(record, part) + lastReason(part));
        }
        // flow-control answers slow a part down without failing it: validity bounds them, not the attempt limit
        int failed = part.expiresAt() != null ? part.failedAttempts() : part.attempt() - 1;
        if (failed >= maxAttempts) {
            return fail(part, "gave up after " + failed + " failed attempts" + lastReason(part));
        }
        if (part.notBefore() != null && part.notBefore().isAfter(now)) {
            if (part.expiresAt() != null && part.notBefore().isAfter(part.expiresAt())) {
                return fail(part, "validity ends before the next attempt" + lastReason(part));
            }
            throw new NotDueException(part.notBefore());
        }
        if (Topics.RETRY.name().equals(record.topic()) && part.retryCause() == OutboundSubmit.RetryCause.FAILED_ATTEMPT) {
            meters.counter("sms_router_retries_total", "link", part.linkId(), "reason", reason(part.lastError())).increment();
        }
        return dispatch.sendDue(part, record.key());
    }

    private static String doing(Received<OutboundSubmit> record, OutboundSubmit part) {
        if (Topics.SCHEDULED.name().equals(record.topic())) {
            return "before the scheduled time";
        }
        return part.retryCause() == OutboundSubmit.RetryCause.WAITING_FOR_LINK ? "while waiting for a healthy link" : "while retrying";
    }

    private static String lastReason(OutboundSubmit part) {
        return part.lastError() == null ? "" : "; last error: " + part.lastError();
    }

    /**
     * A bounded metric label from the gateway's raw result: "ESME_RTHROTTLED(0x58)" counts as
     * "ESME_RTHROTTLED", "IB:0008" as "IB".
     */
    static String reason(String lastError) {
        if (lastError == null || lastError.isBlank()) {
            return "unknown";
        }
        String head = lastError.strip().split("[(:\\s]", 2)[0].toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "");
        if (head.isEmpty()) {
            return "unknown";
        }
        return head.length() > 32 ? head.substring(0, 32) : head;
    }

    private CompletionStage<?> fail(OutboundSubmit part, String reason) {
        meters.counter("sms_router_retries_exhausted_total", "link", part.linkId()).increment();
        CompletableFuture<?>[] acks = part.recipients().stream()
                .map(r -> publisher.publish(Topics.STATUS, r.messageId(), new StatusEvent(StatusEvent.VERSION,
                        r.messageId(), r.phone(), part.segmentNumber(), part.segmentCount(), MessageStatus.FAILED,
                        part.carrier(), part.linkId(), null, part.lastError(), reason, clock.instant())))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }
}
