package org.sms1069.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The real Redis and PostgreSQL the tests talk to (127.0.0.1 by default; environment variables
 * override), free ports, and a fresh PostgreSQL schema per test class so runs never see each other's rows.
 */
public final class TestInfra {
    private TestInfra() {
    }

    public static String redisUri() {
        return env("SMS_TEST_REDIS_URI", "redis://127.0.0.1:6379");
    }

    public static String postgresHost() {
        return env("SMS_TEST_PG_HOST", "127.0.0.1");
    }

    public static int postgresPort() {
        return Integer.parseInt(env("SMS_TEST_PG_PORT", "5432"));
    }

    public static String postgresDatabase() {
        return env("SMS_TEST_PG_DB", "test");
    }

    public static String postgresUser() {
        return env("SMS_TEST_PG_USER", "postgres");
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + postgresDatabase();
    }

    public static String r2dbcUrl() {
        return "r2dbc:postgresql://" + postgresHost() + ":" + postgresPort() + "/" + postgresDatabase();
    }

    /** Command-line properties that point a Spring Boot service's R2DBC and Flyway at {@code schema}. */
    public static List<String> databaseArgs(String schema) {
        return List.of(
                "--spring.r2dbc.url=" + r2dbcUrl() + "?schema=" + schema,
                "--spring.r2dbc.username=" + postgresUser(),
                "--spring.flyway.url=" + jdbcUrl(),
                "--spring.flyway.user=" + postgresUser(),
                "--spring.flyway.schemas=" + schema,
                "--spring.flyway.default-schema=" + schema);
    }

    /** Creates an empty schema with a unique name; it is dropped when the JVM exits. */
    public static String freshSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE")));
        return schema;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), postgresUser(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + jdbcUrl() + " is not usable: " + e.getMessage(), e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** A random 256-bit key in Base64, as {@code sms.security.master-key} takes it. */
    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A name no other test run uses: for topics, consumer groups and Redis key prefixes. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
