package org.sms1069.api.compliance;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.support.PeriodicLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Deletes compliance log entries past {@code sms.compliance.retention}, every hour (the first run a minute after start).
 * A failed run is counted as {@code sms_api_compliance_purge_errors_total}.
 */
@Component
public class CompliancePurge extends PeriodicLifecycle {
    private static final Logger logger = LoggerFactory.getLogger(CompliancePurge.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final FilterProperties filter;
    private final BlockedLog log;
    private final MeterRegistry meters;
    private final Clock clock;

    public CompliancePurge(FilterProperties filter, BlockedLog log, MeterRegistry meters, Clock clock) {
        this.filter = filter;
        this.log = log;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ofMinutes(1);
    }

    @Override
    protected Duration period() {
        return PURGE_EVERY;
    }

    @Override
    protected Mono<?> runOnce() {
        return log.purgeBefore(clock.instant().minus(filter.retention())).doOnNext(n -> {
            if (n > 0) {
                logger.info("compliance log: {} entries past the retention of {} deleted", n, filter.retention());
            }
        });
    }

    @Override
    protected void failed(Throwable error) {
        logger.warn("compliance log purge failed: {}", error.toString());
        meters.counter("sms_api_compliance_purge_errors_total").increment();
    }
}
