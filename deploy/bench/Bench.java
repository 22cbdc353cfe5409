import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load tool for the throughput benchmark (deploy/bench/README.md). JDK only, run as a single-file program:
 *
 * <pre>
 * java deploy/bench/Bench.java platform --run-dir DIR (--messages N | --rate R --seconds D) [options]
 * java deploy/bench/Bench.java kannel --sendsms URL --sink-port PORT --messages N [options]
 * </pre>
 *
 * platform: signed POST /v1/messages as an app sends them (credentials from DIR/demo-app.env, the admin key from
 * DIR/secrets.env, ports from DIR/ports.env), delivered messages read from the status store (PostgreSQL table
 * messages), CPU per process from /proc, PostgreSQL and Redis counters before and after.
 * kannel: GET sendsms with a DLR URL pointing at a sink in this JVM, delivered = DLR callbacks of type 1.
 *
 * Options: --connections C (keep-alive connections, default 32), --phones P (phones per request, default 1),
 * --warmup N (messages sent and drained first, not measured), --carriers CMCC,CUCC,CTCC,INTL (phones from these
 * carriers' number segments in turn), --type NOTIFICATION, --stall S (stop waiting for deliveries after S seconds
 * without progress, default 30), --settle S (quiet seconds before each snapshot of PostgreSQL statistics, default
 * 11: backends flush them when idle), --procs name=PID|PIDFILE,... (more processes to measure), --label TEXT.
 * Prints a Markdown summary and a last line "RESULT key=value ...".
 */
