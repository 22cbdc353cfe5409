package org.sms1069.gateway.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.sms1069.wire.cmpp.CmppCommandIds;
import org.sms1069.wire.cmpp.CmppConnectResp;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.gateway.cmpp.CmppDialect;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.wire.codec.CommandIds;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.Pdu;
import org.sms1069.wire.codec.PduDecoder;
import org.sms1069.wire.codec.PduFrameDecoder;
import org.sms1069.wire.codec.SequenceIdPdu;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.fuzz.FrameFuzz;
import org.sms1069.gateway.fuzz.FuzzInput;
import org.sms1069.gateway.fuzz.LeakRecorder;
import org.sms1069.gateway.fuzz.PipelineFuzz;
import org.sms1069.gateway.fuzz.ValidFrames;
import org.sms1069.gateway.fuzz.WireFormat;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipCommandIds;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.gateway.sgip.SgipDialect;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.smgp.SmgpCommandIds;
import org.sms1069.wire.smgp.SmgpDecoder;
import org.sms1069.gateway.smgp.SmgpDialect;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpLogin;
import org.sms1069.wire.smgp.SmgpLoginResp;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the client side of a CMPP 2.0, CMPP 3.0, SMGP and SGIP link: the pipeline a {@link LinkConnection} installs
 * (frame decoder, PDU decoder, encoder, idle handler, {@link Session}), logged in with one submit in flight, fed random
 * and mutated frames in random reads. See {@link PipelineFuzz} for what must hold; the tries come from
 * {@code jqwik.tries.default} (the gateway pom's fuzz execution, 10 000 in CI, 1 000 000 with {@code -Pfuzz-long}).
 */
@Tag("fuzz")
class LinkPipelineFuzzTest {
    private static final long NODE_ID = 3_0270_12345L;
    private static final int MAX_FRAME = PduFrameDecoder.DEFAULT_MAX_FRAME_LENGTH;
    private static final SessionProperties LIMITS = SessionProperties.defaults();
    private static final SessionMetrics METRICS = new SessionMetrics(new SimpleMeterRegistry(), "fuzz-1");
    private static final CmppDialect CMPP20 = new CmppDialect(settings(Protocol.CMPP20), CmppVersion.V20);
    private static final CmppDialect CMPP30 = new CmppDialect(settings(Protocol.CMPP30), CmppVersion.V30);
    private static final SmgpDialect SMGP = new SmgpDialect(settings(Protocol.SMGP30));
    private static final SgipDialect SGIP = new SgipDialect(settings(Protocol.SGIP12));
    private static final OutboundSubmit PART = new OutboundSubmit(OutboundSubmit.VERSION, "fuzz", "fuzz-1", Carrier.CMCC,
            List.of(new Recipient("m-1", "13800138000")), "1069012345688", 1, 1, 0x42, "验证码 123456", 0,
            Instant.now().plusSeconds(3600), null);

    @BeforeContainer
    static void leakRecorderIsInstalled() {
        LeakRecorder.assertInstalled();
    }

    @AfterProperty
    void noBufferLeaked() {
        LeakRecorder.assertNoLeaks();
    }

    @Property
    void cmpp20(@ForAll("cmpp20Input") FuzzInput input) {
        fuzz(CMPP20, new CmppDecoder(CmppVersion.V20),
                seq -> ValidFrames.encode(new CmppEncoder(CmppVersion.V20), new CmppConnectResp(seq, 0, Octets.of(new byte[16]), 0x20)),
                input);
    }

    @Property
    void cmpp30(@ForAll("cmpp30Input") FuzzInput input) {
        fuzz(CMPP30, new CmppDecoder(CmppVersion.V30),
                seq -> ValidFrames.encode(new CmppEncoder(CmppVersion.V30), new CmppConnectResp(seq, 0, Octets.of(new byte[16]), 0x30)),
                input);
    }

    @Property
    void smgp(@ForAll("smgpInput") FuzzInput input) {
        fuzz(SMGP, new SmgpDecoder(),
                seq -> ValidFrames.encode(new SmgpEncoder(), new SmgpLoginResp(seq, 0, Octets.of(new byte[16]), SmgpLogin.VERSION_30)),
                input);
    }

    @Property
    void sgip(@ForAll("sgipInput") FuzzInput input) {
        fuzz(SGIP, new SgipDecoder(),
                seq -> ValidFrames.encode(new SgipEncoder(), new SgipBindResp(seq, 0)), input);
    }

    @Provide
    Arbitrary<FuzzInput> cmpp20Input() {
        return FrameFuzz.inputs(WireFormat.of(SequenceIdPdu.HEADER_LENGTH, MAX_FRAME, CmppCommandIds.class), ValidFrames.cmpp(CmppVersion.V20));
    }

    @Provide
    Arbitrary<FuzzInput> cmpp30Input() {
        return FrameFuzz.inputs(WireFormat.of(SequenceIdPdu.HEADER_LENGTH, MAX_FRAME, CmppCommandIds.class), ValidFrames.cmpp(CmppVersion.V30));
    }

    @Provide
    Arbitrary<FuzzInput> smgpInput() {
        return FrameFuzz.inputs(WireFormat.of(SequenceIdPdu.HEADER_LENGTH, MAX_FRAME, SmgpCommandIds.class), ValidFrames.smgp());
    }

    @Provide
    Arbitrary<FuzzInput> sgipInput() {
        return FrameFuzz.inputs(WireFormat.of(SgipCommandIds.HEADER_LENGTH, MAX_FRAME, SgipCommandIds.class), ValidFrames.sgip(NODE_ID));
    }

    /** Logs in, puts one submit in flight, then feeds the input. */
    @SuppressWarnings("unchecked") // the dialect's own decoder produced what it is handed
    private static <S, P extends Pdu> void fuzz(LinkDialect<S, P> dialect, PduDecoder<S> answers, Function<S, byte[]> loginAnswer, FuzzInput input) {
        EmbeddedChannel channel = new EmbeddedChannel();
        Session<S, P> session = new Session<>("fuzz-1#0", dialect, LIMITS, METRICS, new RecordingSink(), () -> { });
        LinkConnection.initPipeline(channel.pipeline(), dialect, LIMITS, session);
        CompletableFuture<LoginResult> login = session.login();
        channel.runPendingTasks();
        S loginSequence = dialect.sequenceOf((P) sent(channel, answers));
        channel.writeInbound(channel.alloc().buffer().writeBytes(loginAnswer.apply(loginSequence)));
        assertThat(login.join().ok()).isTrue();
        CompletableFuture<SubmitResult> submit = session.submit(PART);
        assertThat(sent(channel, answers)).isNotInstanceOf(DecodeFailure.class);

        PipelineFuzz.check(channel, "session", input, answers, new PipelineFuzz.Expectations() {
            @Override
            public int answers(Object decoded) {
                if (decoded instanceof DecodeFailure<?> failure) {
                    @SuppressWarnings("unchecked")
                    DecodeFailure<S> typed = (DecodeFailure<S>) failure;
                    return !failure.isResponse() && failure.sequence() != null && dialect.errorReply(typed) != null ? 1 : 0;
                }
                if (CommandIds.isResponse(((Pdu) decoded).commandId())) {
                    return 0;
                }
                try {
                    return dialect.onRequest((P) decoded).response() != null ? 1 : 0;
                } catch (RuntimeException e) {
                    return 1; // the peer sent a request and waits for its answer, whatever we make of it
                }
            }

            @Override
            public boolean closes(Object decoded) {
                try {
                    return decoded instanceof Pdu pdu && !CommandIds.isResponse(pdu.commandId())
                            && dialect.onRequest((P) decoded).closeAfter();
                } catch (RuntimeException e) {
                    return false;
                }
            }
        });
        if (submit.isDone()) {
            assertThat(submit.join()).as("the submit in flight").isNotNull();
        }
    }

    private static Object sent(EmbeddedChannel channel, PduDecoder<?> decoder) {
        ByteBuf frame = channel.readOutbound();
        try {
            return decoder.decodeFrame(frame);
        } finally {
            frame.release();
        }
    }

    private static LinkSettings settings(Protocol protocol) {
        Carrier carrier = protocol == Protocol.SGIP12 ? Carrier.CUCC : protocol == Protocol.SMGP30 ? Carrier.CTCC : Carrier.CMCC;
        return new LinkSettings("fuzz-1", carrier, protocol, "127.0.0.1", 7890, "901234", "secret", "MXX0010101",
                "10690123456", 1, 16, 100, 100, NODE_ID, 8802, "smg-login", "smg-secret", null);
    }
}
