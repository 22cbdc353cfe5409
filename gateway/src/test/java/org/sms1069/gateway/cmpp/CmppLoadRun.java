package org.sms1069.gateway.cmpp;

import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Protocol;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load run of one CMPP 3.0 connection against the simulator over loopback TCP: N single-part
 * submits through the gateway's real link (window, pacing, codec) and the receipts coming back.
 * Not a test (nothing is asserted on speed); run it with
 * {@code mvn -B -q -pl gateway test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.sms1069.gateway.cmpp.CmppLoadRun -Dexec.args="20000 32"}.
 */
public final class CmppLoadRun {
    private CmppLoadRun() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        if (messages < 1 || messages > 1_000_000) {
            throw new IllegalArgumentException("1 to 1,000,000 messages: the run stays bounded");
        }
        try (CmppSimulator sim = CmppSimulator.start(CmppSimulatorConfig.defaults()
                     .withLimits(0, Math.max(window, 64)).withReceipts(Duration.ZERO, Map.of("DELIVRD", 1), 1L));
             LinkHarness harness = new LinkHarness(LinkHarness.fastSession())) {
            CarrierLink link = harness.start(LinkHarness.settings(Protocol.CMPP30, sim.port(), sim.config().account(),
                    sim.config().password(), 1, window, 1_000_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (link.connectedConnections() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int warmUp = run(link, harness, Math.min(2_000, messages), window);
            awaitReceipts(harness, warmUp);
            harness.receipts.clear();
            long start = System.nanoTime();
            int accepted = run(link, harness, messages, window);
            double submitSeconds = (System.nanoTime() - start) / 1e9;
            awaitReceipts(harness, accepted);
            double allSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("CMPP 3.0, 1 connection, window %d: %d submits accepted in %.2f s = %.0f submits/s%n",
                    window, accepted, submitSeconds, accepted / submitSeconds);
            System.out.printf("with receipts: %d receipts back after %.2f s = %.0f messages/s end to end%n",
                    harness.receipts.size(), allSeconds, harness.receipts.size() / allSeconds);
            link.close();
        }
    }

    private static void awaitReceipts(LinkHarness harness, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (harness.receipts.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** Keeps at most 4 windows of submits outstanding, so the link's own window is always full. */
    private static int run(CarrierLink link, LinkHarness harness, int messages, int window) throws InterruptedException {
        Semaphore outstanding = new Semaphore(window * 4);
        AtomicInteger accepted = new AtomicInteger();
        CompletableFuture<?>[] all = new CompletableFuture[messages];
        for (int i = 0; i < messages; i++) {
            outstanding.acquire();
            String phone = "138" + String.format("%08d", i);
            all[i] = link.submit(LinkHarness.part("load-" + System.nanoTime() + "-" + i, "【示例科技】您的验证码是" + (100000 + i % 900000),
                            1, 1, phone)).toCompletableFuture()
                    .whenComplete((result, error) -> {
                        outstanding.release();
                        if (result instanceof SubmitResult.Accepted) {
                            accepted.incrementAndGet();
                        }
                    });
        }
        CompletableFuture.allOf(all).join();
        return accepted.get();
    }
}
