package org.sms1069.gateway.cmpp;

import org.sms1069.wire.cmpp.CmppActiveTest;
import org.sms1069.wire.cmpp.CmppActiveTestResp;
import org.sms1069.wire.cmpp.CmppCommandIds;
import org.sms1069.wire.cmpp.CmppConnect;
import org.sms1069.wire.cmpp.CmppConnectResp;
import org.sms1069.wire.cmpp.CmppDecoder;
import org.sms1069.wire.cmpp.CmppDeliver;
import org.sms1069.wire.cmpp.CmppDeliverResp;
import org.sms1069.wire.cmpp.CmppEncoder;
import org.sms1069.wire.cmpp.CmppMsgIds;
import org.sms1069.wire.cmpp.CmppPdu;
import org.sms1069.wire.cmpp.CmppReport;
import org.sms1069.wire.cmpp.CmppResultCodes;
import org.sms1069.wire.cmpp.CmppSubmit;
import org.sms1069.wire.cmpp.CmppSubmitResp;
import org.sms1069.wire.cmpp.CmppTerminate;
import org.sms1069.wire.cmpp.CmppTerminateResp;
import org.sms1069.wire.cmpp.CmppVersion;
import io.netty.channel.ChannelPipeline;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.LoginDigests;
import org.sms1069.wire.codec.ResultCode;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.session.DialectSupport;
import org.sms1069.gateway.session.LinkDialect;
import org.sms1069.gateway.session.LoginResult;
import org.sms1069.gateway.session.Reply;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.GroupIds;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * CMPP 2.0 / 3.0 for the shared link machinery: CONNECT with the MD5 authenticator, SUBMIT as UCS2 with a
 * report requested, DELIVER as receipt (Registered_Delivery not 0) or MO, ACTIVE_TEST and TERMINATE. In 3.0 an MO's
 * LinkID is kept and a SUBMIT replying to it sends it back (blank otherwise, as the spec says).
 */
public final class CmppDialect implements LinkDialect<Long, CmppPdu> {
    static final String PROTOCOL = "CMPP";
    private static final int REPORT_WANTED = 1;
    private static final int FEE_SP_PAYS = 2;
    private static final String FEE_FREE = "01";
    private static final String NO_FEE = "000000";
    private static final long STRUCTURE_ERROR = 1;

    private final LinkSettings settings;
    private final CmppVersion version;

    public CmppDialect(LinkSettings settings, CmppVersion version) {
        this.settings = settings;
        this.version = version;
        require(settings.account().length() <= 6, "account (Source_Addr, Msg_src) is at most 6 characters");
        require(settings.serviceId() == null || settings.serviceId().length() <= 10, "service-id is at most 10 characters");
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sms.links[" + settings.id() + "]: CMPP " + message);
        }
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public void initCodec(ChannelPipeline pipeline, int maxFrameLength) {
        pipeline.addLast("frame", CmppDecoder.frameDecoder(maxFrameLength));
        pipeline.addLast("decoder", new CmppDecoder(version));
        pipeline.addLast("encoder", new CmppEncoder(version));
    }

    @Override
    public Supplier<Long> sequences() {
        return DialectSupport.sequenceCounter();
    }

    @Override
    public Long sequenceOf(CmppPdu pdu) {
        return pdu.sequenceId();
    }

    @Override
    public CmppPdu loginRequest(Long sequence) {
        return CmppConnect.login(sequence, settings.account(), settings.password(), version, LoginDigests.timestampNow());
    }

    @Override
    public LoginResult loginResult(CmppPdu response) {
        if (!(response instanceof CmppConnectResp resp)) {
            return LoginResult.refused(PROTOCOL + ":UNEXPECTED_ANSWER", response.getClass().getSimpleName());
        }
        ResultCode code = CmppResultCodes.CONNECT.lookup(resp.status());
        return code.isSuccess() ? LoginResult.ok(PROTOCOL + ":0")
                : LoginResult.refused(PROTOCOL + ":" + resp.status(), code.description());
    }

