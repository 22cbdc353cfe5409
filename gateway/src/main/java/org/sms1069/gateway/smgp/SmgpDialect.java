package org.sms1069.gateway.smgp;

import org.sms1069.wire.smgp.SmgpActiveTest;
import org.sms1069.wire.smgp.SmgpActiveTestResp;
import org.sms1069.wire.smgp.SmgpCommandIds;
import org.sms1069.wire.smgp.SmgpDecoder;
import org.sms1069.wire.smgp.SmgpDeliver;
import org.sms1069.wire.smgp.SmgpDeliverResp;
import org.sms1069.wire.smgp.SmgpEncoder;
import org.sms1069.wire.smgp.SmgpExit;
import org.sms1069.wire.smgp.SmgpExitResp;
import org.sms1069.wire.smgp.SmgpLogin;
import org.sms1069.wire.smgp.SmgpLoginResp;
import org.sms1069.wire.smgp.SmgpMsgId;
import org.sms1069.wire.smgp.SmgpPdu;
import org.sms1069.wire.smgp.SmgpReport;
import org.sms1069.wire.smgp.SmgpResultCodes;
import org.sms1069.wire.smgp.SmgpSubmit;
import org.sms1069.wire.smgp.SmgpSubmitResp;
import org.sms1069.wire.smgp.SmgpTlvTags;
import org.sms1069.wire.smgp.SmgpTlvs;
import io.netty.channel.ChannelPipeline;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.LoginDigests;
import org.sms1069.wire.codec.Octets;
import org.sms1069.wire.codec.ResultCode;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.wire.codec.ReceiptStates;
import org.sms1069.gateway.link.InboundValues;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.session.DialectSupport;
import org.sms1069.gateway.session.LinkDialect;
import org.sms1069.gateway.session.LoginResult;
import org.sms1069.gateway.session.Reply;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * SMGP 3.0 for the shared link machinery: LOGIN mode 2 (send and receive on one connection) with the MD5
 * authenticator, Submit as UCS2 with a report requested and PkTotal/PkNumber TLVs for parts, Deliver as
 * receipt (IsReport = 1, text report) or MO, Active_Test and Exit. An MO's LinkID TLV is kept and a Submit replying
 * to it carries it back as the LinkID TLV (none otherwise).
 * <p>Submit_Resp carries one MsgID for the whole submit; the router sends one recipient per part, so it is
 * that recipient's id.
 */
public final class SmgpDialect implements LinkDialect<Long, SmgpPdu> {
    static final String PROTOCOL = "SMGP";
    private static final int REPORT_WANTED = 1;
    /** Priority 0 low, 1 normal, 2 higher, 3 high (SMGP 3.0 §Submit). */
    private static final int PRIORITY_NORMAL = 1;
    private static final String FEE_FREE = "00";
    private static final String NO_FEE = "000000";
    private static final long STRUCTURE_ERROR = 10;
    private static final SmgpMsgId NO_ID = new SmgpMsgId(Octets.of(new byte[SmgpMsgId.LENGTH]));

    private final LinkSettings settings;

