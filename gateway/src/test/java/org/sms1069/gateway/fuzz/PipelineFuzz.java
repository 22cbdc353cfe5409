package org.sms1069.gateway.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.PduDecoder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds one {@link FuzzInput} into a connection's real pipeline on an {@link EmbeddedChannel} and checks what must
 * hold whatever the bytes: no exception leaves the pipeline; the only exceptions inside it are framing errors
 * (after which the connection is closed); every answer written is a well-formed PDU; a connection that is still
 * open has answered every request that wants an answer, and one that is closed had a reason to close; and every
 * buffer fed in was released.
 */
public final class PipelineFuzz {

    /** What a connection owes the peer for one decoded message. */
    public interface Expectations {
        /** How many answers the message should get while the connection stays open (0 or 1). */
        int answers(Object decoded);

        /** Whether the message ends the connection (a logout, or a failure the protocol cannot answer). */
        boolean closes(Object decoded);
    }

    private PipelineFuzz() {
    }

    /**
     * Runs {@code input} through {@code channel}, whose last handler is named {@code lastHandler}; decodes the
     * answers with {@code answerDecoder}; finishes the channel.
     */
    public static void check(EmbeddedChannel channel, String lastHandler, FuzzInput input, PduDecoder<?> answerDecoder,
                             Expectations expectations) {
        PipelineProbe probe = new PipelineProbe();
        channel.pipeline().addBefore(lastHandler, "probe", probe);
        List<ByteBuf> fed = new ArrayList<>();
        for (byte[] read : input.reads()) {
            if (!channel.isOpen()) {
                break;
            }
            ByteBuf buf = channel.alloc().buffer(read.length).writeBytes(read); // pooled, so the leak detector tracks it
            fed.add(buf);
            channel.writeInbound(buf); // throws if an exception reached the end of the pipeline
        }
        channel.runPendingTasks();
        List<Object> answers = answers(channel, answerDecoder);
        boolean open = channel.isOpen();
        channel.finishAndReleaseAll();

        assertThat(probe.errors).as("exceptions inside the pipeline").allSatisfy(e ->
                assertThat(e).isInstanceOfAny(TooLongFrameException.class, CorruptedFrameException.class));
        assertThat(answers).as("answers written").noneMatch(a -> a instanceof DecodeFailure<?>);
        if (open) {
            int owed = probe.decoded.stream().mapToInt(expectations::answers).sum();
            assertThat(answers).as("answers to %s", probe.decoded).hasSize(owed);
        } else {
            assertThat(!probe.errors.isEmpty() || probe.decoded.stream().anyMatch(expectations::closes))
                    .as("closed without a framing error or a message that closes: %s", probe.decoded).isTrue();
        }
        assertThat(fed).as("buffers fed in are released").allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    private static List<Object> answers(EmbeddedChannel channel, PduDecoder<?> decoder) {
        List<Object> answers = new ArrayList<>();
        for (ByteBuf frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
            try {
                answers.add(decoder.decodeFrame(frame));
            } finally {
                frame.release();
            }
        }
        return answers;
    }
}
