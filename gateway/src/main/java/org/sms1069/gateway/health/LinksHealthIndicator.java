package org.sms1069.gateway.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** /actuator/health: UP only when every configured link has a connection logged in. */
@Component("links")
public class LinksHealthIndicator implements HealthIndicator {
    private final LinkHealthReporter reporter;

    public LinksHealthIndicator(LinkHealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public Health health() {
        return (reporter.allUp() ? Health.up() : Health.down()).withDetail("connections", reporter.connections()).build();
    }
}
