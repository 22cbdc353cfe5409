package org.sms1069.gateway.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.model.Carrier;
import org.sms1069.model.event.MoMessage;
import org.sms1069.testkit.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedDeliverFilterTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RepeatedDeliverFilter filter = new RepeatedDeliverFilter(sink, meters, "cmcc-1", clock, Duration.ofMinutes(10), 3);

    private static Receipt receipt(String id, String phone, String stat) {
        return new Receipt("cmcc-1", "acct@host:7890", id, phone, stat, null, START);
    }

    private static MoPart mo(String carrierId, String text) {
        return MoPart.whole(new MoMessage(MoMessage.VERSION, "13800138000", "1069012345601", text, Carrier.CMCC, "cmcc-1",
                START, carrierId));
    }

    private double repeated() {
        return meters.counter("sms_link_inbound_repeated_total", "link", "cmcc-1").count();
    }

    @Test
    void aReceiptSentAgainIsHandedOnOnce() {
        filter.onReceipt(receipt("77", "13800138000", "DELIVRD"));
        filter.onReceipt(receipt("77", "13800138000", "DELIVRD"));

        assertThat(sink.receipts).hasSize(1);
        assertThat(repeated()).isEqualTo(1);
    }

    @Test
    void receiptsOfOtherPhonesOrStatsUnderOneIdAllPass() {
        filter.onReceipt(receipt("77", "13800138000", "DELIVRD"));
        filter.onReceipt(receipt("77", "13800138001", "DELIVRD"));
        filter.onReceipt(receipt("77", "13800138002", "UNDELIV"));

        assertThat(sink.receipts).hasSize(3);
        assertThat(repeated()).isZero();
    }

    @Test
    void anMoSentAgainUnderTheSameCarrierIdIsHandedOnOnceAndOneWithoutAnIdAlwaysPasses() {
        filter.onMo(mo("9001", "TD"));
        filter.onMo(mo("9001", "TD"));
        filter.onMo(mo("9002", "TD"));
        filter.onMo(mo(null, "hello"));
        filter.onMo(mo(null, "hello"));

        assertThat(sink.mos).extracting(MoMessage::carrierMessageId).containsExactly("9001", "9002", null, null);
        assertThat(repeated()).isEqualTo(1);
    }

    @Test
    void aCopyArrivingWhileTheFirstIsStillBeingKeptIsNotHandedOnAndSharesItsOutcome() {
        CompletableFuture<Void> keeping = new CompletableFuture<>();
        sink.outcomes.add(keeping);

        CompletableFuture<Void> first = filter.onReceipt(receipt("77", "13800138000", "DELIVRD")).toCompletableFuture();
        CompletableFuture<Void> copy = filter.onReceipt(receipt("77", "13800138000", "DELIVRD")).toCompletableFuture();

        assertThat(sink.receipts).hasSize(1);
        assertThat(copy).as("the copy waits for the first").isNotDone();
        keeping.complete(null);
        assertThat(first).isCompleted();
        assertThat(copy).isCompleted();
    }

    @Test
    void aCopyAfterAFailedAttemptIsHandedOnAgainAndNotAfterASuccessfulOne() {
        sink.outcomes.add(CompletableFuture.failedFuture(new IllegalStateException("broker down")));

        CompletableFuture<Void> failed = filter.onMo(mo("9001", "TD")).toCompletableFuture();
        CompletableFuture<Void> resent = filter.onMo(mo("9001", "TD")).toCompletableFuture();
        CompletableFuture<Void> again = filter.onMo(mo("9001", "TD")).toCompletableFuture();

        assertThat(failed).isCompletedExceptionally();
        assertThat(resent).isCompleted();
        assertThat(again).isCompleted();
        assertThat(sink.mos).as("the first attempt and the resend after it failed").hasSize(2);
        assertThat(repeated()).isEqualTo(1);
    }

    @Test
    void copiesWaitingForAnAttemptThatFailsFailTooAndTheNextResendPasses() {
        CompletableFuture<Void> keeping = new CompletableFuture<>();
        sink.outcomes.add(keeping);
        CompletableFuture<Void> first = filter.onMo(mo("9001", "TD")).toCompletableFuture();
        CompletableFuture<Void> copy = filter.onMo(mo("9001", "TD")).toCompletableFuture();

        keeping.completeExceptionally(new IllegalStateException("broker down"));

        assertThat(first).isCompletedExceptionally();
        assertThat(copy).isCompletedExceptionally();
        assertThat(filter.onMo(mo("9001", "TD")).toCompletableFuture()).isCompleted();
        assertThat(sink.mos).hasSize(2);
    }

    @Test
    void aCopyArrivingAfterTheRetentionPasses() {
        filter.onMo(mo("9001", "TD"));
        clock.advance(Duration.ofMinutes(11));
        filter.onMo(mo("9001", "TD"));

        assertThat(sink.mos).hasSize(2);
    }

    @Test
    void theOldestAreForgottenBeyondTheCapacity() {
        for (String id : new String[] {"1", "2", "3", "4"}) {
            filter.onMo(mo(id, "x"));
        }
        filter.onMo(mo("4", "x"));
        filter.onMo(mo("1", "x"));

        assertThat(sink.mos).extracting(MoMessage::carrierMessageId).containsExactly("1", "2", "3", "4", "1");
    }
}
