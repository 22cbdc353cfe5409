package org.sms1069.wire.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppPdu;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppSubmit;
import org.sms1069.wire.cmpp.CmppVersion;
import org.sms1069.wire.codec.MessageContent;
import org.sms1069.wire.codec.MessageFormat;
import org.sms1069.wire.codec.PduDecoder;
import org.sms1069.wire.codec.PduEncoder;
import org.sms1069.wire.codec.Pdu;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipReport;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSubmit;
import org.sms1069.wire.smgp.SmgpDecoder;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpPdu;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpSubmit;
import org.sms1069.wire.smgp.SmgpTlvs;

import java.util.List;

/**
 * Encode + decode of one whole frame per operation, without a pipeline: the submit an SP sends (one recipient,
 * 70 UCS2 characters) and the status report it gets back, for each protocol. Report decoding includes
 * parsing the report structure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
public class CodecBenchmark {

    private static final MessageContent TEXT = MessageContent.ofText(MessageFormat.UCS2, "您的验证码是123456".repeat(5));
    private static final SgipSequence SEQ = new SgipSequence(3_075_512_345L, 1_128_105_407L, 42);
    private static final SmgpMsgId SMGP_ID = SmgpMsgId.of("01006101161700012345");

    private final CmppEncoder cmppEncoder = new CmppEncoder(CmppVersion.V30);
    private final CmppDecoder cmppDecoder = new CmppDecoder(CmppVersion.V30);
    private final SgipEncoder sgipEncoder = new SgipEncoder();
    private final SgipDecoder sgipDecoder = new SgipDecoder();
    private final SmgpEncoder smgpEncoder = new SmgpEncoder();
    private final SmgpDecoder smgpDecoder = new SmgpDecoder();

    private final CmppPdu cmppSubmit = new CmppSubmit(1, 0, 1, 1, 1, 0, "MXX0010101", 2, "", 0, 0, "901234", "01",
            "000000", "", "", "10690123456", List.of("13800138000"), 0, TEXT, "");
    private final CmppPdu cmppReport = CmppDeliver.ofReport(2, 0x1234_5678_9ABC_DEF0L, "10690123456", "MXX0010101",
            new CmppReport(0xBE2B61C003E9002AL, "DELIVRD", "2511281054", "2511281055", "13800138000", 7),
            CmppVersion.V30);
    private final SgipPdu sgipSubmit = new SgipSubmit(SEQ, "10655012345", SgipSubmit.SP_PAYS,
            List.of("8613012345678"), "12345", "MXX0010101", 1, "0", "0", 0, 2, 0, "", "", 1, 0, 0, TEXT);
    private final SgipPdu sgipReport = new SgipReport(SEQ, SEQ, 0, "8613012345678", 0, 0);
    private final SmgpPdu smgpSubmit = new SmgpSubmit(1, SmgpSubmit.MT, 1, 1, "MXX0010101", "00", "000000",
            "000000", "", "", "10690123456", "", List.of("13312345678"), TEXT, SmgpTlvs.EMPTY);
    private final SmgpPdu smgpReport = SmgpDeliver.ofReport(2, SMGP_ID, "20251128105500", "13312345678",
            "10690123456", new SmgpReport(SMGP_ID, "001", "001", "2511281054", "2511281055", "DELIVRD", "000"));

    private ByteBuf buffer;

    @Setup
    public void allocate() {
        buffer = PooledByteBufAllocator.DEFAULT.heapBuffer(1024);
    }

    @TearDown
    public void release() {
        buffer.release();
    }

    @Benchmark
    public Object cmppSubmit() {
        return roundTrip(cmppEncoder, cmppDecoder, cmppSubmit);
    }

    @Benchmark
    public Object cmppDeliverReport() {
        return ((CmppDeliver) roundTrip(cmppEncoder, cmppDecoder, cmppReport)).report();
    }

    @Benchmark
    public Object sgipSubmit() {
        return roundTrip(sgipEncoder, sgipDecoder, sgipSubmit);
    }

    @Benchmark
    public Object sgipReport() {
        return roundTrip(sgipEncoder, sgipDecoder, sgipReport);
    }

    @Benchmark
    public Object smgpSubmit() {
        return roundTrip(smgpEncoder, smgpDecoder, smgpSubmit);
    }

    @Benchmark
    public Object smgpDeliverReport() {
        return ((SmgpDeliver) roundTrip(smgpEncoder, smgpDecoder, smgpReport)).report();
    }

    private <P extends Pdu> Object roundTrip(PduEncoder<P> encoder, PduDecoder<?> decoder, P pdu) {
        buffer.clear();
        encoder.encodeTo(pdu, buffer);
        return decoder.decodeFrame(buffer);
    }
}
