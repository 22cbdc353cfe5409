package org.sms1069.carriersim.smpp;

import java.util.function.BooleanSupplier;

/** Holds submit_sm answers back while a test has stalled the simulator. */
final class ResponseGate {
    private static final long RECHECK_MILLIS = 100;

    private boolean stalled;
    private boolean closed;

    synchronized void stall(boolean stall) {
        this.stalled = stall;
        notifyAll();
    }

    synchronized boolean stalled() {
        return stalled;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Waits until responses flow again.
     *
     * @param waiterAlive rechecked periodically, so a waiter whose connection died stops waiting
     * @return false when the waiter should give up: simulator closed or waiter gone
     */
    synchronized boolean awaitOpen(BooleanSupplier waiterAlive) throws InterruptedException {
        while (stalled && !closed) {
            if (!waiterAlive.getAsBoolean()) {
                return false;
            }
            wait(RECHECK_MILLIS);
        }
        return !closed;
    }
}
