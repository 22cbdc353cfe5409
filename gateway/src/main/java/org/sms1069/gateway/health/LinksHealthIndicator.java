package org.sms1069.gateway.health;

import org.sms1069.model.Carrier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * /actuator/health of the carrier links. UP when every carrier that has links has at least one link UP,
 * THROTTLED or RECONNECTING (without a connection for less than {@code sms.link-down-grace}); DOWN when some
 * carrier has every link DOWN, since its messages then wait. One dead link of a carrier with others up is a
 * warning (its alert and {@code linksNotUp} in the details), not a gateway that is down.
 * A link another instance serves (STANDBY here) is neither. Details: each link's state, connections and since when
 * it is down; the links not UP (or STANDBY); the carriers down.
 */
@Component("links")
public class LinksHealthIndicator implements HealthIndicator {
    private final LinkHealthReporter reporter;

    public LinksHealthIndicator(LinkHealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public Health health() {
        List<LinkStatus> links = reporter.statuses();
        Set<Carrier> carriersDown = carriersDown(links);
        Map<String, Object> perLink = new TreeMap<>();
        Map<String, LinkStatus.State> notUp = new TreeMap<>();
        for (LinkStatus link : links) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("carrier", link.carrier());
            detail.put("state", link.state());
            detail.put("connections", link.connections());
            if (link.downSince() != null) {
                detail.put("downSince", link.downSince().toString());
            }
            perLink.put(link.link(), detail);
            if (link.state() != LinkStatus.State.UP && link.state() != LinkStatus.State.STANDBY) {
                notUp.put(link.link(), link.state());
            }
        }
        return (carriersDown.isEmpty() ? Health.up() : Health.down())
                .withDetail("links", perLink)
                .withDetail("linksNotUp", notUp)
                .withDetail("carriersDown", carriersDown)
                .build();
    }

    /** Carriers none of whose links is serving. */
    static Set<Carrier> carriersDown(List<LinkStatus> links) {
        Set<Carrier> down = new TreeSet<>();
        links.forEach(link -> down.add(link.carrier()));
        links.stream().filter(LinkStatus::serving).forEach(link -> down.remove(link.carrier()));
        return down;
    }
}
