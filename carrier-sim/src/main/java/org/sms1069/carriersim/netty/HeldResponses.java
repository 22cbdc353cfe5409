package org.sms1069.carriersim.netty;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds submit answers back while a test has stalled the simulator, and lets them go when it resumes.
 * Non-blocking: a held answer is a task, so no event loop ever waits.
 */
public final class HeldResponses {
    private final List<Runnable> held = new ArrayList<>();
    private boolean stalled;

    /** Runs {@code answer} now, or later when the simulator is resumed. */
    public void runOrHold(Runnable answer) {
        synchronized (this) {
            if (stalled) {
                held.add(answer);
                return;
            }
        }
        answer.run();
    }

    public void stall(boolean stall) {
        List<Runnable> release;
        synchronized (this) {
            stalled = stall;
            if (stall) {
                return;
            }
            release = new ArrayList<>(held);
            held.clear();
        }
        release.forEach(Runnable::run);
    }

    public synchronized int held() {
        return held.size();
    }
}
