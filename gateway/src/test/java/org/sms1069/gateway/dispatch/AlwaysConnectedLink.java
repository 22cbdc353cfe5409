package org.sms1069.gateway.dispatch;

import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A stand-in carrier link with one connection that is always logged in: a test gives it only its answers. */
abstract class AlwaysConnectedLink implements CarrierLink {
    private final LinkSettings settings;

    AlwaysConnectedLink(LinkSettings settings) {
        this.settings = settings;
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
    }

    @Override
    public CompletionStage<Void> retain(Set<Integer> slots, Duration drain) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public int retainedSlots() {
        return 1;
    }

    @Override
    public int connectedConnections() {
        return 1;
    }

    @Override
    public int inFlight() {
        return 0;
    }

    @Override
    public void close() {
    }
}
