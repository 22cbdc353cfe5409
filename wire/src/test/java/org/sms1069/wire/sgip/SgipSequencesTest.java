package org.sms1069.wire.sgip;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SgipSequencesTest {
    private static final long NODE = 3_0270_12345L;

    @Test
    void twoSourcesOfOneNodeStartedTogetherDoNotRepeatEachOther() {
        SgipSequence first = new SgipSequences(NODE).get();
        SgipSequence second = new SgipSequences(NODE).get();

        assertThat(first.counter()).isNotEqualTo(second.counter());
        assertThat(first.messageId()).isNotEqualTo(second.messageId());
    }

    @Test
    void theCounterWrapsAtTheTopOfItsThirtyTwoBits() {
        SgipSequences sequences = new SgipSequences(NODE, 0xFFFF_FFFEL);

        assertThat(sequences.get().counter()).isEqualTo(0xFFFF_FFFFL);
        assertThat(sequences.get().counter()).isZero();
        assertThat(sequences.get().counter()).isEqualTo(1);
    }
}
