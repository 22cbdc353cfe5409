package org.sms1069.api.compliance;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.messaging.ApiConsumers;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Topics;
import org.sms1069.model.event.BlockedMessage;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import java.time.Clock;
import java.time.Duration;

/** Consumes {@code sms.blocked} into the compliance log and deletes entries past the retention. */
@Component
public class ComplianceLogRuntime implements SmartLifecycle {
    private static final Logger logger = LoggerFactory.getLogger(ComplianceLogRuntime.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final FilterProperties filter;
    private final BlockedLog log;
    private final ApiConsumers consumers;
    private final MeterRegistry meters;
    private final Clock clock;
    private ReliableConsumer<BlockedMessage> consumer;
    private Disposable purge;

    public ComplianceLogRuntime(FilterProperties filter, BlockedLog log, ApiConsumers consumers, MeterRegistry meters,
                                Clock clock) {
        this.filter = filter;
        this.log = log;
        this.consumers = consumers;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void start() {
        consumer = consumers.start(Topics.BLOCKED, "api-blocked",
                record -> log.record(record.value()).timeout(Duration.ofSeconds(30)).toFuture());
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
