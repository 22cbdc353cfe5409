package org.sms1069.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Redis server of its own for one test class (the installed {@code redis-server} on a free port),
 * so that {@code INFO commandstats} counts only what the service under test sent, not other test runs,
 * and so that a test can stop it ({@link #close()}) under a running service.
 */
public final class PrivateRedis implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String uri;

    private PrivateRedis(Process process, String uri) {
        this.process = process;
        this.uri = uri;
        this.client = RedisClient.create(uri);
        this.connection = connect(client);
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    public static PrivateRedis start() throws IOException {
        int port = TestInfra.freePort();
        Process process = new ProcessBuilder(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new PrivateRedis(process, "redis://127.0.0.1:" + port);
    }

    public String uri() {
        return uri;
    }

    /** A connection of the caller's own to this server, closed with it. */
    public StatefulRedisConnection<String, String> connect() {
        return client.connect();
    }

    /** Calls per command since start or the last reset (commands inside scripts included, as Redis counts them). */
    public Map<String, Long> commandCalls() {
        Map<String, Long> calls = new TreeMap<>();
        for (String line : connection.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String stats = line.substring(line.indexOf(':') + 1);
                long count = Long.parseLong(stats.substring("calls=".length(), stats.indexOf(',')));
                calls.put(name, count);
            }
        }
        return calls;
    }

    /**
     * The bytes Redis holds for every key (MEMORY USAGE of each, found by SCAN), how many keys, and the bytes by the
     * keys' first two name segments ({@code sms:parts}).
     */
    public KeyMemory keyMemory() {
        long bytes = 0;
        long keys = 0;
        Map<String, Long> byPrefix = new TreeMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.limit(1000));
            for (String key : page.getKeys()) {
                Long usage = connection.sync().memoryUsage(key);
                if (usage != null) {
                    bytes += usage;
                    keys++;
                    byPrefix.merge(family(key), usage, Long::sum);
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        return new KeyMemory(bytes, keys, byPrefix);
    }

    /** A key's first two name segments ({@code sms:parts}): its family. */
    public static String family(String key) {
        int first = key.indexOf(':');
        int second = first < 0 ? -1 : key.indexOf(':', first + 1);
        return second < 0 ? key : key.substring(0, second);
    }

    /** The fields of the hashes whose names match {@code pattern}, leaving out those starting with '~' (marks). */
    public long hashFields(String pattern) {
        long fields = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
            for (String key : page.getKeys()) {
                fields += connection.sync().hkeys(key).stream().filter(field -> !field.startsWith("~")).count();
            }
            cursor = page;
        } while (!cursor.isFinished());
        return fields;
    }

    /** What {@link #keyMemory()} found. */
    public record KeyMemory(long bytes, long keys, Map<String, Long> byPrefix) {
        public KeyMemory minus(KeyMemory before) {
            Map<String, Long> difference = new TreeMap<>(byPrefix);
            before.byPrefix.forEach((prefix, bytes) -> difference.merge(prefix, -bytes, Long::sum));
            return new KeyMemory(bytes - before.bytes, keys - before.keys, difference);
        }
    }

    /** Forgets the counts (CONFIG RESETSTAT); this call itself is not counted afterwards. */
    public void resetCounts() {
        connection.sync().configResetstat();
    }

    private static StatefulRedisConnection<String, String> connect(RedisClient client) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            try {
                return client.connect();
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        process.destroy();
    }
}
