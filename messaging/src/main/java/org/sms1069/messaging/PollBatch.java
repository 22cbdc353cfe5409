package org.sms1069.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.sms1069.model.Topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The records of one poll for a {@link BatchHandler}: those that decode go to the handler together; those that
 * do not keep their decode failure (poison), so they are dead-lettered without failing the batch.
 */
final class PollBatch<T> {
    private final List<Received<T>> readable = new ArrayList<>();
    private final List<HandlingSpan> spans = new ArrayList<>();
    private final Map<ConsumerRecord<String, byte[]>, CompletableFuture<?>> unreadable = new IdentityHashMap<>();

    /** Each readable record's handling gets its consumer span, ended when the batch is done. */
    PollBatch(Iterable<ConsumerRecord<String, byte[]>> records, Topic<T> topic, RecordTracing tracing) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                T value = topic.decode(record.value());
                HandlingSpan span = tracing.startHandling(record);
                spans.add(span);
                readable.add(received(record, value, span.trace()));
            } catch (RuntimeException e) {
                unreadable.put(record, CompletableFuture.failedFuture(e));
            }
        }
    }

    static <T> Received<T> received(ConsumerRecord<String, byte[]> record, T value, RecordTrace trace) {
        return new Received<>(record.topic(), record.partition(), record.offset(), record.key(), value, trace);
    }

    int size() {
        return readable.size();
    }

    /** Runs the handler over the readable records and waits for it: null once they are durable, otherwise why not. */
    Throwable run(BatchHandler<T> handler, Duration wait) {
        if (readable.isEmpty()) {
            return null;
        }
        Throwable failure = await(handler, wait);
        spans.forEach(span -> span.end(failure));
        return failure;
    }

    private Throwable await(BatchHandler<T> handler, Duration wait) {
        try {
            handler.handle(readable).toCompletableFuture().get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (TimeoutException e) {
            return new TimeoutException("batch not done within " + wait.toMillis() + " ms");
        } catch (ExecutionException e) {
            return RecordFailures.unwrap(e.getCause());
        } catch (Exception e) {
            return e;
        }
    }

    /** A record's result once the batch is durable: done, or its decode failure. */
    CompletableFuture<?> resultOf(ConsumerRecord<String, byte[]> record) {
        return unreadable.getOrDefault(record, CompletableFuture.completedFuture(null));
    }
}
