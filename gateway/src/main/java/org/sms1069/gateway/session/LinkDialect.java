package org.sms1069.gateway.session;

import io.netty.channel.ChannelPipeline;
import org.sms1069.wire.codec.DecodeFailure;
import org.sms1069.wire.codec.Pdu;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.event.OutboundSubmit;

import java.util.function.Supplier;

/**
 * What one protocol adds to the shared link machinery ({@link NettyLink}, {@link Session}, {@link RequestWindow}):
 * its codec, its login, and the mapping of submit and deliver. Everything else (connect, window, resend,
 * keepalive timing, reconnect, pacing, drain) is written once. PDUs travel as the protocol's records; the
 * machinery never looks inside them except through this interface.
 *
 * @param <S> the protocol's sequence type: {@code Long} for CMPP and SMGP, the 12-byte triple for SGIP
 * @param <P> the protocol's PDU family (a sealed interface of records), what its decoder emits and its encoder takes
 */
public interface LinkDialect<S, P extends Pdu> {

    /** Short protocol name used in raw result codes, e.g. "CMPP" in "CMPP:8". */
    String protocol();

    /** Adds frame decoder, PDU decoder and encoder; they turn bytes into PDU records and back. */
    void initCodec(ChannelPipeline pipeline, int maxFrameLength);

    /** A fresh sequence source for one connection; sequences wrap and never repeat while a request is in flight. */
    Supplier<S> sequences();

    /** The sequence of a PDU record. */
    S sequenceOf(P pdu);

    /** The login request (CONNECT / BIND / LOGIN). */
    P loginRequest(S sequence);

    /** Whether the answer to the login lets us submit. */
    LoginResult loginResult(P response);

    /** The request for one part to all its recipients. */
    P submitRequest(S sequence, OutboundSubmit part);

    /** Maps the carrier's answer to a submit; the raw code keeps the protocol's own number, e.g. "CMPP:8". */
    SubmitResult submitResult(P response, OutboundSubmit part);

    /** What to answer a request the carrier sent us (DELIVER, REPORT, ACTIVE_TEST, TERMINATE, ...). */
    Reply onRequest(P request);

    /** The keepalive request; {@code null} when the protocol has none and idle connections are closed instead. */
    P keepaliveRequest(S sequence);

    /** The logout request (TERMINATE / UNBIND / EXIT). */
    P logoutRequest(S sequence);

    /** The error answer to a request that did not decode; {@code null} when the protocol has none to give. */
    P errorReply(DecodeFailure<S> failure);
}
