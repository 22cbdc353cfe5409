package org.sms1069.gateway.fuzz;

import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fuzz run's leak recorder notices a buffer that was never released: without it the fuzz leak check proves nothing. */
@Tag("fuzz")
class LeakRecorderTest {

    @Test
    void aBufferNeverReleasedFailsTheCheck() {
        LeakRecorder.assertInstalled();
        LeakRecorder.assertNoLeaks();

        allocateAndForget();

        assertThatThrownBy(LeakRecorder::assertNoLeaks).isInstanceOf(AssertionError.class).hasMessageContaining("leaked");
        LeakRecorder.assertNoLeaks(); // reported once, then cleared
    }

    private static void allocateAndForget() {
        ByteBufAllocator.DEFAULT.buffer(16).writeLong(42);
    }
}
