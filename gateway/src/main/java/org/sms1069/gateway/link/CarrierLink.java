package org.sms1069.gateway.link;

import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One configured link to a carrier, whatever its protocol: it keeps its connections up, submits parts
 * and hands receipts and MO to its {@link InboundSink}.
 */
public interface CarrierLink extends AutoCloseable {

    LinkSettings settings();

    /**
     * Starts connecting every connection in the background; failures are retried with back-off, never thrown. A
     * gateway that shares the link with other instances uses {@link #retain} instead.
     */
    void start();

    /**
     * Runs the connections of these slots ({@code 0 .. connections-1}) and no others: those missing start connecting,
     * the others stop taking work and log out after their answers in flight (at most {@code drain}). The stage
     * completes when the closed ones are closed: only then may another gateway instance open their slots.
     */
    CompletionStage<Void> retain(Set<Integer> slots, Duration drain);

    /** Connection slots this link runs ({@link #retain}), logged in or not: 0 while another instance serves it. */
    int retainedSlots();

    /** Submits one part to all its recipients; the stage never fails, failures are a {@link SubmitResult}. */
    CompletionStage<SubmitResult> submit(OutboundSubmit part);

    /** Connections currently logged in. */
    int connectedConnections();

    /** Submits waiting for the carrier's answer. */
    int inFlight();

    /** Every slot of the link: {@code 0 .. connections-1}. */
    static Set<Integer> allSlots(LinkSettings settings) {
        return IntStream.range(0, settings.connections()).boxed().collect(Collectors.toUnmodifiableSet());
    }

    /** Stops taking work, waits for answers in flight, then logs out. */
    @Override
    void close();
}
