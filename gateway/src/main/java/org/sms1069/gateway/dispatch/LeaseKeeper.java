package org.sms1069.gateway.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renews the claims of submits the carrier has not answered yet, at a third of the lease, so that a slow
 * answer never lets the lease run out while this instance is alive, and a crashed instance's leases do.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final PartClaims claims;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final String linkId;

    LeaseKeeper(PartClaims claims, ScheduledExecutorService scheduler, MeterRegistry meters, String linkId) {
        this.claims = claims;
        this.scheduler = scheduler;
        this.meters = meters;
        this.linkId = linkId;
    }

    /** Starts renewing; the returned action stops it. */
    Runnable keep(List<PartClaims.Claim> held) {
        long period = Math.max(1, claims.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> held.forEach(this::renew), period, period,
                TimeUnit.MILLISECONDS);
        return () -> renewal.cancel(false);
    }

    private void renew(PartClaims.Claim claim) {
        claims.renew(claim).whenComplete((stillHeld, error) -> {
            if (error != null || !stillHeld) {
                // the submit goes on (it cannot be recalled); another instance may now submit the part too
                meters.counter("sms_link_claims_lost_total", "link", linkId).increment();
                log.warn("lease of part {} on link {} could not be renewed: {}", claim.dedupKey(), linkId,
                        error != null ? error.toString() : "held by another owner or expired");
            }
        });
    }
}
