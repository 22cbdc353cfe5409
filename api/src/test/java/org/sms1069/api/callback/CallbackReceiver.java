package org.sms1069.api.callback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An app's callback endpoint on a free local port: answers 500 to the first {@code failFirst}
 * requests and 200 afterwards, and can hold requests unanswered to play a slow app.
 */
public final class CallbackReceiver implements AutoCloseable {
    /** One request as it arrived, with the status it was answered with. */
    public record Received(String timestamp, String signature, String contentType, String body, int answered) {
        /** Verifies the signature exactly as the README tells apps to. */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
                return expected.equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile CountDownLatch hold;

    private CallbackReceiver(int failFirst, InetAddress address) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/callbacks", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static CallbackReceiver start(int failFirst) {
        return start(failFirst, InetAddress.getLoopbackAddress());
    }

    /** A receiver on {@code address} (any of 127.0.0.0/8 is a loopback address on Linux). */
    public static CallbackReceiver start(int failFirst, InetAddress address) {
        try {
            return new CallbackReceiver(failFirst, address);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort() + "/callbacks";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> accepted() {
        return received.stream().filter(r -> r.answered() == 200).toList();
    }

    /** Requests from now on wait unanswered until {@link #release()}. */
    public void hold() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hold;
        hold = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            CountDownLatch latch = hold;
            if (latch != null) {
                latch.await(15, TimeUnit.SECONDS);
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Sms-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Sms-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
