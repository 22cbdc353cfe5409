package org.sms1069.model.phone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sms1069.model.Carrier;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "13800138000, 13800138000",
            "+86 138 0013 8000, 13800138000",
            "0086-13800138000, 13800138000",
            "8613800138000, 13800138000",
            "+44 7700 900123, +447700900123"})
    void normalises(String input, String canonical) {
        assertThat(PhoneNumbers.parse(input).number()).map(PhoneNumber::value).contains(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1440012345678 | IoT",
            "12800138000 | 11 digits starting with 13-19",
            "1380013800 | 11 digits",
            "138abc38000 | only digits",
            "'' | empty"})
    void refuses(String input, String reason) {
        PhoneNumbers.Parsed parsed = PhoneNumbers.parse(input);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.error()).contains(reason);
    }

    @ParameterizedTest
    @CsvSource({
            "13800138000, CMCC", "13400138000, CMCC", "13490138000, CTCC", "17030138000, CMCC",
            "17040138000, CUCC", "17010138000, CTCC", "17402138000, CTCC", "18600138000, CUCC",
            "19900138000, CTCC", "19200138000, CBN", "+447700900123, INTL"})
    void resolvesOriginalCarrierByLongestPrefix(String phone, Carrier carrier) {
        PhoneNumber number = PhoneNumbers.parse(phone).number().orElseThrow();
        assertThat(NumberSegments.bundled().carrierOf(number)).contains(carrier);
    }

    @ParameterizedTest
    @CsvSource({"13800138000, 138****8000", "+447700900123, +44****0123"})
    void masksForLogs(String phone, String masked) {
        assertThat(PhoneNumbers.mask(phone)).isEqualTo(masked);
    }
}
