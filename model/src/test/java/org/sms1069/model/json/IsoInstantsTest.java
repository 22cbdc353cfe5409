package org.sms1069.model.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The direct instant path writes and reads exactly what {@code Instant.toString()} and {@code Instant.parse} do. */
class IsoInstantsTest {
    private static final long YEAR_10000 = 253_402_300_800L;

    private record Stamped(Instant at) {
    }

    @Test
    void writesWhatInstantToStringWritesForEveryKindOfFraction() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-YEAR_10000, YEAR_10000 + 1_000_000), nano(random, i));
            assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
            assertThat(SmsJson.text(SmsJson.write(new Stamped(instant)))).isEqualTo("{\"at\":\"" + instant + "\"}");
        }
    }

    @Test
    void readsWhatInstantParseReads() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, YEAR_10000), nano(random, i));
            String text = instant.toString();
            assertThat(IsoInstants.parseUtc(text)).isEqualTo(instant);
            // fractions of any length, not only the groups of three that toString writes
            String trimmed = text.replaceAll("(\\.\\d*?)0+Z$", "$1Z").replace(".Z", "Z");
            assertThat(IsoInstants.parseUtc(trimmed)).as(trimmed).isEqualTo(Instant.parse(trimmed));
        }
    }

    @Test
    void leavesOtherFormsToTheGeneralParserWithTheSameResult() {
        for (String text : List.of("2026-12-07T12:41:54.5+08:00", "2026-12-07t04:41:54z", "2016-12-31T23:59:60Z",
                "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2026-12-07T04:41:54.1234567890Z",
                "2026-12-07T24:00:00Z")) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isNull();
        }
        assertThat(SmsJson.read("{\"at\":\"2026-12-07T12:41:54.5+08:00\"}".getBytes(), Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-07T04:41:54.5Z"));
        assertThat(SmsJson.read("{\"at\":\"2016-12-31T23:59:60Z\"}".getBytes(), Stamped.class).at())
                .isEqualTo(Instant.parse("2016-12-31T23:59:60Z"));
        assertThat(SmsJson.read("{\"at\":\"2026-12-07T24:00:00Z\"}".getBytes(), Stamped.class).at())
                .isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(SmsJson.read("{\"at\":1796616618.5}".getBytes(), Stamped.class).at())
                .isEqualTo(Instant.ofEpochSecond(1796616618L, 500_000_000));
    }

    @Test
    void refusesWhatIsNoInstant() {
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-12-07T25:00:00Z", "2026-12-07T04:61:00Z",
                "2026-1a-07T04:41:54Z", "yesterday")) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isNull();
            assertThatIllegalArgumentException().as(text)
                    .isThrownBy(() -> SmsJson.read(("{\"at\":\"" + text + "\"}").getBytes(), Stamped.class));
        }
    }

    private static int nano(SplittableRandom random, int i) {
        return switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }
}
