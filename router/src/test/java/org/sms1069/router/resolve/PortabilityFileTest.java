package org.sms1069.router.resolve;

import org.junit.jupiter.api.Test;
import org.sms1069.model.Carrier;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PortabilityFileTest {

    @Test
    void readsCommaTabAndSemicolonLinesWithAHeaderAndComments() {
        PortabilityFile.Parsed parsed = PortabilityFile.parse("""
                phone,carrier
                # ported in 2025
                13800138000,CTCC
                +86 139 0013 9000\tcucc
                13300133000;CMCC

                """);

        assertThat(parsed.entries()).isEqualTo(Map.of("13800138000", Carrier.CTCC, "13900139000", Carrier.CUCC,
                "13300133000", Carrier.CMCC));
        assertThat(parsed.rejected()).isZero();
    }

    @Test
    void badLinesAreReportedByNumberAndTheRestLoads() {
        PortabilityFile.Parsed parsed = PortabilityFile.parse("13800138000,CTCC\n12345,CTCC\n13900139000,VODAFONE\n"
                + "+447700900123,CMCC\njust-one-column\n13000130000,INTL\n");

        assertThat(parsed.entries()).containsOnlyKeys("13800138000");
        assertThat(parsed.rejected()).isEqualTo(5);
        assertThat(parsed.errors()).hasSize(5);
        assertThat(parsed.errors().get(0)).startsWith("line 2:");
        assertThat(parsed.errors().get(1)).startsWith("line 3:").contains("carrier");
    }

    @Test
    void carriersAreTheFourMainlandOnes() {
        assertThat(Set.of("cmcc", " CUCC ", "CTCC", "CBN")).allSatisfy(c -> assertThat(PortabilityOverrides.parseCarrier(c)).isPresent());
        assertThat(Set.of("INTL", "", "CM")).allSatisfy(c -> assertThat(PortabilityOverrides.parseCarrier(c)).isEmpty());
        assertThat(PortabilityOverrides.parseCarrier(null)).isEmpty();
    }

    @Test
    void learningTriesTheNextCarrierInTheFixedOrderThatHasNotRefused() {
        assertThat(PortabilityLearner.nextUntried(Carrier.CMCC, Set.of("CMCC"))).contains(Carrier.CUCC);
        assertThat(PortabilityLearner.nextUntried(Carrier.CUCC, Set.of("CUCC"))).contains(Carrier.CTCC);
        assertThat(PortabilityLearner.nextUntried(Carrier.CTCC, Set.of("CTCC"))).contains(Carrier.CMCC);
        assertThat(PortabilityLearner.nextUntried(Carrier.CUCC, Set.of("CMCC", "CUCC"))).contains(Carrier.CTCC);
        assertThat(PortabilityLearner.nextUntried(Carrier.CTCC, Set.of("CMCC", "CUCC", "CTCC"))).isEmpty();
    }
}
