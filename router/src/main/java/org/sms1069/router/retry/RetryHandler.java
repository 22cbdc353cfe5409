package org.sms1069.router.retry;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.json.SmsJson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes {@code sms.retry}: a part that failed transiently goes back to its link's topic once its
 * not-before time has come, until the message's validity or the attempt limit ends it as FAILED.
 * Waiting is a scheduled completion, never a sleeping thread.
 */
public final class RetryHandler implements ReliableConsumer.Handler {
    private final Publisher publisher;
    private final ScheduledExecutorService timer;
    private final int maxAttempts;
    private final MeterRegistry meters;
    private final Clock clock;

    public RetryHandler(Publisher publisher, ScheduledExecutorService timer, int maxAttempts, MeterRegistry meters, Clock clock) {
        this.publisher = publisher;
        this.timer = timer;
        this.maxAttempts = maxAttempts;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<?> handle(ConsumerRecord<String, byte[]> record) {
        OutboundSubmit part = SmsJson.read(record.value(), OutboundSubmit.class);
        Instant now = clock.instant();
        if (part.expiresAt() != null && part.expiresAt().isBefore(now)) {
            return fail(part, "validity expired while retrying");
        }
        if (part.attempt() > maxAttempts) {
            return fail(part, "gave up after " + (part.attempt() - 1) + " attempts");
        }
        meters.counter("sms_router_retries_total", "link", part.linkId()).increment();
        Duration wait = part.notBefore() == null ? Duration.ZERO : Duration.between(now, part.notBefore());
        CompletableFuture<Void> due = new CompletableFuture<>();
        // nanoseconds, not millis: truncating the wait would republish up to 1 ms before notBefore
        timer.schedule(() -> due.complete(null), Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
        return due.thenCompose(ignored -> publisher.publish(Topics.outbound(part.linkId()), record.key(), part));
    }

    private CompletionStage<?> fail(OutboundSubmit part, String reason) {
        meters.counter("sms_router_retries_exhausted_total", "link", part.linkId()).increment();
        CompletableFuture<?>[] acks = part.recipients().stream()
                .map(r -> publisher.publish(Topics.STATUS, r.messageId(), new StatusEvent(StatusEvent.VERSION,
                        r.messageId(), r.phone(), part.segmentNumber(), part.segmentCount(), MessageStatus.FAILED,
                        part.carrier(), part.linkId(), null, null, reason, clock.instant())))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks);
    }
}
