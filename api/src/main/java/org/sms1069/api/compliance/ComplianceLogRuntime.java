package org.sms1069.api.compliance;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Topics;
import org.sms1069.model.event.BlockedMessage;
import org.sms1069.model.json.SmsJson;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Consumes {@code sms.blocked} into the compliance log and deletes entries past the retention. */
@Component
public class ComplianceLogRuntime implements SmartLifecycle {
    private static final Logger logger = LoggerFactory.getLogger(ComplianceLogRuntime.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final ApiProperties properties;
    private final FilterProperties filter;
    private final BlockedLog log;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final Clock clock;
    private ReliableConsumer consumer;
    private Disposable purge;

    public ComplianceLogRuntime(ApiProperties properties, FilterProperties filter, BlockedLog log, Publisher publisher,
                                MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.filter = filter;
        this.log = log;
        this.publisher = publisher;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void start() {
        consumer = new ReliableConsumer("api",
                KafkaClients.manualCommitConsumer(properties.kafka().bootstrapServers(), "api-blocked", "api-blocked", 500),
                List.of(Topics.BLOCKED),
                record -> log.record(SmsJson.read(record.value(), BlockedMessage.class)).timeout(Duration.ofSeconds(30)).toFuture(),
                publisher, meters).start();
        purge = Flux.interval(Duration.ofMinutes(1), PURGE_EVERY)
                .concatMap(tick -> log.purgeBefore(clock.instant().minus(filter.retention()))
                        .doOnNext(n -> {
                            if (n > 0) {
                                logger.info("compliance log: {} entries past the retention of {} deleted", n, filter.retention());
                            }
                        })
                        .onErrorResume(e -> {
                            logger.warn("compliance log purge failed: {}", e.toString());
                            meters.counter("sms_api_compliance_purge_errors_total").increment();
                            return reactor.core.publisher.Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        if (purge != null) {
            purge.dispose();
        }
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return consumer != null;
    }
}
