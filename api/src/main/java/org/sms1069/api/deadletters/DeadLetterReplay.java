package org.sms1069.api.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.Publisher;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Puts selected dead letters back where they came from: each letter's value, with its original key,
 * onto its original topic, one after the other in {@code sms.dead} order, each acknowledged before the
 * next. The consumers handle a replayed record like any other, so a letter that still cannot be
 * processed lands on {@code sms.dead} again. Blocking: call it off the event loop.
 */
@Component
public class DeadLetterReplay {
    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(35);

    private final DeadLetterShelf shelf;
    private final Publisher publisher;
    private final MeterRegistry meters;

    public DeadLetterReplay(DeadLetterShelf shelf, Publisher publisher, MeterRegistry meters) {
        this.shelf = shelf;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** A letter put back: where it was on sms.dead, and where it is now. */
    public record Replayed(int deadPartition, long deadOffset, String topic, String key, int partition, long offset) {
    }

    public record NotReplayed(int deadPartition, long deadOffset, String reason) {
    }

    public record Result(List<Replayed> replayed, List<NotReplayed> notReplayed) {
    }

    public Result replay(ReplaySelection selection) {
        int deadPartition = selection.partitionOrDefault();
        SortedSet<Long> wanted = selection.selectedOffsets();
        Map<Long, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        shelf.range(deadPartition, wanted.first(), wanted.last()).stream()
                .filter(record -> wanted.contains(record.offset()))
                .forEach(record -> found.put(record.offset(), record));
        List<Replayed> replayed = new ArrayList<>();
        List<NotReplayed> notReplayed = new ArrayList<>();
        for (long offset : wanted) {
            Optional<DeadLetter> letter = Optional.ofNullable(found.get(offset)).flatMap(DeadLetterShelf::parse).map(StoredLetter::letter);
            String refusal = letter.isEmpty() ? (found.containsKey(offset) ? "not a dead letter" : "no record at this offset")
                    : whyNot(letter.get(), selection.topic());
            if (refusal == null) {
                refusal = republish(deadPartition, offset, letter.get(), replayed);
            }
            if (refusal != null) {
                notReplayed.add(new NotReplayed(deadPartition, offset, refusal));
            }
        }
        log.info("replayed {} dead letters of {}-{} ({}..{}), {} not replayed", replayed.size(), Topics.DEAD, deadPartition,
                wanted.first(), wanted.last(), notReplayed.size());
        return new Result(replayed, notReplayed);
    }

    private static String whyNot(DeadLetter letter, String topic) {
        if (topic != null && !topic.equals(letter.topic())) {
            return "came from " + letter.topic() + ", not " + topic;
        }
        if (letter.topic() == null || letter.topic().isBlank() || Topics.DEAD.name().equals(letter.topic())) {
            return "no original topic to return to";
        }
        if (letter.value() == null) {
            return "the original record had no value";
        }
        return null;
    }

    /** Publishes one letter and waits for the acknowledgement; answers why not if it failed. */
    private String republish(int deadPartition, long deadOffset, DeadLetter letter, List<Replayed> replayed) {
        try {
            RecordMetadata metadata = publisher.publishBytes(letter.topic(), letter.key(), letter.value().getBytes(StandardCharsets.UTF_8))
                    .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            replayed.add(new Replayed(deadPartition, deadOffset, letter.topic(), letter.key(), metadata.partition(), metadata.offset()));
            meters.counter("sms_api_dead_letters_replayed_total", "topic", letter.topic()).increment();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("cannot replay dead letter {}-{}@{} to {}: {}", Topics.DEAD, deadPartition, deadOffset, letter.topic(), cause.toString());
            return "not republished: " + cause.getClass().getSimpleName();
        }
    }
}