    @Override
    public CmppPdu submitRequest(Long sequence, OutboundSubmit part) {
        List<String> destinations = part.recipients().stream().map(Recipient::phone).toList();
        return new CmppSubmit(sequence, 0L, Math.max(1, part.segmentCount()), Math.max(1, part.segmentNumber()),
                REPORT_WANTED, 0, Objects.requireNonNullElse(settings.serviceId(), ""), FEE_SP_PAYS, "", 0, 0,
                settings.account(), FEE_FREE, NO_FEE, "", "", part.sourceAddr(), destinations, 0,
                DialectSupport.ucs2(part), version == CmppVersion.V30 ? DialectSupport.carrierLinkIdOf(part) : "");
    }

    /**
     * With N recipients the gateway answers one Msg_Id X; recipient i is X + i (spec appendix 1), or X for all
     * on gateways configured {@link GroupIds#SAME}. Either way the receipt names the phone, so receipts are
     * matched by id and phone.
     */
    @Override
    public SubmitResult submitResult(CmppPdu response, OutboundSubmit part) {
        if (!(response instanceof CmppSubmitResp resp)) {
            return DialectSupport.unexpected(PROTOCOL, response);
        }
        boolean sequential = settings.options().groupIds() == GroupIds.SEQUENTIAL;
        return DialectSupport.result(PROTOCOL, CmppResultCodes.SUBMIT.lookup(resp.result()), () -> {
            List<String> ids = new ArrayList<>(part.recipients().size());
            for (int i = 0; i < part.recipients().size(); i++) {
                ids.add(CmppMsgIds.toDecimal(resp.msgId() + (sequential ? i : 0)));
            }
            return ids;
        }, true);
    }

    @Override
    public Reply onRequest(CmppPdu request) {
        if (request instanceof CmppDeliver deliver) {
            return deliver(deliver);
        } else if (request instanceof CmppActiveTest test) {
            return Reply.answer(new CmppActiveTestResp(test.sequenceId()));
        } else if (request instanceof CmppTerminate terminate) {
            return Reply.answerAndClose(new CmppTerminateResp(terminate.sequenceId()));
        }
        return Reply.answer(null); // CONNECT or SUBMIT sent to a client: nothing sensible to answer
    }

    private Reply deliver(CmppDeliver deliver) {
        CmppDeliverResp ok = new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), 0);
        CmppDeliverResp tryAgain = new CmppDeliverResp(deliver.sequenceId(), deliver.msgId(), CmppResultCodes.DELIVER_TRY_AGAIN);
        if (!deliver.isReport()) {
            // 2.0's last field is Reserved: whatever a gateway leaves there is no LinkID
            return Reply.mo(ok, tryAgain, DialectSupport.mo(settings, deliver.srcTerminalId(), deliver.destId(), deliver.content(),
                    CmppMsgIds.toDecimal(deliver.msgId()), version == CmppVersion.V30 ? deliver.linkId() : null));
        }
        CmppReport report = deliver.report();
        if (!report.isFinal()) {
            return Reply.answer(ok); // ACCEPTD, ENROUTE: an intermediate state, the final report follows
        }
        return Reply.receipt(ok, tryAgain, new Receipt(settings.id(), settings.receiptScope(), CmppMsgIds.toDecimal(report.msgId()),
                report.destTerminalId(), report.stat(), null, Instant.now()));
    }

    @Override
    public CmppPdu keepaliveRequest(Long sequence) {
        return new CmppActiveTest(sequence);
    }

    @Override
    public CmppPdu logoutRequest(Long sequence) {
        return new CmppTerminate(sequence);
    }

    @Override
    public CmppPdu errorReply(DecodeFailure<Long> failure) {
        if (failure.commandId() == CmppCommandIds.DELIVER) {
            return new CmppDeliverResp(failure.sequence(), 0L, STRUCTURE_ERROR);
        }
        return null;
    }
}
