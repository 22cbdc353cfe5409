package org.sms1069.model.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartKeyTest {

    @Test
    void aMessagesPartIsWrittenAsIdSegmentAttempt() {
        assertThat(PartKey.of("m-1", 0, 2, 1)).hasToString("m-1:2:1");
        assertThat(PartKey.of("m-1", 0, 2, 2)).isNotEqualTo(PartKey.of("m-1", 0, 2, 1));
    }

    @Test
    void aReroutedMessageKeepsItsRerouteInEveryKeyDerivedFromIt() {
        PartKey rerouted = PartKey.of("m-1", 1, 1, 1);
        assertThat(rerouted).hasToString("m-1~np1:1:1");
        assertThat(PartKey.parse(rerouted.toString()).withAttempt(2)).hasToString("m-1~np1:1:2");
        assertThat(rerouted).isNotEqualTo(PartKey.of("m-1", 0, 1, 1));
    }

    @Test
    void parseReadsWhatToStringWrote() {
        for (PartKey key : List.of(PartKey.of("0190a1b2-c3d4", 0, 3, 7), PartKey.of("x", 2, 1, 1),
                PartKey.batch(List.of("a:1:1", "b:1:1"), 2, 3))) {
            assertThat(PartKey.parse(key.toString())).isEqualTo(key);
        }
    }

    @Test
    void aBatchKeyDependsOnItsMembersOnly() {
        PartKey one = PartKey.batch(List.of("a:1:1", "b:1:1"), 1, 1);
        assertThat(one.base()).startsWith("b-").hasSize(2 + 24);
        assertThat(PartKey.batch(List.of("a:1:1", "b:1:1"), 1, 1)).isEqualTo(one);
        assertThat(PartKey.batch(List.of("a:1:1", "c:1:1"), 1, 1)).isNotEqualTo(one);
    }

    @Test
    void whatIsNotAPartKeyIsRefused() {
        for (String bad : List.of("", "m-1", "m-1:1", ":1:1", "m-1:x:1", "m-1:1:0", "m-1:0:1")) {
            assertThatThrownBy(() -> PartKey.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
