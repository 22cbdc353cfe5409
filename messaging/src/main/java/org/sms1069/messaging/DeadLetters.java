package org.sms1069.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sets a record aside on {@code sms.dead} with its reason, source topic, partition and offset; counts it. */
final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final String service;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    DeadLetters(String service, Publisher publisher, MeterRegistry meters) {
        this.service = service;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** True once the letter is acknowledged; false (logged) when it could not be written and the record must stay. */
    boolean write(ConsumerRecord<String, byte[]> record, String reason) {
        String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        DeadLetter letter = new DeadLetter(DeadLetter.VERSION, service, record.topic(), record.partition(),
                record.offset(), record.key(), value, reason, clock.instant());
        try {
            publisher.publish(Topics.DEAD, record.key(), letter).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            log.error("cannot write the dead letter for {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.toString());
            return false;
        }
        meters.counter("sms_dead_letters_total", "service", service, "topic", record.topic()).increment();
        meters.counter("sms_consumed_records_total", "service", service, "topic", record.topic(), "outcome", "dead")
                .increment();
        log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                RecordFailures.masked(reason));
        return true;
    }
}
