package org.sms1069.gateway.session;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RequestWindowTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final RequestWindow<Long, Object> window = new RequestWindow<>(channel, new SessionMetrics(meters, "l1"));

    @Test
    void answerCompletesTheRequestRegisteredBeforeItWasWritten() throws Exception {
        CompletableFuture<Object> answer = window.send(7L, "request-7", Duration.ofSeconds(60), 3);

        assertThat((Object) channel.readOutbound()).isEqualTo("request-7");
        assertThat(window.size()).isEqualTo(1);
        assertThat(window.complete(7L, "answer-7")).isTrue();
        assertThat(answer.get()).isEqualTo("answer-7");
        assertThat(window.size()).isZero();
    }

    @Test
    void answerNobodyWaitsForIsNotMatched() {
        window.send(1L, "request-1", Duration.ofSeconds(60), 3);

        assertThat(window.complete(2L, "stray")).isFalse();
        assertThat(window.complete(1L, "answer")).isTrue();
        assertThat(window.complete(1L, "duplicate")).isFalse();
    }

    @Test
    void unansweredRequestIsResentWithTheSameSequenceThenTimesOut() throws Exception {
        CompletableFuture<Object> answer = window.send(5L, "request-5", Duration.ofMillis(20), 2);
        assertThat((Object) channel.readOutbound()).isEqualTo("request-5");

        for (int resend = 1; resend <= 2; resend++) {
            Thread.sleep(30);
            channel.runScheduledPendingTasks();
            assertThat((Object) channel.readOutbound()).as("resend " + resend).isEqualTo("request-5");
        }
        Thread.sleep(30);
        channel.runScheduledPendingTasks();

        assertThat((Object) channel.readOutbound()).isNull();
        LinkFailure failure = (LinkFailure) catchThrowable(answer::get).getCause();
        assertThat(failure.rawResult()).isEqualTo("TIMEOUT");
        assertThat(failure.retryable()).isTrue();
        assertThat(meters.counter("sms_link_session_events_total", "link", "l1", "event", "resent").count()).isEqualTo(2);
    }

    @Test
    void closingFailsEveryWaiterAsLinkDownAndRefusesNewRequests() {
        CompletableFuture<Object> first = window.send(1L, "a", Duration.ofSeconds(60), 3);
        CompletableFuture<Object> second = window.send(2L, "b", Duration.ofSeconds(60), 3);

        window.close(LinkFailure.linkDown("closed"));

        for (CompletableFuture<Object> waiter : java.util.List.of(first, second, window.send(3L, "c", Duration.ofSeconds(1), 0))) {
            Throwable error = catchThrowable(waiter::get);
            assertThat(error).isInstanceOf(ExecutionException.class);
            assertThat(((LinkFailure) error.getCause()).rawResult()).isEqualTo("LINK_DOWN");
        }
    }

    @Test
    void aSequenceStillInFlightIsNotReused() {
        window.send(9L, "a", Duration.ofSeconds(60), 3);

        Throwable error = catchThrowable(window.send(9L, "b", Duration.ofSeconds(60), 3)::get);

        assertThat(((LinkFailure) error.getCause()).rawResult()).isEqualTo("DUPLICATE_SEQUENCE");
    }
}
