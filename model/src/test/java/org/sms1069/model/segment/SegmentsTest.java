package org.sms1069.model.segment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentsTest {

    @Test
    void seventyCharactersIncludingSignatureFitOneSms() {
        String text = "【测试科技】" + "码".repeat(64);
        assertThat(text).hasSize(70);
        assertThat(Segments.split(text)).containsExactly(text);
    }

    @Test
    void longerTextIsCutIntoPartsOf67() {
        String text = "【阿里云】" + "字".repeat(200);
        List<String> parts = Segments.split(text);
        assertThat(parts).hasSize(4);
        assertThat(parts.subList(0, 3)).allSatisfy(p -> assertThat(p).hasSize(67));
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void neverCutsASurrogatePair() {
        String text = "a".repeat(66) + "😀" + "b".repeat(10);
        List<String> parts = Segments.split(text);
        assertThat(parts.get(0)).hasSize(66);
        assertThat(parts.get(1)).startsWith("😀");
    }
}
