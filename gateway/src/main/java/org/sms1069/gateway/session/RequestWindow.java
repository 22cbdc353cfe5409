package org.sms1069.gateway.session;

import io.netty.channel.Channel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The requests of one connection that wait for their answer, matched by sequence number. A request is
 * registered before it is written, so an answer can never overtake its registration; an unanswered request
 * is written again after the response timeout (same sequence, as the specs require), up to the resend limit,
 * then fails as TIMEOUT. Closing fails every waiter with LINK_DOWN.
 * <p>Confined to the channel's event loop: every method must be called there.
 */
final class RequestWindow<S, P> {

    private final Channel channel;
    private final SessionMetrics metrics;
    private final Map<S, Pending<S, P>> pending = new HashMap<>();
    private boolean closed;

    RequestWindow(Channel channel, SessionMetrics metrics) {
        this.channel = channel;
        this.metrics = metrics;
    }

    /** Registers, writes and times the request; the future completes with the answer PDU or a {@link LinkFailure}. */
    CompletableFuture<P> send(S sequence, P request, Duration timeout, int maxResends) {
        assert channel.eventLoop().inEventLoop();
        CompletableFuture<P> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(LinkFailure.linkDown("connection closed"));
            return answer;
        }
        Pending<S, P> request0 = new Pending<>(sequence, request, answer, timeout, maxResends);
        if (pending.putIfAbsent(sequence, request0) != null) {
            // the sequence wrapped onto a request still waiting: should not happen with a 32-bit counter
            answer.completeExceptionally(new LinkFailure("DUPLICATE_SEQUENCE", true, "sequence " + sequence + " in use"));
            return answer;
        }
        write(request0);
        return answer;
    }

    /** Completes the waiter of {@code sequence}; false when nobody waits for it (late, duplicate or stray answer). */
    boolean complete(S sequence, P response) {
        Pending<S, P> request = pending.remove(sequence);
        if (request == null) {
            return false;
        }
        request.timer.cancel(false);
        request.answer.complete(response);
        return true;
    }

    /** Fails the waiter of {@code sequence}, e.g. when its answer did not decode. */
    boolean fail(S sequence, LinkFailure failure) {
        Pending<S, P> request = pending.remove(sequence);
        if (request == null) {
            return false;
        }
        request.timer.cancel(false);
        request.answer.completeExceptionally(failure);
        return true;
    }

    /** Fails every waiter and refuses new requests. */
    void close(LinkFailure failure) {
        closed = true;
        List<Pending<S, P>> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending<S, P> request : all) {
            if (request.timer != null) {
                request.timer.cancel(false);
            }
            request.answer.completeExceptionally(failure);
        }
    }

    int size() {
        return pending.size();
    }

    private void write(Pending<S, P> request) {
        request.timer = channel.eventLoop().schedule(() -> expire(request), request.timeout.toNanos(), TimeUnit.NANOSECONDS);
        channel.writeAndFlush(request.pdu).addListener(written -> {
            if (!written.isSuccess()) {
                Throwable cause = written.cause();
                boolean badRequest = cause instanceof EncoderException;
                fail(request.sequence, new LinkFailure(badRequest ? "ENCODE_ERROR" : "IO_ERROR", !badRequest,
                        cause == null ? "write failed" : cause.getClass().getSimpleName() + ": " + rootMessage(cause)));
            }
        });
    }

    private void expire(Pending<S, P> request) {
        if (pending.get(request.sequence) != request) {
            return;
        }
        if (request.resendsLeft > 0 && channel.isActive()) {
            request.resendsLeft--;
            metrics.resent();
            write(request);
            return;
        }
        pending.remove(request.sequence);
        request.answer.completeExceptionally(LinkFailure.timeout("no answer to sequence " + request.sequence
                + " within " + request.timeout.toMillis() + " ms"));
    }

    /** Encoder messages name the field that did not fit; they never contain message text. */
    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static final class Pending<S, P> {
        final S sequence;
        final P pdu;
        final CompletableFuture<P> answer;
        final Duration timeout;
        int resendsLeft;
        ScheduledFuture<?> timer;

        Pending(S sequence, P pdu, CompletableFuture<P> answer, Duration timeout, int resends) {
            this.sequence = sequence;
            this.pdu = pdu;
            this.answer = answer;
            this.timeout = timeout;
            this.resendsLeft = resends;
        }
    }
}