    public SmgpDialect(LinkSettings settings) {
        this.settings = settings;
        if (settings.account().length() > 8) {
            throw new IllegalArgumentException("sms.links[" + settings.id() + "]: SMGP account (ClientID) is at most 8 characters");
        }
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public void initCodec(ChannelPipeline pipeline, int maxFrameLength) {
        pipeline.addLast("frame", SmgpDecoder.frameDecoder(maxFrameLength));
        pipeline.addLast("decoder", new SmgpDecoder());
        pipeline.addLast("encoder", new SmgpEncoder());
    }

    @Override
    public Supplier<Long> sequences() {
        return DialectSupport.sequenceCounter();
    }

    @Override
    public Long sequenceOf(SmgpPdu pdu) {
        return pdu.sequenceId();
    }

    @Override
    public SmgpPdu loginRequest(Long sequence) {
        return SmgpLogin.login(sequence, settings.account(), settings.password(), SmgpLogin.MODE_TRANSMIT,
                LoginDigests.timestampNow());
    }

    @Override
    public LoginResult loginResult(SmgpPdu response) {
        if (!(response instanceof SmgpLoginResp resp)) {
            return LoginResult.refused(PROTOCOL + ":UNEXPECTED_ANSWER", response.getClass().getSimpleName());
        }
        ResultCode code = SmgpResultCodes.TABLE.lookup(resp.status());
        return code.isSuccess() ? LoginResult.ok(PROTOCOL + ":0")
                : LoginResult.refused(PROTOCOL + ":" + resp.status(), code.description());
    }

    @Override
    public SmgpPdu submitRequest(Long sequence, OutboundSubmit part) {
        SmgpTlvs options = SmgpTlvs.EMPTY;
        if (part.segmentCount() > 1) {
            options = options.withUint8(SmgpTlvTags.PK_TOTAL, part.segmentCount())
                    .withUint8(SmgpTlvTags.PK_NUMBER, part.segmentNumber());
        }
        String linkId = DialectSupport.carrierLinkIdOf(part);
        if (!linkId.isEmpty()) {
            options = options.withString(SmgpTlvTags.LINK_ID, linkId, InboundValues.CARRIER_LINK_ID_WIDTH);
        }
        List<String> destinations = part.recipients().stream().map(Recipient::phone).toList();
        return new SmgpSubmit(sequence, SmgpSubmit.MT, REPORT_WANTED, PRIORITY_NORMAL,
                Objects.requireNonNullElse(settings.serviceId(), ""), FEE_FREE, NO_FEE, NO_FEE, "", "",
                part.sourceAddr(), "", destinations, DialectSupport.ucs2(part), options);
    }

    @Override
    public SubmitResult submitResult(SmgpPdu response, OutboundSubmit part) {
        if (!(response instanceof SmgpSubmitResp resp)) {
            return DialectSupport.unexpected(PROTOCOL, response);
        }
        return DialectSupport.result(PROTOCOL, SmgpResultCodes.TABLE.lookup(resp.status()),
                () -> Collections.nCopies(part.recipients().size(), resp.msgId().toString()));
    }

    @Override
    public Reply onRequest(SmgpPdu request) {
        if (request instanceof SmgpDeliver deliver) {
            return deliver(deliver);
        } else if (request instanceof SmgpActiveTest test) {
            return Reply.answer(new SmgpActiveTestResp(test.sequenceId()));
        } else if (request instanceof SmgpExit exit) {
            return Reply.answerAndClose(new SmgpExitResp(exit.sequenceId()));
        }
        return Reply.answer(null);
    }

    private Reply deliver(SmgpDeliver deliver) {
        SmgpDeliverResp ok = new SmgpDeliverResp(deliver.sequenceId(), deliver.msgId(), 0);
        // not kept (the broker did not acknowledge it): "system busy" makes the SMGW send the Deliver again later
        SmgpDeliverResp tryAgain = new SmgpDeliverResp(deliver.sequenceId(), deliver.msgId(), SmgpResultCodes.SYSTEM_BUSY);
        if (!deliver.isStatusReport()) {
            return Reply.mo(ok, tryAgain, DialectSupport.mo(settings, deliver.srcTermId(), deliver.destTermId(), deliver.content(),
                    deliver.msgId().toString(), deliver.options().linkId().orElse(null)));
        }
        SmgpReport report = deliver.report();
        if (ReceiptStates.isIntermediate(report.stat())) {
            return Reply.answer(ok); // ACCEPTD, ENROUTE: the final report follows
        }
        return Reply.receipt(ok, tryAgain, new Receipt(settings.id(), settings.receiptScope(), report.id().toString(), deliver.srcTermId(),
                report.stat(), report.err(), Instant.now()));
    }

    @Override
    public SmgpPdu keepaliveRequest(Long sequence) {
        return new SmgpActiveTest(sequence);
    }

    @Override
    public SmgpPdu logoutRequest(Long sequence) {
        return new SmgpExit(sequence);
    }

    @Override
    public SmgpPdu errorReply(DecodeFailure<Long> failure) {
        if (failure.commandId() == SmgpCommandIds.DELIVER) {
            return new SmgpDeliverResp(failure.sequence(), NO_ID, STRUCTURE_ERROR);
        }
        return null;
    }
}
