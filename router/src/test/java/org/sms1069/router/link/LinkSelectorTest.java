package org.sms1069.router.link;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinkSelectorTest {
    private static final LinkSettings CMCC_A = link("cmcc-a", Carrier.CMCC, 100);
    private static final LinkSettings CMCC_B = link("cmcc-b", Carrier.CMCC, 300);
    private static final LinkSettings CUCC = link("cucc-1", Carrier.CUCC, 0);

    private final LinkSelector selector = new LinkSelector(List.of(CMCC_A, CMCC_B, CUCC), Map.of(Carrier.CBN, Carrier.CMCC));

    @Test
    void linksShareTheirCarriersPhonesByWeight() {
        int phones = 40_000;
        Map<String, Long> perLink = IntStream.range(0, phones)
                .mapToObj(i -> String.format("138%08d", 10_000_000 + i * 7919 % 90_000_000))
                .map(phone -> selector.select(Carrier.CMCC, phone).orElseThrow().id())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(perLink.keySet()).containsExactlyInAnyOrder("cmcc-a", "cmcc-b");
        assertThat(perLink.get("cmcc-a") / (double) phones).isCloseTo(0.25, within(0.03));
        assertThat(perLink.get("cmcc-b") / (double) phones).isCloseTo(0.75, within(0.03));
    }

    @Test
    void consecutiveNumbersAreSharedByWeightToo() {
        int phones = 10_000;
        long onA = IntStream.range(0, phones).mapToObj(i -> "1390000" + String.format("%04d", i))
                .filter(phone -> selector.select(Carrier.CMCC, phone).orElseThrow() == CMCC_A).count();

        assertThat(onA / (double) phones).isCloseTo(0.25, within(0.03));
    }

    @Test
    void onePhoneKeepsToOneLink() {
        Optional<LinkSettings> first = selector.select(Carrier.CMCC, "13800138000");

        assertThat(first).isPresent();
        IntStream.range(0, 100).forEach(i -> assertThat(selector.select(Carrier.CMCC, "13800138000")).isEqualTo(first));
        assertThat(new LinkSelector(List.of(CMCC_A, CMCC_B, CUCC), Map.of()).select(Carrier.CMCC, "13800138000"))
                .as("another router instance with the same links").isEqualTo(first);
    }

    @Test
    void aCarrierWithoutLinksTakesItsFallbackCarriersLinks() {
        assertThat(selector.select(Carrier.CBN, "19200000000")).get().extracting(LinkSettings::carrier).isEqualTo(Carrier.CMCC);
    }

    @Test
    void aCarrierWithoutLinksOrFallbackHasNoLink() {
        assertThat(selector.select(Carrier.CTCC, "13300000000")).isEmpty();
        assertThat(selector.select(Carrier.INTL, "+447700900123")).isEmpty();
        assertThat(new LinkSelector(List.of(CUCC), Map.of(Carrier.CBN, Carrier.CMCC)).select(Carrier.CBN, "19200000000"))
                .as("the fallback carrier has no link either").isEmpty();
    }

    @Test
    void aLoneLinkTakesAllItsCarriersTraffic() {
        IntStream.range(0, 1_000).forEach(i ->
                assertThat(selector.select(Carrier.CUCC, "1300000" + String.format("%04d", i))).contains(CUCC));
    }

    @Test
    void aHealthyConfiguredLinkIsKept() {
        LinkSelector.Route route = selector.route(Carrier.CMCC, "13800138000", id -> true);

        assertThat(route.chosen()).isSameAs(route.configured()).isEqualTo(selector.select(Carrier.CMCC, "13800138000").orElseThrow());
        assertThat(route.failover()).isFalse();
        assertThat(route.waiting()).isFalse();
    }

    @Test
    void phonesOfADownLinkFailOverToTheCarriersHealthyLinkAndTheOthersStay() {
        List<String> phones = IntStream.range(0, 2_000).mapToObj(i -> "1380000" + String.format("%04d", i)).toList();

        for (String phone : phones) {
            LinkSelector.Route route = selector.route(Carrier.CMCC, phone, id -> !id.equals("cmcc-b"));
            assertThat(route.chosen()).isEqualTo(CMCC_A);
            assertThat(route.failover()).isEqualTo(route.configured() == CMCC_B);
            assertThat(selector.route(Carrier.CMCC, phone, id -> !id.equals("cucc-1")).chosen())
                    .as("an outage elsewhere moves no phone").isEqualTo(route.configured());
        }
    }

    @Test
    void aCarrierWithoutAHealthyLinkWaitsAndOneWithoutLinksHasNone() {
        LinkSelector.Route waiting = selector.route(Carrier.CUCC, "13000000000", id -> false);
        assertThat(waiting.waiting()).isTrue();
        assertThat(waiting.configured()).isEqualTo(CUCC);

        LinkSelector.Route none = selector.route(Carrier.CTCC, "13300000000", id -> true);
        assertThat(none.configured()).isNull();
        assertThat(none.waiting()).isFalse();
    }

    @Test
    void allListsEveryLink() {
        assertThat(selector.all()).containsExactlyInAnyOrder(CMCC_A, CMCC_B, CUCC);
    }

    private static LinkSettings link(String id, Carrier carrier, int weight) {
        return new LinkSettings(id, carrier, Protocol.SMPP34, "127.0.0.1", 2775, "acct", null, null, "10690123456",
                1, 16, 100, weight, 0, 0, null, null, null);
    }
}
