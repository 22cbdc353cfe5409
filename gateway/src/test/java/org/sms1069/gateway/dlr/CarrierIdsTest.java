package org.sms1069.gateway.dlr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierIdsTest {

    @Test
    void hexAndDecimalPrintsOfOneIdShareAKey() {
        // SMPP: submit_sm_resp says "1A2B3C", the receipt's id: field says 1715004
        assertThat(shareAKey("1A2B3C", "1715004")).isTrue();
        assertThat(shareAKey("FFFFFFFFFFFFFFFF", "18446744073709551615")).isTrue();
    }

    @Test
    void anIdWithAPhoneKeysOnTheLastElevenDigitsWhateverTheCountryPrefix() {
        Set<String> plain = CarrierIds.keys("0100611128", "13800138000");
        assertThat(CarrierIds.keys("0100611128", "8613800138000")).isEqualTo(plain);
        assertThat(CarrierIds.keys("0100611128", "+86 138-0013-8000")).isEqualTo(plain);
        assertThat(plain).doesNotContainAnyElementsOf(CarrierIds.keys("0100611128", "13800138001"));
        assertThat(plain).allSatisfy(key -> assertThat(key).endsWith("/13800138000"));
        assertThat(CarrierIds.keys("0100611128", null)).isEmpty();
        assertThat(CarrierIds.keys("0100611128", "")).isEmpty();
    }

    @Test
    void caseAndLeadingZerosDoNotMatter() {
        assertThat(shareAKey("1a2b3c", "1A2B3C")).isTrue();
        assertThat(shareAKey("0001A2B3C", "1a2b3c")).isTrue();
        assertThat(shareAKey("0000000000001715004", "1715004")).isTrue();
        assertThat(shareAKey(" 1A2B3C\u0000\u0000", "1a2b3c")).as("padding of fixed-length fields").isTrue();
    }

    @Test
    void cmppIdPrintedSignedOrUnsignedSharesAKey() {
        long id = 0xC2A8_0F00_1234_5678L;
        assertThat(id).isNegative();
        assertThat(shareAKey(Long.toString(id), Long.toUnsignedString(id))).isTrue();
        assertThat(shareAKey("-1", "18446744073709551615")).isTrue();
    }

    @Test
    void differentIdsDoNotShareAKey() {
        assertThat(shareAKey("1A2B3C", "1A2B3D")).isFalse();
        assertThat(shareAKey("1715004", "1715005")).isFalse();
        assertThat(shareAKey("-1", "1")).isFalse();
        assertThat(shareAKey("msg-0001", "msg-0002")).isFalse();
        assertThat(shareAKey("0", "00")).as("both are zero").isTrue();
    }

    @Test
    void canonicalFormIsTrimmedUpperCaseWithoutLeadingZeros() {
        assertThat(CarrierIds.canonical("  00ab12 ")).isEqualTo("AB12");
        assertThat(CarrierIds.canonical("0000")).isEqualTo("0");
        assertThat(CarrierIds.canonical(null)).isEmpty();
    }

    @Test
    void emptyIdHasNoKeys() {
        assertThat(CarrierIds.keys(null)).isEmpty();
        assertThat(CarrierIds.keys("   ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-9999999999999999999", "99999999999999999999", "FFFFFFFFFFFFFFFFF", "-", "--1", "1-2",
            "-0x10", "ＡＢ", "١٢٣"})
    void oddIdsStillGiveKeysAndNeverThrow(String raw) {
        assertThat(CarrierIds.keys(raw)).contains(CarrierIds.canonical(raw));
    }

    private static boolean shareAKey(String a, String b) {
        Set<String> keys = CarrierIds.keys(a);
        return CarrierIds.keys(b).stream().anyMatch(keys::contains);
    }
}
