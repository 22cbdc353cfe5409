package org.sms1069.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which calls go into which batch, with a batch operation whose batches the test ends by hand. */
class CoalescerTest {
    /** The batches it was asked to run, in order; each answers its items doubled once the test ends it. */
    private final List<List<Integer>> batches = new ArrayList<>();
    private final List<CompletableFuture<List<Integer>>> running = new ArrayList<>();

    private CompletableFuture<List<Integer>> record(List<Integer> items) {
        CompletableFuture<List<Integer>> answers = new CompletableFuture<>();
        synchronized (this) {
            batches.add(items);
            running.add(answers);
        }
        return answers;
    }

    private void end(int batch) {
        running.get(batch).complete(batches.get(batch).stream().map(i -> i * 2).toList());
    }

    @Test
    void whileBusyALoneCallRunsAtOnceAndCallsMadeMeanwhileRunTogetherWhenABatchEnds() throws Exception {
        Coalescer<Integer, Integer> coalescer = Coalescer.whileBusy(this::record, 100, 1);

        CompletableFuture<Integer> first = coalescer.submit(1);
        assertThat(batches).containsExactly(List.of(1));
        List<CompletableFuture<Integer>> waiting = List.of(coalescer.submit(2), coalescer.submit(3), coalescer.submit(4));
        assertThat(batches).hasSize(1);

        end(0);

        assertThat(first.get(1, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(waiting.get(0)).isNotDone();
        end(1);
        assertThat(waiting.stream().map(CompletableFuture::join)).containsExactly(4, 6, 8);
    }

    @Test
    void whileBusyRunsUpToMaxInFlightBatchesAndSplitsWhatWaitedByMaxItems() {
        Coalescer<Integer, Integer> coalescer = Coalescer.whileBusy(this::record, 2, 2);
        for (int i = 1; i <= 7; i++) {
            coalescer.submit(i);
        }
        assertThat(batches).containsExactly(List.of(1), List.of(2));

        end(1);
        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3, 4));
        end(0);
        end(2);
        assertThat(batches).containsExactly(List.of(1), List.of(2), List.of(3, 4), List.of(5, 6), List.of(7));
    }

    @Test
    void whileBusyAFailedBatchFailsItsOwnCallsAndTheNextBatchStillRuns() {
        Coalescer<Integer, Integer> coalescer = Coalescer.whileBusy(items -> {
            if (items.contains(1)) {
                throw new IllegalStateException("refused");
            }
            return record(items);
        }, 100, 1);

        CompletableFuture<Integer> refused = coalescer.submit(1);
        CompletableFuture<Integer> next = coalescer.submit(2);

        assertThatThrownBy(refused::join).hasRootCauseMessage("refused");
        assertThat(batches).containsExactly(List.of(2));
        end(0);
        assertThat(next.join()).isEqualTo(4);
    }

    @Test
    void lingeringABatchRunsAtOnceWhenFullElseAfterTheLinger() throws Exception {
        Coalescer<Integer, Integer> coalescer = new Coalescer<>(this::record, 2, Duration.ofMillis(50));

        coalescer.submit(1);
        coalescer.submit(2);
        assertThat(batches).containsExactly(List.of(1, 2));
        CompletableFuture<Integer> lone = coalescer.submit(3);
        assertThat(batches).hasSize(1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (batchCount() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(batches).containsExactly(List.of(1, 2), List.of(3));
        end(1);
        assertThat(lone.get(1, TimeUnit.SECONDS)).isEqualTo(6);
    }

    private synchronized int batchCount() {
        return batches.size();
    }
}