public final class Bench {
    private static final double CLOCK_TICKS = 100.0;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("platform", "kannel").contains(args[0])) {
            System.err.println("usage: java Bench.java platform|kannel [--option value ...]  (see the header of Bench.java)");
            System.exit(2);
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        if (args[0].equals("platform")) {
            new PlatformBench(options).run();
        } else {
            new KannelBench(options).run();
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ options and shape

    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option, got " + args[i]);
                }
                String name = args[i].substring(2);
                boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
                values.put(name, flag ? "true" : args[++i]);
            }
            return new Options(values);
        }

        String text(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        String required(String name) {
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value;
        }

        int number(String name, int fallback, int min, int max) {
            int value = Integer.parseInt(text(name, String.valueOf(fallback)));
            if (value < min || value > max) {
                throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + " (runs stay bounded)");
            }
            return value;
        }
    }

    /** Closed loop (messages > 0: each connection sends its next request when the last is answered) or open loop. */
    record Shape(int messages, int rate, int seconds, int connections, int phonesPerRequest) {
        static Shape of(Options o) {
            int rate = o.number("rate", 0, 0, 20_000);
            int seconds = o.number("seconds", rate > 0 ? 30 : 0, 0, 600);
            int messages = o.number("messages", rate > 0 ? 0 : 2_000, 0, 10_000_000);
            if ((rate > 0) == (messages > 0) || (rate > 0 && seconds < 1)) {
                throw new IllegalArgumentException("give either --messages N (closed loop) or --rate R --seconds D (open loop)");
            }
            return new Shape(messages, rate, seconds, o.number("connections", 32, 1, 2_000), o.number("phones", 1, 1, 1_000));
        }

        boolean open() {
            return rate > 0;
        }

        int requests() {
            return open() ? rate * seconds : (messages + phonesPerRequest - 1) / phonesPerRequest;
        }

        int phonesOf(int request) {
            return open() ? phonesPerRequest : Math.min(phonesPerRequest, messages - request * phonesPerRequest);
        }

        Shape warmup(int warmupMessages) {
            return new Shape(warmupMessages, 0, 0, connections, phonesPerRequest);
        }

        String describe() {
            String load = open() ? String.format("open loop, %,d requests/s for %d s", rate, seconds)
                    : String.format("closed loop, %,d messages", messages);
            return String.format("%s, %d connections, %d phone%s per request", load, connections, phonesPerRequest,
                    phonesPerRequest == 1 ? "" : "s");
        }
    }

    /** Phones of the given carriers' number segments in turn, from a random serial on, distinct within a run. */
    static final class PhonePlan {
        private static final Map<String, String> PREFIXES = Map.of(
                "CMCC", "139", "CUCC", "186", "CTCC", "189", "CBN", "192", "INTL", "+4479");
        private final String[] prefixes;
        private final long base = ThreadLocalRandom.current().nextLong(100_000_000L);

        PhonePlan(String carriers) {
            prefixes = Arrays.stream(carriers.split(",")).map(String::trim).map(c -> {
                String prefix = PREFIXES.get(c);
                if (prefix == null) {
                    throw new IllegalArgumentException("unknown carrier " + c + " (known: " + PREFIXES.keySet() + ")");
                }
                return prefix;
            }).toArray(String[]::new);
        }

        String phone(long n) {
            return prefixes[(int) (n % prefixes.length)] + String.format("%08d", (base + n / prefixes.length) % 100_000_000L);
        }
    }

    // ------------------------------------------------------------------ HTTP/1.1 over plain sockets

    record Response(int status, String body) {
    }

    /** One keep-alive HTTP/1.1 connection; requests are complete byte arrays. Reconnects when the server closed it. */
    static final class HttpConnection implements Closeable {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        HttpConnection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Response exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                in = new BufferedInputStream(socket.getInputStream(), 16_384);
                out = socket.getOutputStream();
            }
            try {
                out.write(request);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private Response read() throws IOException {
            String statusLine = line();
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            long length = -1;
            boolean chunked = false;
            boolean closing = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.contains("chunked");
                    case "connection" -> closing = value.contains("close");
                    default -> { }
                }
            }
            byte[] body;
            if (chunked) {
                body = chunkedBody();
            } else if (length >= 0) {
                body = in.readNBytes((int) length);
            } else if (status == 204 || status == 304) {
                body = new byte[0];
            } else {
                body = in.readAllBytes();
                closing = true;
            }
            if (closing) {
                close();
            }
            return new Response(status, new String(body, StandardCharsets.UTF_8));
        }

        private byte[] chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line();
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (n == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                line();
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (c == -1 && line.length() == 0) {
                throw new IOException("connection closed by the server");
            }
            return line.toString();
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    static byte[] httpRequest(String method, String target, String host, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || !method.equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    // ------------------------------------------------------------------ the load driver

    interface Target {
        byte[] request(int index, int phones);

        /** Messages the answer accepted; the rejected phones' codes are counted into {@code rejected}. */
        int accepted(Response response, Map<String, AtomicInteger> rejected);
    }

    static final class LoadResult {
        final long[] latencyNanos;
        final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> rejected = new ConcurrentHashMap<>();
        final AtomicInteger acceptedMessages = new AtomicInteger();
        final AtomicInteger lateStarts = new AtomicInteger();
        long startMillis;
        long endMillis;

        LoadResult(int requests) {
            latencyNanos = new long[requests];
        }

        double seconds() {
            return Math.max(1, endMillis - startMillis) / 1000.0;
        }

        static void count(Map<String, AtomicInteger> counts, String key) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    static final class LoadDriver {
        private static final Pattern HOST_PORT = Pattern.compile("https?://([^:/]+):(\\d+).*");
        private final String host;
        private final int port;

        LoadDriver(String url) {
            Matcher m = HOST_PORT.matcher(url);
            if (!m.matches()) {
                throw new IllegalArgumentException("URL with host and port expected: " + url);
            }
            host = m.group(1);
            port = Integer.parseInt(m.group(2));
        }

        LoadResult run(Shape shape, Target target) throws InterruptedException {
            int requests = shape.requests();
            LoadResult result = new LoadResult(requests);
            AtomicInteger next = new AtomicInteger();
            LinkedBlockingQueue<long[]> due = new LinkedBlockingQueue<>();
            List<Thread> workers = new ArrayList<>();
            result.startMillis = System.currentTimeMillis();
            long startNanos = System.nanoTime();
            for (int w = 0; w < shape.connections(); w++) {
                Thread worker = new Thread(() -> {
                    try (HttpConnection connection = new HttpConnection(host, port)) {
                        while (true) {
                            int index;
                            long scheduled;
                            if (shape.open()) {
                                long[] job = due.take();
                                if (job[0] < 0) {
                                    return;
                                }
                                index = (int) job[0];
                                scheduled = job[1];
                                if (System.nanoTime() - scheduled > 10_000_000L) {
                                    result.lateStarts.incrementAndGet();
                                }
                            } else {
                                index = next.getAndIncrement();
                                if (index >= requests) {
                                    return;
                                }
                                scheduled = System.nanoTime();
                            }
                            send(connection, target, shape, index, scheduled, result);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "load-" + w);
                worker.start();
                workers.add(worker);
            }
            if (shape.open()) {
                long interval = 1_000_000_000L / shape.rate();
                for (int i = 0; i < requests; i++) {
                    long at = startNanos + i * interval;
                    long wait = at - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    due.add(new long[] {i, at});
                }
                for (int w = 0; w < workers.size(); w++) {
                    due.add(new long[] {-1, 0});
                }
            }
            for (Thread worker : workers) {
                worker.join();
            }
            result.endMillis = System.currentTimeMillis();
            return result;
        }

        private static void send(HttpConnection connection, Target target, Shape shape, int index, long scheduled,
                LoadResult result) {
            byte[] request = target.request(index, shape.phonesOf(index));
            String answer;
            try {
                Response response = connection.exchange(request);
                answer = String.valueOf(response.status());
                result.acceptedMessages.addAndGet(target.accepted(response, result.rejected));
            } catch (IOException | RuntimeException e) {
                answer = "error " + e.getClass().getSimpleName();
            }
            result.latencyNanos[index] = System.nanoTime() - scheduled;
            LoadResult.count(result.answers, answer);
        }
    }

    // ------------------------------------------------------------------ the platform

    /** Signs requests as docs/api.md "Signing requests" describes. */
    static final class Signer {
        private final String keyId;
        private final String secret;
        private final ThreadLocal<Mac> macs = new ThreadLocal<>();

        Signer(String keyId, String secret) {
            this.keyId = keyId;
            this.secret = secret;
        }

        Map<String, String> headers(String method, String path, String query, byte[] body) {
            try {
                String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
                String nonce = UUID.randomUUID().toString().replace("-", "");
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
                // signing scheme version 2 (docs/api.md): the query is passed canonical already, no Idempotency-Key
                String canonical = "SMS-HMAC-SHA256-2\n" + method + "\n" + path + "\n" + query + "\n" + timestamp + "\n" + nonce
                        + "\n\n" + hash;
                Mac mac = macs.get();
                if (mac == null) {
                    mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    macs.set(mac);
                }
                String signature = HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                headers.put("X-Sms-Key-Id", keyId);
                headers.put("X-Sms-Timestamp", timestamp);
                headers.put("X-Sms-Nonce", nonce);
                headers.put("X-Sms-Signature", signature);
                headers.put("X-Sms-Signature-Version", "2");
                return headers;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class PlatformTarget implements Target {
        private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"");
        private static final Pattern CODE = Pattern.compile("\"code\":\"([A-Z_]+)\"");
        private final String hostHeader;
        private final Signer signer;
        private final PhonePlan phones;
        private final String type;
        private final String tag;
        private final AtomicLong serial;

        PlatformTarget(String hostHeader, Signer signer, PhonePlan phones, String type, String tag, AtomicLong serial) {
            this.hostHeader = hostHeader;
            this.signer = signer;
            this.phones = phones;
            this.type = type;
            this.tag = tag;
            this.serial = serial;
        }

        @Override
        public byte[] request(int index, int count) {
            long first = serial.getAndAdd(count);
            StringBuilder body = new StringBuilder(40 + 16 * count).append("{\"phones\":[");
            for (int p = 0; p < count; p++) {
                body.append(p == 0 ? "\"" : ",\"").append(phones.phone(first + p)).append('"');
            }
            body.append("],\"text\":\"【示例科技】您的订单").append(tag).append(index)
                    .append("已发货，请注意查收。\",\"type\":\"").append(type).append("\"}");
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            return httpRequest("POST", "/v1/messages", hostHeader, signer.headers("POST", "/v1/messages", "", bytes), bytes);
        }

        @Override
        public int accepted(Response response, Map<String, AtomicInteger> rejected) {
            int rejectedAt = response.body().indexOf("\"rejected\"");
            Matcher codes = CODE.matcher(response.body());
            if (response.status() != 202) {
                LoadResult.count(rejected, codes.find() ? codes.group(1) : "HTTP " + response.status());
                return 0;
            }
            if (rejectedAt >= 0) {
                codes.region(rejectedAt, response.body().length());
                while (codes.find()) {
                    LoadResult.count(rejected, codes.group(1));
                }
            }
            int accepted = 0;
            Matcher ids = MESSAGE_ID.matcher(response.body());
            while (ids.find()) {
                accepted++;
            }
            return accepted;
        }
    }

    static final class PlatformBench {
        private static final String FINAL = "'DELIVERED','UNDELIVERED','EXPIRED','BLOCKED','REJECTED','FAILED'";
        private static final String MARK = "/* bench-tool */ ";
        private final Options options;
        private final Shape shape;
        private final Path runDir;
        private final Properties env = new Properties();

        PlatformBench(Options options) throws IOException {
            this.options = options;
            this.shape = Shape.of(options);
            this.runDir = Path.of(options.text("run-dir", "deploy/local/run"));
            for (String file : List.of("ports.env", "secrets.env", "demo-app.env")) {
                Path path = runDir.resolve(file);
                if (Files.exists(path)) {
                    try (var reader = Files.newBufferedReader(path)) {
                        env.load(reader);
                    }
                }
            }
            if (!env.containsKey("SMS_KEY_ID")) {
                throw new IllegalArgumentException(runDir.resolve("demo-app.env") + " is missing: start the platform first");
            }
        }

        void run() throws Exception {
            String url = env.getProperty("SMS_API_URL");
            int pgPort = Integer.parseInt(options.text("pg-port", env.getProperty("SMS_PG_PORT", "5432")));
            int redisPort = Integer.parseInt(options.text("redis-port", env.getProperty("SMS_REDIS_PORT", "6379")));
            URI api = URI.create(url);
            Signer app = new Signer(env.getProperty("SMS_KEY_ID"), env.getProperty("SMS_KEY_SECRET"));
            Signer admin = new Signer(env.getProperty("SMS_ADMIN_KEY_ID"), env.getProperty("SMS_ADMIN_KEY_SECRET"));
            String hostHeader = api.getHost() + ":" + api.getPort();
            String appId = appId(url, hostHeader, app);
            raiseLimits(url, hostHeader, admin, appId);

            try (Pg pg = new Pg("127.0.0.1", pgPort, "postgres", options.text("db", "sms"));
                    Redis redis = new Redis("127.0.0.1", redisPort)) {
                Statements statements = new Statements(pg, MARK);
                List<Proc> procs = platformProcesses(pg, redis);
                LoadDriver driver = new LoadDriver(url);
                PhonePlan phones = new PhonePlan(options.text("carriers", "CMCC,CUCC,CTCC,INTL"));
                AtomicLong serial = new AtomicLong();
                String tag = Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase(Locale.ROOT) + "-";
                String type = options.text("type", "NOTIFICATION");
                int warmup = options.number("warmup", 0, 0, 1_000_000);
                int settle = options.number("settle", 11, 0, 120);
                if (warmup > 0) {
                    String start = now(pg);
                    System.err.printf("warm-up: %,d messages ...%n", warmup);
                    LoadResult w = driver.run(shape.warmup(warmup),
                            new PlatformTarget(hostHeader, app, phones, type, "W" + tag, serial));
                    drain(pg, appId, start, w.acceptedMessages.get());
                }
                System.err.printf("settling %d s (PostgreSQL flushes its statistics when idle) ...%n", settle);
                Thread.sleep(settle * 1000L);

                Map<String, KeyFamily> keysBefore = redis.census();
                Snapshot before = Snapshot.take(procs, pg, redis, statements);
                String since = now(pg);
                MemorySampler memory = new MemorySampler(redisPort);
                memory.start();
                System.err.printf("load: %s ...%n", shape.describe());
                LoadResult load = driver.run(shape, new PlatformTarget(hostHeader, app, phones, type, tag, serial));
                System.err.printf("load done in %.1f s, %,d messages accepted; waiting for their final status ...%n",
                        load.seconds(), load.acceptedMessages.get());
                long inFlight = load.acceptedMessages.get() - finalCount(pg, appId, since);
                Map<String, KeyFamily> keysAtLoadEnd = redis.census();
                drain(pg, appId, since, load.acceptedMessages.get());
                memory.stop();
                Map<String, Long> cpuAfter = Proc.sample(procs);
                Map<String, Long> redisAfter = redis.commandCalls();
                RedisMemory memoryAfter = redis.memory();
                Census census = new Census(keysBefore, keysAtLoadEnd, inFlight, redis.census());
                System.err.printf("settling %d s before reading PostgreSQL's statistics ...%n", settle);
                Thread.sleep(settle * 1000L);
                PgCounters pgAfter = statements.read();
                Snapshot after = new Snapshot(cpuAfter, pgAfter, redisAfter, memoryAfter);

                List<long[]> rows = new ArrayList<>();
                List<String> statuses = new ArrayList<>();
                for (String[] row : pg.query(MARK + "SELECT status, (extract(epoch FROM accepted_at) * 1000)::bigint,"
                        + " (extract(epoch FROM updated_at) * 1000)::bigint FROM messages WHERE app_id = '" + appId
                        + "' AND accepted_at >= '" + since + "'")) {
                    statuses.add(row[0]);
                    rows.add(new long[] {Long.parseLong(row[1]), Long.parseLong(row[2])});
                }
                Report report = new Report("platform", options.text("label", "platform"), shape, load);
                report.platform(statuses, rows, before, after, procs, statements, redis.ownCalls(before, after) + memory.calls(),
                        memory.samples(), census);
                report.print();
            }
        }

        private static String appId(String url, String host, Signer app) throws IOException {
            try (HttpConnection c = connect(url)) {
                Response r = c.exchange(httpRequest("GET", "/v1/signatures", host,
                        app.headers("GET", "/v1/signatures", "", new byte[0]), new byte[0]));
                Matcher m = Pattern.compile("\"appId\":\"([0-9A-Za-z_-]+)\"").matcher(r.body());
                if (r.status() != 200 || !m.find()) {
                    throw new IllegalStateException("could not read the demo app's id: " + r.status() + " " + r.body());
                }
                return m.group(1);
            }
        }

        /** The app's daily quota would refuse a long run; notifications to distinct phones meet no other limit. */
        private static void raiseLimits(String url, String host, Signer admin, String appId) throws Exception {
            byte[] body = "{\"dailyQuota\":2000000000}".getBytes(StandardCharsets.UTF_8);
            String path = "/admin/v1/apps/" + appId;
            try (HttpConnection c = connect(url)) {
                Response r = c.exchange(httpRequest("PATCH", path, host, admin.headers("PATCH", path, "", body), body));
                if (r.status() / 100 != 2) {
                    throw new IllegalStateException("could not raise the app's daily quota: " + r.status() + " " + r.body());
                }
            }
            Thread.sleep(2_500); // settings caches are invalidated within 2 s
        }

        private static HttpConnection connect(String url) {
            URI uri = URI.create(url);
            return new HttpConnection(uri.getHost(), uri.getPort());
        }

        private static String now(Pg pg) {
            return pg.query(MARK + "SELECT now()").get(0)[0];
        }

        private List<Proc> platformProcesses(Pg pg, Redis redis) throws IOException {
            Map<String, Proc> procs = new LinkedHashMap<>();
            for (String name : List.of("api", "router", "gateway", "carrier-sim")) {
                Proc.fromFile(name, runDir.resolve("pids/" + name + ".pid"), false).ifPresent(p -> procs.put(name, p));
            }
            Proc.fromFile("kafka", runDir.resolve("kafka/kafka.pid"), false).ifPresent(p -> procs.put("kafka", p));
            long backend = Long.parseLong(pg.query(MARK + "SELECT pg_backend_pid()").get(0)[0]);
            procs.put("postgres", new Proc("postgres", Proc.parent(backend), true));
            procs.put("redis", new Proc("redis", Long.parseLong(redis.info("server").get("process_id")), false));
            for (Proc extra : Proc.parseList(options.text("procs", ""))) {
                procs.put(extra.name(), extra);
            }
            procs.put("load tool", new Proc("load tool", ProcessHandle.current().pid(), false));
            return new ArrayList<>(procs.values());
        }

        private static long finalCount(Pg pg, String appId, String since) {
            return Long.parseLong(pg.query(MARK + "SELECT count(*) FILTER (WHERE status IN (" + FINAL + ")) FROM messages"
                    + " WHERE app_id = '" + appId + "' AND accepted_at >= '" + since + "'").get(0)[0]);
        }

        /** Waits until the run's accepted messages are final in the status store, or nothing moved for --stall seconds. */
        private void drain(Pg pg, String appId, String since, int accepted) throws InterruptedException {
            int stall = options.number("stall", 30, 1, 3_600);
            long lastChange = System.nanoTime();
            long last = -1;
            while (true) {
                long done = finalCount(pg, appId, since);
                if (done >= accepted) {
                    return;
                }
                if (done != last) {
                    last = done;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall * 1_000_000_000L) {
                    System.err.printf("warning: %,d of %,d messages final, nothing moved for %d s: giving up%n", done, accepted,
                            stall);
                    return;
                }
                Thread.sleep(1_000);
            }
        }
    }

    // ------------------------------------------------------------------ Kannel

    static final class KannelTarget implements Target {
        private final String path;
        private final String hostHeader;
        private final String credentials;
        private final String sinkUrl;
        private final PhonePlan phones;
        private final String text;
        private final int offset;

        KannelTarget(URI sendsms, String user, String password, int sinkPort, PhonePlan phones, int offset) {
            this.path = sendsms.getPath();
            this.hostHeader = sendsms.getHost() + ":" + sendsms.getPort();
            this.credentials = "username=" + enc(user) + "&password=" + enc(password);
            this.sinkUrl = "http://127.0.0.1:" + sinkPort + "/dlr?t=%d&n=";
            this.phones = phones;
            this.text = "【示例科技】您的订单已发货，请注意查收。";
            this.offset = offset;
        }

        @Override
        public byte[] request(int index, int count) {
            int n = offset + index;
            String query = credentials + "&from=10690123456&to=" + phones.phone(n).replace("+", "00") + "&charset=UTF-8&coding=2"
                    + "&dlr-mask=3&dlr-url=" + enc(sinkUrl + n) + "&text=" + enc(text.replace("订单", "订单" + n));
            return httpRequest("GET", path + "?" + query, hostHeader, Map.of(), new byte[0]);
        }

        @Override
        public int accepted(Response response, Map<String, AtomicInteger> rejected) {
            if (response.status() / 100 == 2) {
                return 1;
            }
            LoadResult.count(rejected, "HTTP " + response.status() + " " + response.body().trim());
            return 0;
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    /** Receives Kannel's DLR callbacks: the time of each message's first final report by type (1 delivered, 2 failed). */
    static final class DlrSink {
        private final HttpServer server;
        private final long[] deliveredAt;
        private final AtomicInteger delivered = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicInteger other = new AtomicInteger();

        DlrSink(int port, int capacity) throws IOException {
            deliveredAt = new long[capacity];
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/dlr", exchange -> {
                Map<String, String> query = new HashMap<>();
                String raw = exchange.getRequestURI().getRawQuery();
                for (String pair : raw == null ? new String[0] : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        query.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
                record(query.getOrDefault("t", ""), query.getOrDefault("n", "-1"));
                byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            server.start();
        }

        private void record(String type, String index) {
            int n = Integer.parseInt(index);
            if (type.equals("1") && n >= 0 && n < deliveredAt.length) {
                synchronized (deliveredAt) {
                    if (deliveredAt[n] == 0) {
                        deliveredAt[n] = System.currentTimeMillis();
                        delivered.incrementAndGet();
                    }
                }
            } else if (type.equals("2") || type.equals("16")) {
                failed.incrementAndGet();
            } else {
                other.incrementAndGet();
            }
        }

        int finals() {
            return delivered.get() + failed.get();
        }

        void stop() {
            server.stop(0);
        }
    }

    static final class KannelBench {
        private final Options options;
        private final Shape shape;

        KannelBench(Options options) {
            this.options = options;
            this.shape = Shape.of(options);
            if (shape.phonesPerRequest() != 1) {
                throw new IllegalArgumentException("sendsms sends to one phone per request here: --phones 1");
            }
        }

        void run() throws Exception {
            URI sendsms = URI.create(options.required("sendsms"));
            int warmup = options.number("warmup", 0, 0, 1_000_000);
            int settle = options.number("settle", 2, 0, 120);
            DlrSink sink = new DlrSink(options.number("sink-port", 0, 1, 65_535), warmup + shape.requests());
            List<Proc> procs = new ArrayList<>(Proc.parseList(options.text("procs", "")));
            procs.add(new Proc("load tool", ProcessHandle.current().pid(), false));
            PhonePlan phones = new PhonePlan(options.text("carriers", "CMCC,CUCC,CTCC"));
            String user = options.text("user", "bench");
            String password = options.text("password", "bench");
            LoadDriver driver = new LoadDriver(sendsms.toString());
            try {
                if (warmup > 0) {
                    System.err.printf("warm-up: %,d messages ...%n", warmup);
                    LoadResult w = driver.run(shape.warmup(warmup), new KannelTarget(sendsms, user, password,
                            sink.server.getAddress().getPort(), phones, 0));
                    waitFor(sink, w.acceptedMessages.get());
                }
                Thread.sleep(settle * 1000L);
                int before = sink.delivered.get();
                Map<String, Long> cpuBefore = Proc.sample(procs);
                System.err.printf("load: %s ...%n", shape.describe());
                LoadResult load = driver.run(shape, new KannelTarget(sendsms, user, password,
                        sink.server.getAddress().getPort(), phones, warmup));
                System.err.printf("load done in %.1f s, %,d accepted; waiting for their DLRs ...%n", load.seconds(),
                        load.acceptedMessages.get());
                waitFor(sink, warmup + load.acceptedMessages.get());
                Map<String, Long> cpuAfter = Proc.sample(procs);
                List<long[]> rows = new ArrayList<>();
                List<String> statuses = new ArrayList<>();
                for (int n = warmup; n < warmup + shape.requests(); n++) {
                    if (sink.deliveredAt[n] != 0) {
                        statuses.add("DELIVERED");
                        rows.add(new long[] {0, sink.deliveredAt[n]});
                    }
                }
                Report report = new Report("kannel", options.text("label", "Kannel"), shape, load);
                report.kannel(sink.delivered.get() - before, rows, cpuBefore, cpuAfter, procs);
                report.print();
            } finally {
                sink.stop();
            }
        }

        private void waitFor(DlrSink sink, int finals) throws InterruptedException {
            int stall = options.number("stall", 30, 1, 3_600);
            long lastChange = System.nanoTime();
            int last = -1;
            while (sink.finals() < finals) {
                int now = sink.finals();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > stall * 1_000_000_000L) {
                    System.err.printf("warning: %,d of %,d DLRs, none for %d s: giving up%n", now, finals, stall);
                    return;
                }
                Thread.sleep(100);
            }
        }
    }

    // ------------------------------------------------------------------ measurements: /proc, PostgreSQL, Redis

    /** A process measured by its CPU ticks: utime + stime, and with tree the same of all its descendants and reaped children. */
    record Proc(String name, long pid, boolean tree) {
        static Optional<Proc> fromFile(String name, Path pidFile, boolean tree) throws IOException {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(new Proc(name, Long.parseLong(Files.readString(pidFile).trim()), tree));
        }

        /** "name=PID|PIDFILE[+]" pairs separated by commas; a trailing + measures the process tree. */
        static List<Proc> parseList(String list) throws IOException {
            List<Proc> procs = new ArrayList<>();
            for (String item : list.isBlank() ? new String[0] : list.split(",")) {
                String[] kv = item.split("=", 2);
                boolean tree = kv[1].endsWith("+");
                String value = tree ? kv[1].substring(0, kv[1].length() - 1) : kv[1];
                long pid = value.chars().allMatch(Character::isDigit) ? Long.parseLong(value)
                        : Long.parseLong(Files.readString(Path.of(value)).trim());
                procs.add(new Proc(kv[0].trim(), pid, tree));
            }
            return procs;
        }

        static long parent(long pid) throws IOException {
            return Long.parseLong(stat(pid)[1]);
        }

        /** Fields of /proc/PID/stat from the state on (index 0 = state, 1 = ppid, 11 = utime ... 14 = cstime). */
        private static String[] stat(long pid) throws IOException {
            return fields(Files.readString(Path.of("/proc/" + pid + "/stat")));
        }

        /** The fields of a /proc stat line after the name in parentheses (which may hold spaces). */
        private static String[] fields(String stat) {
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        }

        static Map<String, Long> sample(List<Proc> procs) throws IOException {
            Map<Long, List<Long>> children = new HashMap<>();
            if (procs.stream().anyMatch(Proc::tree)) {
                try (var dirs = Files.list(Path.of("/proc"))) {
                    for (Path dir : dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                        try {
                            long pid = Long.parseLong(dir.getFileName().toString());
                            children.computeIfAbsent(parent(pid), k -> new ArrayList<>()).add(pid);
                        } catch (IOException | RuntimeException gone) {
                            // the process ended while we listed
                        }
                    }
                }
            }
            Map<String, Long> ticks = new LinkedHashMap<>();
            for (Proc proc : procs) {
                ticks.put(proc.name(), proc.tree() ? treeTicks(proc.pid(), children) : ticks(proc.pid(), false));
                if (!proc.tree()) {
                    threadKinds(proc, ticks);
                }
            }
            return ticks;
        }

        /** A JVM's threads by kind ("name/jit", "name/gc"), from each thread's name in /proc/PID/task/TID/stat. */
        private static void threadKinds(Proc proc, Map<String, Long> ticks) {
            try (var tasks = Files.list(Path.of("/proc/" + proc.pid() + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String kind = ThreadKind.of(comm);
                        if (kind != null) {
                            String[] f = fields(stat);
                            ticks.merge(proc.name() + "/" + kind, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while we listed
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended
            }
        }

        private static long treeTicks(long pid, Map<Long, List<Long>> children) {
            long sum = ticks(pid, true);
            for (long child : children.getOrDefault(pid, List.of())) {
                sum += treeTicks(child, children);
            }
            return sum;
        }

        private static long ticks(long pid, boolean withReapedChildren) {
            try {
                String[] f = stat(pid);
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }
    }

    /** The JVM's own threads, told apart by name: the JIT compilers and the garbage collector. */
    static final class ThreadKind {
        static String of(String threadName) {
            if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
                return "jit";
            }
            if (threadName.equals("VM Thread") || threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
                return "gc";
            }
            return null;
        }
    }

    /** PostgreSQL over its wire protocol (trust authentication, simple queries, text results): no driver needed. */
    static final class Pg implements Closeable {
        private final Socket socket;
        private final DataInputStream in;
        private final DataOutputStream out;
        private int queries;

        Pg(String host, int port, String user, String database) throws IOException {
            socket = new Socket(host, port);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(socket.getOutputStream());
            ByteArrayOutputStream startup = new ByteArrayOutputStream();
            DataOutputStream s = new DataOutputStream(startup);
            s.writeInt(196_608);
            for (String part : List.of("user", user, "database", database, "application_name", "bench-tool")) {
                s.write(part.getBytes(StandardCharsets.UTF_8));
                s.write(0);
            }
            s.write(0);
            out.writeInt(startup.size() + 4);
            out.write(startup.toByteArray());
            out.flush();
            while (true) {
                char type = (char) in.readByte();
                byte[] payload = new byte[in.readInt() - 4];
                in.readFully(payload);
                if (type == 'R' && ByteArrayInput.int32(payload, 0) != 0) {
                    throw new IOException("PostgreSQL asks for a password: the benchmark needs trust authentication on 127.0.0.1");
                } else if (type == 'E') {
                    throw new IOException("PostgreSQL: " + error(payload));
                } else if (type == 'Z') {
                    return;
                }
            }
        }

        synchronized List<String[]> query(String sql) {
            try {
                queries++;
                byte[] text = sql.getBytes(StandardCharsets.UTF_8);
                out.writeByte('Q');
                out.writeInt(text.length + 5);
                out.write(text);
                out.writeByte(0);
                out.flush();
                List<String[]> rows = new ArrayList<>();
                String failure = null;
                while (true) {
                    char type = (char) in.readByte();
                    byte[] payload = new byte[in.readInt() - 4];
                    in.readFully(payload);
                    if (type == 'D') {
                        rows.add(row(payload));
                    } else if (type == 'E') {
                        failure = error(payload);
                    } else if (type == 'Z') {
                        if (failure != null) {
                            throw new IllegalStateException("PostgreSQL: " + failure + " in: " + sql);
                        }
                        return rows;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL connection failed", e);
            }
        }

        int queries() {
            return queries;
        }

        private static String[] row(byte[] payload) {
            int columns = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
            String[] row = new String[columns];
            int at = 2;
            for (int c = 0; c < columns; c++) {
                int length = ByteArrayInput.int32(payload, at);
                at += 4;
                if (length >= 0) {
                    row[c] = new String(payload, at, length, StandardCharsets.UTF_8);
                    at += length;
                }
            }
            return row;
        }

        private static String error(byte[] payload) {
            StringBuilder message = new StringBuilder();
            int at = 0;
            while (at < payload.length && payload[at] != 0) {
                char field = (char) payload[at++];
                int end = at;
                while (payload[end] != 0) {
                    end++;
                }
                if (field == 'M' || field == 'C') {
                    message.append(field == 'C' ? "[" : "").append(new String(payload, at, end - at, StandardCharsets.UTF_8))
                            .append(field == 'C' ? "] " : "");
                }
                at = end + 1;
            }
            return message.toString();
        }

        @Override
        public void close() throws IOException {
            out.writeByte('X');
            out.writeInt(4);
            out.flush();
            socket.close();
        }
    }

    static final class ByteArrayInput {
        private ByteArrayInput() {
        }

        static int int32(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }
    }

    record RedisMemory(long usedBytes, long keys) {
    }

    /** Keys of one family: how many, their bytes, and the least and most time to live left among them (ms; -1 none). */
    record KeyFamily(long keys, long bytes, long minTtl, long maxTtl) {
        static KeyFamily of(long bytes, long ttl) {
            return new KeyFamily(1, bytes, ttl, ttl);
        }

        KeyFamily plus(KeyFamily other) {
            return new KeyFamily(keys + other.keys, bytes + other.bytes, Math.min(minTtl, other.minTtl),
                    Math.max(maxTtl, other.maxTtl));
        }
    }

    /** The keys by family at three moments: after the warm-up, when the load ends, when every message is final. */
    record Census(Map<String, KeyFamily> before, Map<String, KeyFamily> loadEnd, long inFlightAtLoadEnd,
                  Map<String, KeyFamily> done) {
    }

    /** Redis over RESP: INFO only. Counts its own INFO calls, which Redis counts too. */
    static final class Redis implements Closeable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final AtomicInteger infoCalls = new AtomicInteger();
        /** Commands other than INFO this connection sent (the census's), by their name in INFO commandstats. */
        private final Map<String, Long> ownCalls = new ConcurrentHashMap<>();

        Redis(String host, int port) throws IOException {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        synchronized Map<String, String> info(String section) {
            try {
                infoCalls.incrementAndGet();
                out.write(("*2\r\n$4\r\nINFO\r\n$" + section.length() + "\r\n" + section + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String header = line();
                if (!header.startsWith("$")) {
                    throw new IOException("unexpected Redis answer: " + header);
                }
                byte[] body = in.readNBytes(Integer.parseInt(header.substring(1)) + 2);
                Map<String, String> values = new LinkedHashMap<>();
                for (String l : new String(body, StandardCharsets.UTF_8).split("\r\n")) {
                    int colon = l.indexOf(':');
                    if (colon > 0 && !l.startsWith("#")) {
                        values.put(l.substring(0, colon), l.substring(colon + 1));
                    }
                }
                return values;
            } catch (IOException e) {
                throw new IllegalStateException("Redis connection failed", e);
            }
        }

        /**
         * The keys by family ({@link #family}): count, bytes ({@code MEMORY USAGE key SAMPLES 0}) and the shortest and
         * longest time to live left (ms; -1 none), in pipelined batches of one {@code SCAN} page. Its commands are
         * counted as this connection's own ({@link #commandCalls}), so that the per-message counts leave them out.
         */
        synchronized Map<String, KeyFamily> census() {
            Map<String, KeyFamily> families = new TreeMap<>();
            try {
                String cursor = "0";
                do {
                    List<?> page = (List<?>) call("SCAN", cursor, "COUNT", "1000");
                    cursor = (String) page.get(0);
                    List<?> keys = (List<?>) page.get(1);
                    for (Object key : keys) {
                        send("MEMORY", "USAGE", (String) key, "SAMPLES", "0");
                        send("PTTL", (String) key);
                    }
                    out.flush();
                    for (Object key : keys) {
                        Long bytes = (Long) read();
                        long ttl = (Long) read();
                        if (bytes != null && ttl != -2) { // -2, nil: expired since the SCAN
                            families.merge(family((String) key), KeyFamily.of(bytes, ttl), KeyFamily::plus);
                        }
                    }
                } while (!cursor.equals("0"));
                return families;
            } catch (IOException e) {
                throw new IllegalStateException("Redis connection failed", e);
            }
        }

        /**
         * A key with its ids (segments with a digit or a capital, such as ids and base64url digests, or longer than 20
         * characters; a {hash tag}) replaced by *: the names of families are lower-case words.
         */
        static String family(String key) {
            StringBuilder family = new StringBuilder();
            boolean inTag = false;
            String[] segments = key.split(":", -1);
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                String part;
                if (inTag) {
                    inTag = !segment.endsWith("}");
                    continue;
                } else if (segment.startsWith("{")) {
                    inTag = !segment.endsWith("}");
                    part = "{*}";
                } else if (i >= 2 && (segment.chars().anyMatch(c -> Character.isDigit(c) || Character.isUpperCase(c))
                        || segment.length() > 20)) {
                    part = "*";
                } else {
                    part = segment;
                }
                family.append(family.length() == 0 ? "" : ":").append(part);
            }
            return family.toString();
        }

        private Object call(String... args) throws IOException {
            send(args);
            out.flush();
            return read();
        }

        private void send(String... args) throws IOException {
            ownCalls.merge(args[0].equals("MEMORY") ? "memory|usage" : args[0].toLowerCase(Locale.ROOT), 1L, Long::sum);
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
        }

        /** One RESP2 reply: Long, String, null or a List of them; an error reply throws. */
        private Object read() throws IOException {
            String line = line();
            return switch (line.charAt(0)) {
                case '+' -> line.substring(1);
                case ':' -> Long.parseLong(line.substring(1));
                case '-' -> throw new IOException("Redis: " + line.substring(1));
                case '$' -> {
                    int length = Integer.parseInt(line.substring(1));
                    if (length < 0) {
                        yield null;
                    }
                    byte[] body = in.readNBytes(length + 2);
                    yield new String(body, 0, length, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int n = Integer.parseInt(line.substring(1));
                    List<Object> items = new ArrayList<>(Math.max(n, 0));
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    yield n < 0 ? null : items;
                }
                default -> throw new IOException("unexpected Redis answer: " + line);
            };
        }

        /** calls per command, from INFO commandstats (cmdstat_set:calls=7,...). */
        Map<String, Long> commandCalls() {
            Map<String, Long> calls = new TreeMap<>();
            info("commandstats").forEach((key, value) -> {
                if (key.startsWith("cmdstat_")) {
                    Matcher m = Pattern.compile("calls=(\\d+)").matcher(value);
                    if (m.find()) {
                        calls.put(key.substring("cmdstat_".length()), Long.parseLong(m.group(1)));
                    }
                }
            });
            calls.put("#own-info", (long) infoCalls.get());
            ownCalls.forEach((command, n) -> calls.put("#own-" + command, n));
            return calls;
        }

        RedisMemory memory() {
            long used = Long.parseLong(info("memory").get("used_memory"));
            long keys = 0;
            for (String db : info("keyspace").values()) {
                Matcher m = Pattern.compile("keys=(\\d+)").matcher(db);
                if (m.find()) {
                    keys += Long.parseLong(m.group(1));
                }
            }
            return new RedisMemory(used, keys);
        }

        long ownCalls(Snapshot before, Snapshot after) {
            // INFO calls of this connection that Redis counted between the two commandstats reads: the first read
            // itself and everything up to, not including, the last
            return after.redisCalls().get("#own-info") - before.redisCalls().get("#own-info");
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Samples Redis used_memory during the run, on its own connection (its INFO calls are subtracted separately). */
    static final class MemorySampler {
        private final int port;
        private final List<long[]> samples = new ArrayList<>();
        private volatile boolean running = true;
        private Thread thread;
        private int calls;

        MemorySampler(int port) {
            this.port = port;
        }

        void start() {
            thread = new Thread(() -> {
                try (Redis redis = new Redis("127.0.0.1", port)) {
                    while (running) {
                        long used = Long.parseLong(redis.info("memory").get("used_memory"));
                        synchronized (samples) {
                            samples.add(new long[] {System.currentTimeMillis(), used});
                            calls++;
                        }
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "redis-memory");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        List<long[]> samples() {
            synchronized (samples) {
                return new ArrayList<>(samples);
            }
        }

        int calls() {
            return calls;
        }
    }

    record PgCounters(int ownQueriesAtRead, Map<String, Long> database, Map<String, Map<String, Long>> tables,
            Map<String, Long> statementCalls, Map<String, String> statementText, boolean statementsAvailable) {
    }

    /** PostgreSQL counters: pg_stat_database, pg_stat_user_tables and, if installed, pg_stat_statements. */
    static final class Statements {
        private static final List<String> TABLE_COLUMNS = List.of("seq_scan", "idx_scan", "n_tup_ins", "n_tup_upd",
                "n_tup_hot_upd", "n_tup_del");
        private final Pg pg;
        private final String mark;
        private final boolean available;

        Statements(Pg pg, String mark) {
            this.pg = pg;
            this.mark = mark;
            boolean preloaded = pg.query(mark + "SHOW shared_preload_libraries").get(0)[0].contains("pg_stat_statements");
            if (preloaded) {
                pg.query(mark + "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            available = preloaded;
        }

        boolean available() {
            return available;
        }

        PgCounters read() {
            int own = pg.queries() + 1;
            String[] db = pg.query(mark + "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,"
                    + " tup_returned, tup_fetched, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
                    + " FROM pg_stat_database WHERE datname = current_database()").get(0);
            Map<String, Long> database = new LinkedHashMap<>();
            String[] names = {"xact_commit", "xact_rollback", "tup_inserted", "tup_updated", "tup_deleted", "tup_returned",
                    "tup_fetched", "wal_bytes"};
            for (int i = 0; i < names.length; i++) {
                database.put(names[i], Long.parseLong(db[i]));
            }
            Map<String, Map<String, Long>> tables = new TreeMap<>();
            for (String[] row : pg.query(mark + "SELECT relname, " + String.join(", ", TABLE_COLUMNS.stream()
                    .map(c -> "coalesce(" + c + ", 0)").toList()) + " FROM pg_stat_user_tables")) {
                Map<String, Long> values = new LinkedHashMap<>();
                for (int i = 0; i < TABLE_COLUMNS.size(); i++) {
                    values.put(TABLE_COLUMNS.get(i), Long.parseLong(row[i + 1]));
                }
                tables.put(row[0], values);
            }
            Map<String, Long> calls = new HashMap<>();
            Map<String, String> text = new HashMap<>();
            if (available) {
                for (String[] row : pg.query(mark + "SELECT coalesce(queryid, 0)::text, sum(calls)::bigint,"
                        + " min(left(regexp_replace(query, '\\s+', ' ', 'g'), 110)) FROM pg_stat_statements"
                        + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                        + " AND query NOT LIKE '%bench-tool%' GROUP BY 1")) {
                    calls.put(row[0], Long.parseLong(row[1]));
                    text.put(row[0], row[2]);
                }
            }
            return new PgCounters(own, database, tables, calls, text, available);
        }
    }

    record Snapshot(Map<String, Long> cpu, PgCounters pg, Map<String, Long> redisCalls, RedisMemory memory) {
        static Snapshot take(List<Proc> procs, Pg pg, Redis redis, Statements statements) throws IOException {
            PgCounters counters = statements.read();
            Map<String, Long> calls = redis.commandCalls();
            RedisMemory memory = redis.memory();
            return new Snapshot(Proc.sample(procs), counters, calls, memory);
        }
    }

    // ------------------------------------------------------------------ the report

    static final class Report {
        private final String kind;
        private final String label;
        private final Shape shape;
        private final LoadResult load;
        private final List<String> lines = new ArrayList<>();
        private final Map<String, String> result = new LinkedHashMap<>();
        private final Map<String, String> row = new LinkedHashMap<>();
        private final List<Section> sections = new ArrayList<>();

        private record Section(String title, List<String> lines) {
        }

        Report(String kind, String label, Shape shape, LoadResult load) {
            this.kind = kind;
            this.label = label;
            this.shape = shape;
            this.load = load;
        }

        void platform(List<String> statuses, List<long[]> rows, Snapshot before, Snapshot after, List<Proc> procs,
                Statements statements, long ownRedisInfo, List<long[]> memorySamples, Census census) {
            Map<String, Integer> byStatus = new TreeMap<>();
            statuses.forEach(s -> byStatus.merge(s, 1, Integer::sum));
            int delivered = byStatus.getOrDefault("DELIVERED", 0);
            List<long[]> deliveredRows = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (statuses.get(i).equals("DELIVERED")) {
                    deliveredRows.add(rows.get(i));
                }
            }
            common(delivered, deliveredRows, "status store: " + byStatus);
            long[] acceptToFinal = deliveredRows.stream().mapToLong(r -> r[1] - r[0]).sorted().toArray();
            add("accept → DELIVERED p50 / p99 (accepted_at → updated_at)", String.format("%s / %s ms",
                    fmt(quantile(acceptToFinal, 0.50)), fmt(quantile(acceptToFinal, 0.99))));
            row.put("acc→DLV p50/p99 ms", fmt(quantile(acceptToFinal, 0.50)) + " / " + fmt(quantile(acceptToFinal, 0.99)));
            cpu(before.cpu(), after.cpu(), procs, delivered, "load tool");
            database(before.pg(), after.pg(), delivered, statements);
            redis(before, after, delivered, ownRedisInfo);
            memory(before.memory(), after.memory(), statuses, rows, memorySamples, delivered);
            keys(census, delivered);
        }

        void kannel(int delivered, List<long[]> deliveredRows, Map<String, Long> before, Map<String, Long> after, List<Proc> procs) {
            common(delivered, deliveredRows, "DLR callbacks of type 1 (delivered) received by the sink");
            cpu(before, after, procs, delivered, "load tool");
        }

        private void common(int delivered, List<long[]> deliveredRows, String source) {
            long[] latencies = Arrays.stream(load.latencyNanos).sorted().toArray();
            int accepted = load.acceptedMessages.get();
            long lastDelivered = deliveredRows.stream().mapToLong(r -> r[1]).max().orElse(load.startMillis);
            double deliveredPerSecond = delivered / (Math.max(1, lastDelivered - load.startMillis) / 1000.0);
            double acceptedPerSecond = accepted / load.seconds();
            add("load", shape.describe());
            add("requests (answers)", String.format("%,d %s", load.latencyNanos.length, new TreeMap<>(load.answers)));
            if (shape.open()) {
                add("requests started > 10 ms late (all connections busy)", String.format("%,d", load.lateStarts.get()));
            }
            add("messages accepted", String.format("%,d%s", accepted, load.rejected.isEmpty() ? ""
                    : " (refused phones: " + new TreeMap<>(load.rejected) + ")"));
            add("accepted/s (first request → last answer)", fmt(acceptedPerSecond));
            add("delivered", String.format("%,d (%s)", delivered, source));
            add("delivered/s (first request → last delivery)", fmt(deliveredPerSecond));
            String percentiles = String.format("%s / %s / %s / %s ms", ms(latencies, 0.50), ms(latencies, 0.99),
                    ms(latencies, 0.999), ms(latencies, 1.0));
            add("accept latency p50 / p99 / p999 / max" + (shape.open() ? " (from the scheduled start)" : ""), percentiles);
            result.put("kind", kind);
            result.put("delivered_per_s", String.format(Locale.ROOT, "%.1f", deliveredPerSecond));
            result.put("accepted_per_s", String.format(Locale.ROOT, "%.1f", acceptedPerSecond));
            result.put("delivered", String.valueOf(delivered));
            result.put("accepted", String.valueOf(accepted));
            row.put("date (UTC)", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(Instant.now()));
            row.put("what", label);
            row.put("load", shape.describe());
            row.put("accepted/s", fmt(acceptedPerSecond));
            row.put("delivered/s", fmt(deliveredPerSecond));
            row.put("accept p50/p99/p999 ms", ms(latencies, 0.50) + " / " + ms(latencies, 0.99) + " / " + ms(latencies, 0.999));
        }

        private void cpu(Map<String, Long> before, Map<String, Long> after, List<Proc> procs, int delivered, String excluded) {
            List<String> table = new ArrayList<>();
            table.add("| process | pid | CPU s | CPU ms per delivered message |");
            table.add("|---|---:|---:|---:|");
            double total = 0;
            StringBuilder parts = new StringBuilder();
            for (Proc proc : procs) {
                double seconds = (after.get(proc.name()) - before.get(proc.name())) / CLOCK_TICKS;
                double perMessage = delivered == 0 ? Double.NaN : seconds * 1000 / delivered;
                table.add(String.format("| %s%s | %d | %.2f | %.3f |", proc.name(), proc.tree() ? " (all its processes)" : "",
                        proc.pid(), seconds, perMessage));
                if (!proc.name().equals(excluded)) {
                    total += seconds;
                    parts.append(parts.length() == 0 ? "" : ", ").append(proc.name()).append(' ')
                            .append(String.format(Locale.ROOT, "%.2f", perMessage));
                }
            }
            double totalPerMessage = delivered == 0 ? Double.NaN : total * 1000 / delivered;
            table.add(String.format("| **total without the load tool** | | %.2f | **%.3f** |", total, totalPerMessage));
            jvmThreads(before, after, procs, delivered, excluded);
            add("CPU ms per delivered message, all measured processes (load tool excluded)",
                    String.format(Locale.ROOT, "%.3f (%s)", totalPerMessage, parts));
            result.put("cpu_ms_per_msg", String.format(Locale.ROOT, "%.3f", totalPerMessage));
            row.put("CPU ms/msg", String.format(Locale.ROOT, "%.2f (%s)", totalPerMessage, parts));
            sections.add(new Section("CPU per process (/proc/PID/stat utime+stime; \"all its processes\": with its descendants"
                    + " and reaped children, e.g. PostgreSQL's backends)", table));
        }

        /** Of each JVM's CPU, what its JIT compilers and its GC (with the VM thread, where safepoints run) took. */
        private void jvmThreads(Map<String, Long> before, Map<String, Long> after, List<Proc> procs, int delivered, String excluded) {
            List<String> table = new ArrayList<>();
            table.add("| process | JIT ms per message | GC + VM thread ms per message | the rest ms per message |");
            table.add("|---|---:|---:|---:|");
            double jitTotal = 0;
            for (Proc proc : procs) {
                String jitKey = proc.name() + "/jit";
                if (proc.name().equals(excluded) || !after.containsKey(jitKey) || delivered == 0) {
                    continue;
                }
                double jit = (after.get(jitKey) - before.getOrDefault(jitKey, 0L)) * 1000 / CLOCK_TICKS / delivered;
                double gc = (after.getOrDefault(proc.name() + "/gc", 0L) - before.getOrDefault(proc.name() + "/gc", 0L))
                        * 1000 / CLOCK_TICKS / delivered;
                double all = (after.get(proc.name()) - before.get(proc.name())) * 1000 / CLOCK_TICKS / delivered;
                jitTotal += jit;
                table.add(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |", proc.name(), jit, gc, all - jit - gc));
            }
            if (table.size() > 2) {
                result.put("jit_ms_per_msg", String.format(Locale.ROOT, "%.3f", jitTotal));
                sections.add(new Section("JVM threads (/proc/PID/task: C1/C2 CompilerThread = JIT; VM Thread and GC threads"
                        + " = GC): JIT still compiling means the run is too short for a steady state", table));
            }
        }

        private void database(PgCounters before, PgCounters after, int delivered, Statements statements) {
            long ownQueries = after.ownQueriesAtRead() - before.ownQueriesAtRead();
            long commits = after.database().get("xact_commit") - before.database().get("xact_commit") - ownQueries;
            add("PostgreSQL transactions per message (pg_stat_database xact_commit, the tool's " + ownQueries
                    + " own subtracted)", per(commits, delivered));
            add("PostgreSQL rows written per message (tup_inserted + tup_updated + tup_deleted)",
                    per(delta(before.database(), after.database(), "tup_inserted") + delta(before.database(), after.database(),
                            "tup_updated") + delta(before.database(), after.database(), "tup_deleted"), delivered));
            add("PostgreSQL WAL bytes per message (pg_current_wal_lsn, whole cluster)",
                    per(delta(before.database(), after.database(), "wal_bytes"), delivered));
            List<String> tables = new ArrayList<>();
            tables.add("| table | seq scans | index scans | inserted | updated (HOT) | deleted |");
            tables.add("|---|---:|---:|---:|---:|---:|");
            after.tables().forEach((name, values) -> {
                Map<String, Long> old = before.tables().getOrDefault(name, Map.of());
                long[] d = values.entrySet().stream().mapToLong(e -> e.getValue() - old.getOrDefault(e.getKey(), 0L)).toArray();
                if (Arrays.stream(d).anyMatch(v -> v != 0)) {
                    tables.add(String.format("| %s | %s | %s | %s | %s (%s) | %s |", name, per(d[0], delivered), per(d[1], delivered),
                            per(d[2], delivered), per(d[3], delivered), per(d[4], delivered), per(d[5], delivered)));
                }
            });
            sections.add(new Section("PostgreSQL per delivered message by table (pg_stat_user_tables deltas; the tool's own"
                    + " reads of messages included)", tables));
            result.put("pg_xact_per_msg", per(commits, delivered));
            row.put("PG xact/msg", per(commits, delivered));
            if (!statements.available()) {
                add("PostgreSQL statements per message", "pg_stat_statements not loaded (shared_preload_libraries):"
                        + " see transactions and table counters");
                row.put("PG stmts/msg", "n/a");
                return;
            }
            Map<String, Long> deltas = new HashMap<>();
            after.statementCalls().forEach((id, calls) -> {
                long d = calls - before.statementCalls().getOrDefault(id, 0L);
                if (d > 0) {
                    deltas.put(id, d);
                }
            });
            long all = deltas.values().stream().mapToLong(Long::longValue).sum();
            long work = deltas.entrySet().stream().filter(e -> !isTransactionControl(after.statementText().get(e.getKey())))
                    .mapToLong(Map.Entry::getValue).sum();
            add("PostgreSQL statements per message (pg_stat_statements calls; without BEGIN/COMMIT/ROLLBACK/SET/SHOW)",
                    per(work, delivered) + " (all: " + per(all, delivered) + ")");
            result.put("pg_statements_per_msg", per(work, delivered));
            row.put("PG stmts/msg", per(work, delivered));
            List<String> top = new ArrayList<>();
            top.add("| calls per message | statement |");
            top.add("|---:|---|");
            deltas.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(20)
                    .forEach(e -> top.add(String.format("| %s | `%s` |", per(e.getValue(), delivered),
                            after.statementText().get(e.getKey()).replace("|", "\\|"))));
            sections.add(new Section("PostgreSQL statements per delivered message (pg_stat_statements, top 20)", top));
        }

        private static boolean isTransactionControl(String text) {
            String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
            return t.startsWith("BEGIN") || t.startsWith("COMMIT") || t.startsWith("ROLLBACK") || t.startsWith("SET ")
                    || t.startsWith("SHOW ") || t.startsWith("START TRANSACTION");
        }

        private void redis(Snapshot before, Snapshot after, int delivered, long ownInfo) {
            Map<String, Long> deltas = new TreeMap<>();
            after.redisCalls().forEach((command, calls) -> {
                if (!command.startsWith("#")) {
                    long own = command.equals("info") ? ownInfo : after.redisCalls().getOrDefault("#own-" + command, 0L)
                            - before.redisCalls().getOrDefault("#own-" + command, 0L);
                    long d = calls - before.redisCalls().getOrDefault(command, 0L) - own;
                    if (d > 0) {
                        deltas.put(command, d);
                    }
                }
            });
            long total = deltas.values().stream().mapToLong(Long::longValue).sum();
            StringBuilder parts = new StringBuilder();
            deltas.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> parts.append(parts.length() == 0 ? "" : ", ").append(e.getKey().toUpperCase(Locale.ROOT))
                            .append(' ').append(per(e.getValue(), delivered)));
            add("Redis commands per message (INFO commandstats, the tool's INFO subtracted)",
                    per(total, delivered) + " (" + parts + ")");
            result.put("redis_commands_per_msg", per(total, delivered));
            row.put("Redis cmds/msg", per(total, delivered));
        }

        /**
         * Fits used_memory(t) - before = a * inFlight(t) + b * final(t) over the samples taken during the run, where the
         * counts at t come from the messages' accepted_at and updated_at: a is the memory an in-flight message holds,
         * b what a final one leaves behind.
         */
        private void memory(RedisMemory before, RedisMemory after, List<String> statuses, List<long[]> rows,
                List<long[]> samples, int delivered) {
            long[] acceptedAt = rows.stream().mapToLong(r -> r[0]).sorted().toArray();
            long[] finalAt = new long[rows.size()];
            int finals = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (!statuses.get(i).equals("ACCEPTED") && !statuses.get(i).equals("SUBMITTED")) {
                    finalAt[finals++] = rows.get(i)[1];
                }
            }
            finalAt = Arrays.copyOf(finalAt, finals);
            Arrays.sort(finalAt);
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            double sxz = 0;
            double syz = 0;
            long peakInFlight = 0;
            for (long[] sample : samples) {
                double fin = countAtOrBefore(finalAt, sample[0]);
                double inFlight = countAtOrBefore(acceptedAt, sample[0]) - fin;
                double used = sample[1] - before.usedBytes();
                peakInFlight = Math.max(peakInFlight, (long) inFlight);
                sxx += inFlight * inFlight;
                sxy += inFlight * fin;
                syy += fin * fin;
                sxz += inFlight * used;
                syz += fin * used;
            }
            double det = sxx * syy - sxy * sxy;
            String fitted = "not measurable (too few samples with messages in flight)";
            if (samples.size() >= 4 && peakInFlight >= 50 && Math.abs(det) > 1e-9) {
                double a = (sxz * syy - syz * sxy) / det;
                double b = (sxx * syz - sxy * sxz) / det;
                fitted = String.format(Locale.ROOT, "%.0f B per message in flight, %.0f B per final message (fit over %d"
                        + " samples, up to %,d in flight)", a, b, samples.size(), peakInFlight);
                result.put("redis_bytes_in_flight", String.format(Locale.ROOT, "%.0f", a));
            }
            add("Redis used_memory per message (fit of used_memory samples; keys expiring during the run, e.g. the warm-up's,"
                    + " bend it: the census of keys below is the measure)", fitted);
            long retained = after.usedBytes() - before.usedBytes();
            add("Redis memory and keys left after the run, per delivered message", String.format("%s B, %s keys (%,d B, %,d"
                    + " keys in all)", per(retained, delivered), per(after.keys() - before.keys(), delivered), retained,
                    after.keys() - before.keys()));
            result.put("redis_bytes_retained_per_msg", per(retained, delivered));
        }

        /**
         * Redis by key family at three moments. What the keys of a family lose between the end of the load and the
         * moment every message is final, per message in flight at the end of the load, is what a message holds while
         * in flight and gives back when final; a family whose keys all expire on their own within a minute loses
         * keys in those seconds too, and is left out of that sum (the table shows it). What the families gained from after the warm-up to
         * the end, per delivered message, is what a message leaves behind (until its keys expire).
         */
        private static final long SHORT_TTL_MS = 60_000;

        private void keys(Census census, int delivered) {
            List<String> table = new ArrayList<>();
            table.add(String.format("| family | after the warm-up: keys / bytes | load end (%,d in flight): keys / bytes"
                    + " | all final: keys / bytes | TTL left when final (s) | freed per in-flight message (B) | left per"
                    + " delivered message (B) |", census.inFlightAtLoadEnd()));
            table.add("|---|---:|---:|---:|---|---:|---:|");
            SortedSet<String> names = new TreeSet<>(census.before().keySet());
            names.addAll(census.loadEnd().keySet());
            names.addAll(census.done().keySet());
            KeyFamily none = new KeyFamily(0, 0, -1, -1);
            long freed = 0;
            long left = 0;
            for (String name : names) {
                KeyFamily before = census.before().getOrDefault(name, none);
                KeyFamily end = census.loadEnd().getOrDefault(name, none);
                KeyFamily done = census.done().getOrDefault(name, none);
                long freedHere = end.bytes() - done.bytes();
                boolean expiring = end.maxTtl() >= 0 && end.maxTtl() <= SHORT_TTL_MS;
                if (!expiring) {
                    freed += Math.max(0, freedHere);
                }
                left += done.bytes() - before.bytes();
                table.add(String.format("| `%s` | %,d / %,d | %,d / %,d | %,d / %,d | %s | %s%s | %s |", name, before.keys(),
                        before.bytes(), end.keys(), end.bytes(), done.keys(), done.bytes(), ttl(done),
                        census.inFlightAtLoadEnd() > 0 ? per(freedHere, (int) census.inFlightAtLoadEnd()) : "n/a",
                        expiring ? " (expiring, not counted)" : "",
                        per(done.bytes() - before.bytes(), delivered)));
            }
            sections.add(new Section("Redis keys by family (SCAN, MEMORY USAGE ... SAMPLES 0 and PTTL of every key;"
                    + " the census's own commands are left out of the counts above)", table));
            String inFlight = census.inFlightAtLoadEnd() >= 50 ? per(freed, (int) census.inFlightAtLoadEnd()) : "n/a";
            add("Redis bytes freed per message between the end of the load and all final (families that shrank, but"
                    + " not those whose keys all expire within 60 s on their own, per message in flight at the load's"
                    + " end; see the table by family)", String.format("%s B (%,d B, %,d"
                    + " in flight)", inFlight, freed, census.inFlightAtLoadEnd()));
            add("Redis bytes left per delivered message by the keys' census", per(left, delivered) + " B");
            result.put("redis_bytes_freed_per_in_flight_msg", inFlight);
            row.put("Redis B/msg in flight", inFlight);
        }

        private static String ttl(KeyFamily family) {
            if (family.keys() == 0) {
                return "";
            }
            if (family.maxTtl() < 0) {
                return "none";
            }
            String min = family.minTtl() < 0 ? "none" : String.format(Locale.ROOT, "%.0f", family.minTtl() / 1000.0);
            return min + " – " + String.format(Locale.ROOT, "%.0f", family.maxTtl() / 1000.0);
        }

        private static int countAtOrBefore(long[] sorted, long t) {
            int i = Arrays.binarySearch(sorted, t);
            if (i < 0) {
                return -i - 1;
            }
            while (i + 1 < sorted.length && sorted[i + 1] == t) {
                i++;
            }
            return i + 1;
        }

        private void add(String name, String value) {
            lines.add("| " + name + " | " + value + " |");
        }

        void print() {
            System.out.println();
            System.out.println("## " + label + ": " + shape.describe());
            System.out.println();
            System.out.println("| metric | value |");
            System.out.println("|---|---|");
            lines.forEach(System.out::println);
            for (Section section : sections) {
                System.out.println();
                System.out.println("### " + section.title());
                System.out.println();
                section.lines().forEach(System.out::println);
            }
            System.out.println();
            System.out.println("### One row (for docs/benchmarks.md)");
            System.out.println();
            System.out.println("| " + String.join(" | ", row.keySet()) + " |");
            System.out.println("|" + "---|".repeat(row.size()));
            System.out.println("| " + String.join(" | ", row.values()) + " |");
            System.out.println();
            StringBuilder line = new StringBuilder("RESULT");
            result.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
        }

        private static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
            return after.get(key) - before.get(key);
        }

        private static String per(long count, int messages) {
            return messages == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) count / messages);
        }

        private static String fmt(double value) {
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
        }

        private static String ms(long[] sortedNanos, double q) {
            return sortedNanos.length == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", quantile(sortedNanos, q) / 1e6);
        }

        private static double quantile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
            return sorted[index];
        }
    }
}
