package org.sms1069.api.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.sms1069.api.store.StatusChange;
import org.sms1069.model.MessageStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end latency of a message: from its acceptance by the api to the moment the api stores its final
 * status ({@code sms_api_message_final_latency_seconds}, by final status). Recorded after the status batch commits,
 * so a batch that is rolled back and consumed again counts once.
 */
@Component
public class FinalStatusLatency {
    /** Buckets from a fast receipt (seconds) to a message that expires at the carrier (days). */
    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)};

    private final Map<MessageStatus, Timer> timers = new EnumMap<>(MessageStatus.class);
    private final Clock clock;

    public FinalStatusLatency(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        for (MessageStatus status : MessageStatus.values()) {
            if (status.isFinal()) {
                timers.put(status, Timer.builder("sms_api_message_final_latency")
                        .description("from acceptance by the api to the final status stored")
                        .tag("status", status.name())
                        .serviceLevelObjectives(BUCKETS)
                        .register(meters));
            }
        }
    }

    /** Records the messages among {@code changes} that reached a final status. */
    public void record(List<StatusChange> changes) {
        for (StatusChange change : changes) {
            Timer timer = timers.get(MessageStatus.valueOf(change.message().status()));
            if (timer != null && change.message().acceptedAt() != null) {
                timer.record(Duration.between(change.message().acceptedAt(), clock.instant()));
            }
        }
    }
}
