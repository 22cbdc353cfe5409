package org.sms1069.api.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcException;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.messaging.BatchHandler;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.ConsumerSettings;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Topic;
import org.springframework.stereotype.Component;

/**
 * The api's consumers, made alike: dead letters through the api's publisher, watched by its readiness, and a
 * database error of SQLSTATE class 22 (data exception) or 23 (integrity constraint) taken as poison: the same
 * record would break the same rule on every retry. Each record's handling continues the trace in its headers.
 */
@Component
public class ApiConsumers {
    private static final int MAX_POLL_RECORDS = 500;

    private final ApiProperties properties;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final ConsumerHealth health;
    private final RecordTracing tracing;

    public ApiConsumers(ApiProperties properties, Publisher publisher, MeterRegistry meters, ConsumerHealth health,
                        RecordTracing tracing) {
        this.properties = properties;
        this.publisher = publisher;
        this.meters = meters;
        this.health = health;
        this.tracing = tracing;
    }

    /** Started; the caller closes it. */
    public <T> ReliableConsumer<T> start(Topic<T> topic, String group, ReliableConsumer.Handler<T> handler) {
        return started(new ReliableConsumer<>("api", topic, settings(group), handler, publisher, meters));
    }

    /**
     * Started in batch mode (the records of a poll handled together, gathered: {@link ConsumerSettings#gathering()});
     * the caller closes it.
     */
    public <T> ReliableConsumer<T> startBatched(Topic<T> topic, String group, BatchHandler<T> handler) {
        return started(ReliableConsumer.batched("api", topic, settings(group).gathering(), handler, publisher, meters));
    }

    private ConsumerSettings settings(String group) {
        return ConsumerSettings.of(properties.kafka(), group, group, MAX_POLL_RECORDS);
    }

    private <T> ReliableConsumer<T> started(ReliableConsumer<T> consumer) {
        return consumer.poisonWhen(ApiConsumers::isDataError).tracedBy(tracing).watchedBy(health).start();
    }

    public static boolean isDataError(Throwable error) {
        if (error instanceof R2dbcException database && database.getSqlState() != null) {
            String state = database.getSqlState();
            return state.startsWith("22") || state.startsWith("23");
        }
        return false;
    }
}
