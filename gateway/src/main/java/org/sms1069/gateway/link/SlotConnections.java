package org.sms1069.gateway.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * The connections a link runs, one per slot it holds ({@code 0 .. connections-1}): what {@link CarrierLink#retain}
 * does for every protocol. A connection is never restarted; a slot held again gets a fresh one. Closing drains the
 * connection's window and may block, so it runs on a thread of its own, and the stage tells when it is over.
 *
 * @param <C> the protocol's connection
 */
public final class SlotConnections<C> {

    /** Opens (and starts connecting) the connection of one slot. */
    @FunctionalInterface
    public interface Opener<C> extends IntFunction<C> {
    }

    /** Closes one connection, waiting for its answers in flight at most until {@code deadlineNanos} ({@link System#nanoTime()}). */
    @FunctionalInterface
    public interface Closer<C> {
        void close(C connection, long deadlineNanos);
    }

    private final String linkId;
    private final Opener<C> opener;
    private final Closer<C> closer;
    private final Map<Integer, C> bySlot = new TreeMap<>();
    private volatile List<C> live = List.of();

    public SlotConnections(String linkId, Opener<C> opener, Closer<C> closer) {
        this.linkId = linkId;
        this.opener = opener;
        this.closer = closer;
    }

    /** The running connections, in slot order (a snapshot: safe to iterate while slots change). */
    public List<C> live() {
        return live;
    }

    public int slots() {
        return live.size();
    }

    /**
     * Opens the connections of the slots not running yet and closes those of the slots not in {@code slots}; the
     * stage completes once the closed ones are logged out.
     */
    public synchronized CompletionStage<Void> retain(Set<Integer> slots, Duration drain) {
        List<C> dropped = new ArrayList<>();
        bySlot.entrySet().removeIf(entry -> {
            if (slots.contains(entry.getKey())) {
                return false;
            }
            dropped.add(entry.getValue());
            return true;
        });
        slots.stream().sorted().filter(slot -> !bySlot.containsKey(slot)).forEach(slot -> bySlot.put(slot, opener.apply(slot)));
        live = List.copyOf(bySlot.values());
        if (dropped.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long deadline = System.nanoTime() + drain.toNanos();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread closing = new Thread(() -> {
            try {
                dropped.forEach(connection -> closer.close(connection, deadline));
                closed.complete(null);
            } catch (RuntimeException e) {
                closed.completeExceptionally(e);
            }
        }, "link-close-" + linkId);
        closing.setDaemon(true);
        closing.start();
        return closed;
    }

    /** Closes every connection and waits for it: the link's shutdown. */
    public void closeAll(Duration drain) {
        retain(Set.of(), drain).toCompletableFuture().join();
    }
}
