package org.sms1069.router.link;

import org.sms1069.model.Carrier;
import org.sms1069.model.link.LinkSettings;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the link for a carrier by weight. The choice is a stable function of the phone number, so one
 * phone's messages keep to one link (and its order) while the links share the carrier's traffic.
 */
public final class LinkSelector {
    private final Map<Carrier, List<LinkSettings>> byCarrier;
    private final Map<Carrier, Carrier> fallback;

    public LinkSelector(List<LinkSettings> links, Map<Carrier, Carrier> fallback) {
        this.byCarrier = new EnumMap<>(links.stream().collect(Collectors.groupingBy(LinkSettings::carrier)));
        this.fallback = Map.copyOf(fallback);
    }

    public Optional<LinkSettings> select(Carrier carrier, String phone) {
        List<LinkSettings> candidates = byCarrier.get(carrier);
        if (candidates == null && fallback.containsKey(carrier)) {
            candidates = byCarrier.get(fallback.get(carrier));
        }
        if (candidates == null || candidates.isEmpty()) {
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
}
