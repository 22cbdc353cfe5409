package org.sms1069.gateway.sgip;

import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipResultCodes;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.wire.sgip.SgipSequences;
import org.sms1069.wire.sgip.SgipSubmit;
import org.sms1069.wire.sgip.SgipSubmitResp;
import org.sms1069.wire.sgip.SgipUnbind;
import io.netty.channel.ChannelPipeline;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.ResultCode;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.session.DialectSupport;
import org.sms1069.gateway.session.LinkDialect;
import org.sms1069.gateway.session.LoginResult;
import org.sms1069.gateway.session.Reply;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * SGIP 1.2 client side (SP to SMG) for the shared link machinery: BIND login type 1 with plain credentials,
 * SUBMIT as UCS2 with ReportFlag 1 (TP_udhi and the UDH for parts), no keepalive (an idle connection is
 * UNBOUND and reopened on demand), UNBIND on shutdown. SUBMIT_RESP has no message id: the SUBMIT's own
 * sequence, printed by {@link SgipSequence#messageId()}, is the key its REPORT comes back with.
 */
public final class SgipDialect implements LinkDialect<SgipSequence, SgipPdu> {
    private static final int FEE_FREE = 1;
    private static final String NO_FEE = "0";
    private static final int NOT_CAUSED_BY_MO = 2;
    private static final int REPORT_ALWAYS = 1;
    private static final int SHORT_MESSAGE = 0;
    private static final String COUNTRY = "86";

    private final LinkSettings settings;
    private final SgipSequences sequences;
    private final SgipInbound inbound;
    /** The enterprise code the carrier assigned ({@code options.corp-id}), as configured. */
    private final String corpId;

    public SgipDialect(LinkSettings settings) {
        this.settings = settings;
        require(settings.nodeId() > 0 && settings.nodeId() <= 0xFFFF_FFFFL, "node-id is required (our node id, e.g. 3027012345)");
        require(settings.account().length() <= 16 && settings.password().length() <= 16, "account and password are at most 16 characters");
        require(settings.serviceId() == null || settings.serviceId().length() <= 10, "service-id is at most 10 characters");
        this.sequences = new SgipSequences(settings.nodeId());
        this.inbound = new SgipInbound(settings);
        this.corpId = settings.options().corpId();
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sms.links[" + settings.id() + "]: SGIP " + message);
        }
    }

    @Override
    public String protocol() {
        return SgipInbound.PROTOCOL;
    }

    @Override
    public void initCodec(ChannelPipeline pipeline, int maxFrameLength) {
        pipeline.addLast("frame", SgipDecoder.frameDecoder(maxFrameLength));
        pipeline.addLast("decoder", new SgipDecoder());
        pipeline.addLast("encoder", new SgipEncoder());
    }

    /** The link's one source: connections never repeat each other's triples. */
    @Override
    public Supplier<SgipSequence> sequences() {
        return sequences;
    }

    @Override
    public SgipSequence sequenceOf(SgipPdu pdu) {
        return pdu.sequence();
    }

    @Override
    public SgipPdu loginRequest(SgipSequence sequence) {
        return new SgipBind(sequence, SgipBind.SP_TO_SMG, settings.account(), settings.password());
    }

    @Override
    public LoginResult loginResult(SgipPdu response) {
        if (!(response instanceof SgipBindResp resp)) {
            return LoginResult.refused(protocol() + ":UNEXPECTED_ANSWER", response.getClass().getSimpleName());
        }
        ResultCode code = SgipResultCodes.TABLE.lookup(resp.result());
        return code.isSuccess() ? LoginResult.ok(protocol() + ":0")
                : LoginResult.refused(protocol() + ":" + resp.result(), code.description());
    }

    @Override
    public SgipPdu submitRequest(SgipSequence sequence, OutboundSubmit part) {
        List<String> users = part.recipients().stream().map(Recipient::phone).map(SgipDialect::withCountryCode).toList();
        return new SgipSubmit(sequence, part.sourceAddr(), SgipSubmit.SP_PAYS, users, corpId,
                Objects.requireNonNullElse(settings.serviceId(), ""), FEE_FREE, NO_FEE, NO_FEE, 0, NOT_CAUSED_BY_MO, 0,
                "", "", REPORT_ALWAYS, 0, SHORT_MESSAGE, DialectSupport.ucs2(part));
    }

    static String withCountryCode(String phone) {
        return phone.startsWith(COUNTRY) && phone.length() == 13 ? phone : COUNTRY + phone;
    }

    /** Every recipient's report names the same SUBMIT sequence (and its own UserNumber). */
    @Override
    public SubmitResult submitResult(SgipPdu response, OutboundSubmit part) {
        if (!(response instanceof SgipSubmitResp resp)) {
            return DialectSupport.unexpected(protocol(), response);
        }
        return DialectSupport.result(protocol(), SgipResultCodes.TABLE.lookup(resp.result()),
                () -> Collections.nCopies(part.recipients().size(), resp.sequence().messageId()));
    }

    @Override
    public Reply onRequest(SgipPdu request) {
        Reply reply = inbound.reply((SgipPdu) request);
        return reply == null ? Reply.answer(null) : reply;
    }

    /** None: SGIP closes idle connections instead. */
    @Override
    public SgipPdu keepaliveRequest(SgipSequence sequence) {
        return null;
    }

    @Override
    public SgipPdu logoutRequest(SgipSequence sequence) {
        return new SgipUnbind(sequence);
    }

    @Override
    public SgipPdu errorReply(DecodeFailure<SgipSequence> failure) {
        return inbound.errorReply(failure);
    }
}
