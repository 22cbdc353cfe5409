package org.sms1069.carriersim.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class OutcomeMixTest {

    @Test
    void defaultMixDeliversEverything() {
        OutcomeMix mix = OutcomeMix.allDelivered();

        assertThat(IntStream.range(0, 1000).mapToObj(i -> mix.next())).containsOnly(DeliveryOutcome.DELIVERED);
    }

    @Test
    void sameSeedGivesSameSequenceWhateverTheMapOrder() {
        Map<String, Integer> forward = new LinkedHashMap<>();
        forward.put("DELIVRD", 70);
        forward.put("UNDELIV", 20);
        forward.put("MK:0001", 10);
        Map<String, Integer> backward = new LinkedHashMap<>();
        backward.put("MK:0001", 10);
        backward.put("UNDELIV", 20);
        backward.put("DELIVRD", 70);

        assertThat(picks(new OutcomeMix(forward, 42L), 200)).isEqualTo(picks(new OutcomeMix(backward, 42L), 200));
    }

    @Test
    void picksFollowTheWeights() {
        OutcomeMix mix = new OutcomeMix(Map.of("DELIVRD", 90, "EXPIRED", 10, "REJECTD", 0), 7L);

        Map<String, Long> counts = picks(mix, 10_000).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(counts).doesNotContainKey("REJECTD");
        assertThat(counts.get("DELIVRD")).isBetween(8_700L, 9_300L);
        assertThat(counts.get("EXPIRED")).isBetween(700L, 1_300L);
    }

    @Test
    void outcomesCarryTheUsualErrorCodes() {
        assertThat(DeliveryOutcome.of("DELIVRD")).isEqualTo(new DeliveryOutcome("DELIVRD", "000"));
        assertThat(DeliveryOutcome.of("EXPIRED").error()).isEqualTo("001");
        assertThat(DeliveryOutcome.of("UNDELIV").error()).isEqualTo("006");
        assertThat(DeliveryOutcome.of("MK:0001").delivered()).isFalse();
    }

    @Test
    void unusableMixesAreRejected() {
        assertThatThrownBy(() -> new OutcomeMix(Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutcomeMix(Map.of("DELIVRD", 0), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutcomeMix(Map.of("DELIVRD", -1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutcomeMix(Map.of("TOOLONGSTAT", 1), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutcomeMix(Map.of("MK 0001", 1), null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> picks(OutcomeMix mix, int count) {
        return IntStream.range(0, count).mapToObj(i -> mix.next().stat()).toList();
    }
}
