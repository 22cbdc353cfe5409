package org.sms1069.gateway.slots;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.link.CarrierLink;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one link on this gateway instance with the connection slots it holds in {@link LinkSlots}: every third of
 * the lease it renews them (taking free ones up to its fair share), opens the connections of new slots, closes
 * those beyond its share and releases their slots once they are logged out. While it holds at least one slot the
 * link's consumer of {@code sms.out.<link>} runs; with none it is closed, so the link's partitions go to the
 * instances that can submit, instead of stalling here. If Redis cannot be reached for two thirds of a lease, the
 * instance closes its connections before the lease runs out (another instance may then take the slots).
 */
public final class SlotKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlotKeeper.class);

    private final CarrierLink link;
    private final LinkSlots slots;
    private final String owner;
    private final Duration drain;
    private final Supplier<AutoCloseable> whileServing;
    private final MeterRegistry meters;
    private final String linkId;
    private final ScheduledExecutorService timer;
    /** Slots whose connections run here (they may be logged in or not yet). */
    private Set<Integer> running = Set.of();
    /** Slots whose connections are closing (beyond the share: released once closed; fenced: kept out until closed). */
    private final Set<Integer> closing = new TreeSet<>();
    private AutoCloseable consumer;
    private long fenceAtNanos;
    private volatile boolean stopping;

    /**
     * @param owner        this instance's name in Redis, unique per process start
     * @param drain        how long a closing connection waits for its answers in flight
     * @param whileServing starts the link's consumer; the keeper closes it when the instance holds no slot
     */
    public SlotKeeper(CarrierLink link, LinkSlots slots, String owner, Duration drain, Supplier<AutoCloseable> whileServing,
                      MeterRegistry meters) {
        this.link = link;
        this.slots = slots;
        this.owner = owner;
        this.drain = drain;
        this.whileServing = whileServing;
        this.meters = meters;
        this.linkId = link.settings().id();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "link-slots-" + linkId));
        Gauge.builder("sms_link_slots_held", link, CarrierLink::retainedSlots).tag("link", linkId).register(meters);
    }

    /**
     * Starts the link without connections (an SGIP link's server listens for the carrier's reports whatever this
     * instance holds), takes the first slots at once, then keeps balancing at a third of the lease.
     */
    public SlotKeeper start() {
        link.retain(Set.of(), drain);
        long period = Math.max(1, slots.lease().toMillis() / 3);
        fenceAtNanos = System.nanoTime();
        timer.scheduleWithFixedDelay(this::balanceOrLog, 0, period, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A failure must not end the schedule (an executor drops a periodic task that throws): the next round tries again. */
    private void balanceOrLog() {
        try {
            balance();
        } catch (RuntimeException e) {
            log.error("link {}: balancing its slots failed; tried again in a third of the lease", linkId, e);
        }
    }

    private synchronized void balance() {
        long sent = System.nanoTime();
        LinkSlots.Holding holding;
        try {
            holding = await(slots.balance(linkId, owner, link.settings().connections(), !stopping));
        } catch (Exception e) {
            if (!stopping && !running.isEmpty() && System.nanoTime() - fenceAtNanos >= 0) {
                meters.counter("sms_link_slots_fenced_total", "link", linkId).increment();
                log.warn("link {}: slots not renewed for two thirds of their lease ({}); closing its connections", linkId,
                        e.toString());
                // not opened again (should Redis answer soon) before the old connections are closed
                Set<Integer> fenced = running;
                closing.addAll(fenced);
                apply(Set.of(), slots.lease().dividedBy(3)).whenComplete((ok, error) -> {
                    synchronized (this) {
                        closing.removeAll(fenced);
                    }
                });
            }
            return;
        }
        fenceAtNanos = sent + slots.lease().multipliedBy(2).dividedBy(3).toNanos();
        if (stopping) {
            return; // close() takes the connections down; the renewal above keeps their slots meanwhile
        }
        // a slot still closing is not opened again before it is released, even if the share has grown meanwhile
        Set<Integer> keep = new TreeSet<>();
        holding.held().stream().filter(slot -> !closing.contains(slot)).sorted().limit(holding.share()).forEach(keep::add);
        Set<Integer> surplus = new TreeSet<>(holding.held());
        surplus.removeAll(keep);
        surplus.removeAll(closing);
        if (!surplus.isEmpty() || !keep.equals(running)) {
            log.info("link {}: holds slots {} of {} (share {}, {} instances){}", linkId, keep, link.settings().connections(),
                    holding.share(), holding.instances(), surplus.isEmpty() ? "" : "; gives up " + surplus);
        }
        closing.addAll(surplus);
        apply(keep, drain).thenCompose(closed -> surplus.isEmpty()
                ? CompletableFuture.<Void>completedFuture(null)
                : slots.release(linkId, owner, surplus)).whenComplete((ok, error) -> {
                    synchronized (this) {
                        closing.removeAll(surplus);
                    }
                    if (error != null) {
                        log.warn("link {}: cannot release slots {}; they free when their lease ends: {}", linkId, surplus,
                                error.toString());
                    }
                });
    }

    /** Runs exactly these slots: the consumer starts with the first, and stops when none is left. */
    private CompletionStage<Void> apply(Set<Integer> keep, Duration closeWithin) {
        boolean wasServing = !running.isEmpty();
        running = Set.copyOf(keep);
        CompletionStage<Void> closed = link.retain(running, closeWithin);
        if (!wasServing && !running.isEmpty()) {
            consumer = whileServing.get();
        } else if (wasServing && running.isEmpty()) {
            closeConsumer(consumer);
            consumer = null;
        }
        return closed;
    }

    private void closeConsumer(AutoCloseable current) {
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.warn("link {}: closing its consumer failed: {}", linkId, e.toString());
            }
        }
    }

    private <T> T await(CompletionStage<T> stage) throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(Math.max(1, slots.lease().toMillis() / 3), TimeUnit.MILLISECONDS);
    }

    /**
     * The consumer stops taking records, the connections drain and log out, then the slots go back, so that the
     * other instances take them at once; renewals go on meanwhile, so no slot lapses while its connection is open.
     */
    @Override
    public void close() {
        AutoCloseable current;
        synchronized (this) {
            stopping = true;
            current = consumer;
            consumer = null;
        }
        closeConsumer(current);
        link.retain(Set.of(), drain).toCompletableFuture().join();
        timer.shutdownNow();
        try {
            timer.awaitTermination(slots.lease().toMillis(), TimeUnit.MILLISECONDS);
            await(slots.leave(linkId, owner, link.settings().connections()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("link {}: cannot give its slots back; they free when their lease ends: {}", linkId, e.toString());
        }
    }
}
