package org.sms1069.router.link;

import org.sms1069.model.Carrier;
import org.sms1069.model.link.LinkSettings;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Picks the link for a carrier by weight. The choice is a stable function of the phone number, so one
 * phone's messages keep to one link (and its order) while the links share the carrier's traffic.
 * When that link is unhealthy the phone fails over to one of the carrier's healthy links, again by
 * weight and phone, so it stays there while the outage lasts; phones of healthy links never move.
 */
public final class LinkSelector {
    private final Map<Carrier, List<LinkSettings>> byCarrier;
    private final Map<Carrier, Carrier> fallback;
    private final Map<String, LinkSettings> byId;

    public LinkSelector(List<LinkSettings> links, Map<Carrier, Carrier> fallback) {
        this.byCarrier = new EnumMap<>(links.stream().collect(Collectors.groupingBy(LinkSettings::carrier)));
        this.fallback = Map.copyOf(fallback);
        this.byId = links.stream().collect(Collectors.toUnmodifiableMap(LinkSettings::id, Function.identity()));
    }

    /** The link configured for the phone, health aside. */
    public Optional<LinkSettings> select(Carrier carrier, String phone) {
        return pick(candidates(carrier), phone);
    }

    /**
     * The link to use now. {@link Route#chosen()} is empty when the carrier has links but none is
     * healthy (the message waits); {@link Route#configured()} is empty when the carrier has no link.
     */
    public Route route(Carrier carrier, String phone, Predicate<String> healthy) {
        Optional<LinkSettings> configured = select(carrier, phone);
        return configured.map(link -> from(link, phone, healthy)).orElse(new Route(null, null));
    }

    /** The link to use now for a part planned for {@code planned} (a retry, a scheduled or waiting part). */
    public Route from(LinkSettings planned, String phone, Predicate<String> healthy) {
        if (healthy.test(planned.id())) {
            return new Route(planned, planned);
        }
        List<LinkSettings> alive = byCarrier.getOrDefault(planned.carrier(), List.of()).stream()
                .filter(link -> healthy.test(link.id())).toList();
        return new Route(planned, pick(alive, phone).orElse(null));
    }

    public Optional<LinkSettings> byId(String linkId) {
        return Optional.ofNullable(byId.get(linkId));
    }

    private List<LinkSettings> candidates(Carrier carrier) {
        List<LinkSettings> candidates = byCarrier.get(carrier);
        if (candidates == null && fallback.containsKey(carrier)) {
            candidates = byCarrier.get(fallback.get(carrier));
        }
        return candidates == null ? List.of() : candidates;
    }

    private static Optional<LinkSettings> pick(List<LinkSettings> candidates, String phone) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        int total = candidates.stream().mapToInt(LinkSettings::weight).sum();
        int point = Math.floorMod(phone.hashCode() * 0x9E3779B9, total);
        for (LinkSettings link : candidates) {
            point -= link.weight();
            if (point < 0) {
                return Optional.of(link);
            }
        }
        return Optional.of(candidates.get(candidates.size() - 1));
    }

    public List<LinkSettings> all() {
        return byCarrier.values().stream().flatMap(List::stream).toList();
    }

    /**
     * @param configured the phone's link by weight; null when the carrier has no link at all
     * @param chosen     the link to send on now; null while none of the carrier's links is healthy
     */
    public record Route(LinkSettings configured, LinkSettings chosen) {
        public boolean failover() {
            return chosen != null && chosen != configured;
        }

        public boolean waiting() {
            return configured != null && chosen == null;
        }
    }
}
