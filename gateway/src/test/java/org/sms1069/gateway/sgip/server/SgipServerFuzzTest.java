package org.sms1069.gateway.sgip.server;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sms1069.wire.codec.CommandIds;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.gateway.fuzz.FrameFuzz;
import org.sms1069.gateway.fuzz.FuzzInput;
import org.sms1069.gateway.fuzz.LeakRecorder;
import org.sms1069.gateway.fuzz.PipelineFuzz;
import org.sms1069.gateway.fuzz.ValidFrames;
import org.sms1069.gateway.fuzz.WireFormat;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.gateway.session.Reply;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipCommandIds;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.gateway.sgip.SgipInbound;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipUnbindResp;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the SP-side SGIP server: a connection as {@link SgipServer} sets it up, bound by the carrier, fed random and
 * mutated frames. The server answers what it can and closes on what it cannot (see {@link PipelineFuzz}).
 */
@Tag("fuzz")
class SgipServerFuzzTest {
    private static final long SMG_NODE = 107_551L;
    private static final LinkSettings SETTINGS = new LinkSettings("cucc-1", Carrier.CUCC, Protocol.SGIP12, "127.0.0.1",
            8801, "sp-login", "sp-secret", "MXX0010101", "10690123456", 1, 32, 100, 100, 3_0270_12345L, 8802,
            "smg-login", "smg-secret", null);
    private static final SgipInbound INBOUND = new SgipInbound(SETTINGS);
    private static final SgipServerMetrics METRICS = new SgipServerMetrics(new SimpleMeterRegistry(), "cucc-1");
    private static final byte[] BIND = ValidFrames.encode(new SgipEncoder(),
            new SgipBind(new SgipSequence(SMG_NODE, 1_128_105_407L, 1), SgipBind.SMG_TO_SP, "smg-login", "smg-secret"));

    @BeforeContainer
    static void leakRecorderIsInstalled() {
        LeakRecorder.assertInstalled();
    }

    @AfterProperty
    void noBufferLeaked() {
        LeakRecorder.assertNoLeaks();
    }

    @Property
    void boundConnection(@ForAll("input") FuzzInput input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        SgipServer.initPipeline(channel.pipeline(), PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH, new SgipServerHandler("cucc-1",
                "smg-login", "smg-secret", INBOUND, new RecordingSink(), METRICS,
                new BindLockout(java.time.Duration.ofSeconds(1), java.time.Duration.ofMinutes(1), java.time.Clock.systemUTC()),
                java.time.Duration.ofSeconds(10)));
        channel.writeInbound(channel.alloc().buffer().writeBytes(BIND));
        io.netty.buffer.ByteBuf bound = channel.readOutbound();
        try {
            assertThat(new SgipDecoder().decodeFrame(bound)).isInstanceOf(SgipBindResp.class);
        } finally {
            bound.release();
        }

        PipelineFuzz.check(channel, "handler", input, new SgipDecoder(), new PipelineFuzz.Expectations() {
            @Override
            public int answers(Object decoded) {
                if (decoded instanceof SgipBind) {
                    return 1; // a second BIND is refused with result 2
                }
                if (decoded instanceof DecodeFailure<?> failure) {
                    @SuppressWarnings("unchecked")
                    DecodeFailure<SgipSequence> typed = (DecodeFailure<SgipSequence>) failure;
                    return INBOUND.errorReply(typed) != null ? 1 : 0;
                }
                if (CommandIds.isResponse(((SgipPdu) decoded).commandId())) {
                    return 0;
                }
                Reply reply = INBOUND.reply((SgipPdu) decoded);
                return reply != null && reply.response() != null ? 1 : 0;
            }

            @Override
            @SuppressWarnings("unchecked")
            public boolean closes(Object decoded) {
                if (decoded instanceof DecodeFailure<?> failure) {
                    return INBOUND.errorReply((DecodeFailure<SgipSequence>) failure) == null;
                }
                if (decoded instanceof SgipUnbindResp) {
                    return true;
                }
                Reply reply = decoded instanceof SgipBind ? null : INBOUND.reply((SgipPdu) decoded);
                return reply != null && reply.closeAfter();
            }
        });
    }

    @Provide
    Arbitrary<FuzzInput> input() {
        return FrameFuzz.inputs(WireFormat.of(SgipCommandIds.HEADER_LENGTH, PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH,
                SgipCommandIds.class), ValidFrames.sgip(SMG_NODE));
    }
}
