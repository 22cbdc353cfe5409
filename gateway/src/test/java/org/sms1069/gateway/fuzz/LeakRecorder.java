package org.sms1069.gateway.fuzz;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector, made to record leaks instead of logging them, so that a fuzz property can fail on one.
 * Netty uses it when the JVM starts with {@code -Dio.netty.customResourceLeakDetector=} this class (the fuzz
 * execution of the gateway's surefire configuration sets it, with {@code -Dio.netty.leakDetection.level=PARANOID}).
 * <p>
 * A leak is noticed when the garbage collector has collected a buffer that was never released and Netty next tracks
 * a buffer; {@link #assertNoLeaks()} forces both.
 */
public final class LeakRecorder<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    public LeakRecorder(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    public LeakRecorder(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(resourceType + " leaked:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(resourceType + " leaked (no records)");
    }

    /** Fails unless Netty tracks every buffer with this recorder: without it a leak would go unnoticed. */
    public static void assertInstalled() {
        ResourceLeakDetector<ByteBuf> detector = ResourceLeakDetectorFactory.instance().newResourceLeakDetector(ByteBuf.class);
        if (!(detector instanceof LeakRecorder) || ResourceLeakDetector.getLevel() != Level.PARANOID) {
            throw new IllegalStateException("run the fuzz tests with -Dio.netty.customResourceLeakDetector="
                    + LeakRecorder.class.getName() + " -Dio.netty.leakDetection.level=PARANOID (the gateway pom's fuzz "
                    + "execution does): found " + detector.getClass().getName() + " at " + ResourceLeakDetector.getLevel());
        }
    }

    /** Collects garbage, lets Netty look at what was collected, and fails with every leak recorded so far. */
    public static void assertNoLeaks() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            pause(); // the collector queues the dead trackers on its own thread
            ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1); // tracking a buffer makes Netty report collected leaks
            probe.release();
        }
        List<String> leaks = new ArrayList<>(LEAKS);
        LEAKS.clear();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s):\n" + String.join("\n", leaks));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
