import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offers a fixed load to POST /v1/messages (open model: requests start on schedule whether or not
 * earlier ones have answered) and reports accepted messages per second and latency percentiles.
 * Single-file program, no dependencies: java deploy/load/SendLoad.java URL KEY_ID SECRET RATE SECONDS
 * Options: -Dsms.load.prefixes=139,186,189 spreads the phones over these prefixes (carriers) in turn (default
 * 139); -Dsms.load.ids=FILE writes the messageId of every accepted message to FILE, one a line.
 */
public class SendLoad {
    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"([0-9A-Za-z]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java SendLoad.java API_URL KEY_ID KEY_SECRET RATE_PER_SECOND SECONDS");
            System.exit(2);
        }
        String url = args[0];
        String keyId = args[1];
        String secret = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        if (rate < 1 || rate > 20_000 || seconds < 1 || seconds > 600) {
            throw new IllegalArgumentException("rate 1-20000/s and 1-600 s: the load stays bounded");
        }
        String[] prefixes = System.getProperty("sms.load.prefixes", "139").split(",");
        String idsFile = System.getProperty("sms.load.ids");
        ConcurrentLinkedQueue<String> acceptedIds = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * seconds;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(total));
        ConcurrentHashMap<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String phone = prefixes[i % prefixes.length] + String.format("%08d", (System.nanoTime() / 7 + i) % 100_000_000);
            String body = "{\"phones\":[\"" + phone + "\"],\"text\":\"【示例科技】您的订单" + i
                    + "已发货，请注意查收。\",\"type\":\"NOTIFICATION\"}";
            HttpRequest request = signed(url, keyId, secret, body);
            long sent = System.nanoTime();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                latencies.add(System.nanoTime() - sent);
                statuses.computeIfAbsent(error != null ? -1 : response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                if (error == null && response.statusCode() == 202) {
                    Matcher id = MESSAGE_ID.matcher(response.body());
                    while (id.find()) {
                        acceptedIds.add(id.group(1));
                    }
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (idsFile != null) {
            Files.write(Path.of(idsFile), acceptedIds);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();
        System.out.printf("offered %d/s for %d s: %d requests in %.1f s%n", rate, seconds, total, elapsed);
        System.out.printf("status counts %s (-1 = no answer)%n", statuses);
        System.out.printf("accepted %.0f messages/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                accepted / elapsed, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0));
    }

    private static double ms(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1e6;
    }

    private static HttpRequest signed(String url, String keyId, String secret, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        // signing scheme version 2 (docs/api.md), no Idempotency-Key
        String canonical = "SMS-HMAC-SHA256-2\nPOST\n/v1/messages\n\n" + timestamp + "\n" + nonce + "\n\n" + hash;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(url + "/v1/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Sms-Key-Id", keyId).header("X-Sms-Timestamp", timestamp)
                .header("X-Sms-Nonce", nonce).header("X-Sms-Signature", signature).header("X-Sms-Signature-Version", "2")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
    }
}
