package org.sms1069.api.complaints;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.support.PeriodicLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The complaint-rate gauges the alert reads, recomputed every {@code sms.complaints.metrics-interval}:
 * {@code sms_api_complaint_rate_per_million{app, signature}} for every signature with a complaint in the
 * window, the configured threshold, and the number of active suspensions. Every instance reports the same
 * values (the alert takes the max).
 */
@Component
public class ComplaintMetrics extends PeriodicLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ComplaintMetrics.class);

    private final ComplaintRates rates;
    private final DatabaseClient db;
    private final ComplaintProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final MultiGauge rateGauge;
    private final AtomicLong activeSuspensions = new AtomicLong();

    public ComplaintMetrics(ComplaintRates rates, DatabaseClient db, ComplaintProperties properties, MeterRegistry meters,
                            Clock clock) {
        this.rates = rates;
        this.db = db;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        this.rateGauge = MultiGauge.builder("sms_api_complaint_rate_per_million")
                .description("complaints per million messages sent over sms.complaints.rate-window, per app and signature")
                .register(meters);
        Gauge.builder("sms_api_complaint_rate_threshold_per_million", properties, ComplaintProperties::suspendPerMillion)
                .description("the complaint rate at which an app or signature is suspended").register(meters);
        Gauge.builder("sms_api_suspensions_active", activeSuspensions, AtomicLong::get)
                .description("apps and signatures suspended and not yet lifted").register(meters);
    }

    /** One recomputation of the gauges. */
    public Mono<Void> refresh() {
        Mono<Void> rows = rates.all(clock.instant().minus(properties.rateWindow()))
                .map(rate -> MultiGauge.Row.of(Tags.of("app", rate.appId(), "signature", rate.signature()), rate.perMillion()))
                .collectList()
                .doOnNext(list -> rateGauge.register(list, true))
                .then();
        Mono<Void> active = db.sql("SELECT count(*) FROM suspensions WHERE lifted_at IS NULL")
                .map(row -> row.get(0, Long.class)).one()
                .doOnNext(activeSuspensions::set).then();
        return rows.then(active);
    }

    @Override
    protected Duration initialDelay() {
        return Duration.ZERO;
    }

    @Override
    protected Duration period() {
        return properties.metricsInterval();
    }

    @Override
    protected Mono<?> runOnce() {
        return refresh();
    }

    @Override
    protected void failed(Throwable error) {
        log.warn("complaint rate gauges not refreshed: {}", error.toString());
        meters.counter("sms_api_complaint_metrics_errors_total").increment();
    }
}
