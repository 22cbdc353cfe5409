package org.sms1069.gateway.link;

import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;

import java.util.concurrent.CompletionStage;

/**
 * One configured link to a carrier, whatever its protocol: it keeps its connections up, submits parts
 * and hands receipts and MO to its {@link InboundSink}.
 */
public interface CarrierLink extends AutoCloseable {

    LinkSettings settings();

    /** Starts connecting in the background; failures are retried with back-off, never thrown. */
    void start();

    /** Submits one part to all its recipients; the stage never fails, failures are a {@link SubmitResult}. */
    CompletionStage<SubmitResult> submit(OutboundSubmit part);

    /** Connections currently logged in. */
    int connectedConnections();

    /** Submits waiting for the carrier's answer. */
    int inFlight();

    /** Stops taking work, waits for answers in flight, then logs out. */
    @Override
    void close();
}
