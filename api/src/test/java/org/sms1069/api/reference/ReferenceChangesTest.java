package org.sms1069.api.reference;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.audit.AuditLog;
import org.sms1069.api.auth.ApiKeyStore;
import org.sms1069.api.compliance.AllowList;
import org.sms1069.api.store.ComposedMessage;
import org.sms1069.api.suspension.Suspensions;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.model.MessageType;
import org.sms1069.api.auth.SecretCipher;
import org.sms1069.api.config.ApiProperties;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.CountedStatements;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.testkit.TestInfra;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api instances on one database: the running api, and a second instance's cache, change listener,
 * key store and app lookup over the same schema. A change made through the first reaches the second's
 * cache within 2 s; a second instance whose channel is cut reads from the database until it is back.
 */
class ReferenceChangesTest {
    private static final Duration WITHIN = Duration.ofSeconds(2);
    private static final String LISTENER = "reference-test-" + UUID.randomUUID().toString().substring(0, 8);

    private static RunningApi api;
    private static final CountedStatements secondReads = new CountedStatements();
    private static ReferenceCache secondCache;
    private static ReferenceChanges secondChanges;
    private static ApiKeyStore secondKeys;
    private static AppService secondApps;
    private static Suspensions secondSuspensions;
    private static AllowList secondAllowList;
    private static DatabaseClient admin;
    private static ConnectionFactoryOptions options;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        options = ConnectionFactoryOptions.parse(TestInfra.r2dbcUrl() + "?schema=" + api.schema())
                .mutate().option(ConnectionFactoryOptions.USER, TestInfra.postgresUser()).build();
        ConnectionFactory connections = secondReads.counting(ConnectionFactories.get(options));
        DatabaseClient db = DatabaseClient.create(connections);
        ApiProperties properties = api.bean(ApiProperties.class);
        SecretCipher cipher = api.bean(SecretCipher.class);
        secondCache = new ReferenceCache(properties.reference().staleAfter(), properties.reference().maxAge());
        secondChanges = new ReferenceChanges(ConnectionFactories.get(options.mutate()
                .option(Option.valueOf("applicationName"), LISTENER).build()), secondCache, properties.reference().heartbeat());
        secondChanges.start();
        secondKeys = new ApiKeyStore(db, cipher, properties, secondCache);
        secondApps = new AppService(db, TransactionalOperator.create(new R2dbcTransactionManager(connections)), cipher, secondCache,
                api.bean(org.sms1069.api.egress.CallbackTargets.class), new AuditLog(db));
        secondSuspensions = new Suspensions(db, secondCache, new AuditLog(db));
        secondAllowList = new AllowList(db, secondCache, new AuditLog(db));
        admin = DatabaseClient.create(ConnectionFactories.get(options));
        await().atMost(Duration.ofSeconds(10)).until(secondCache::live);
    }

    @AfterAll
    static void stop() {
        if (secondChanges != null) {
            secondChanges.stop();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aKeyRevokedOnOneInstanceStopsWorkingOnTheOtherWithinTwoSeconds() {
        RunningApi.TestApp app = api.onboardApp("Revoked elsewhere", "", "示例科技");
        String keyId = app.key().keyId();
        assertCachedOnTheSecondInstance(keyId);

        ApiResponse revoked = api.send(SignedRequest.delete("/admin/v1/keys/" + keyId).by(RunningApi.ADMIN));

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> secondKeys.find(keyId).blockOptional().isEmpty());
    }

    @Test
    void anAppSettingsChangeOnOneInstanceReachesTheOtherWithinTwoSeconds() {
        RunningApi.TestApp app = api.onboardApp("Settings elsewhere", "", "示例科技");
        assertThat(secondApps.cached(app.appId()).block().settings().dailyQuota()).isEqualTo(10_000);
        secondReads.drain();
        assertThat(secondApps.cached(app.appId()).block().settings().dailyQuota()).isEqualTo(10_000);
        assertThat(secondReads.drain()).as("the second read of the app is served from the cache").isEmpty();

        ApiResponse patched = api.send(SignedRequest.of("PATCH", "/admin/v1/apps/" + app.appId()).by(RunningApi.ADMIN)
                .json(Map.of("dailyQuota", 7)));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> secondApps.cached(app.appId()).block().settings().dailyQuota() == 7);
    }

    @Test
    void aCutChannelSendsReadsToTheDatabaseUntilItIsBack() {
        RunningApi.TestApp app = api.onboardApp("Cut channel", "", "示例科技");
        String keyId = app.key().keyId();
        assertCachedOnTheSecondInstance(keyId);

        Long cut = admin.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = :name")
                .bind("name", LISTENER).map(row -> row.get(0, Long.class)).one().block();
        assertThat(cut).isEqualTo(1L);
        admin.sql("UPDATE api_keys SET revoked_at = now() WHERE key_id = :key").bind("key", keyId).fetch().rowsUpdated().block();

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> secondKeys.find(keyId).blockOptional().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(secondCache::live);
        RunningApi.TestApp other = api.onboardApp("After the cut", "", "示例科技");
        assertCachedOnTheSecondInstance(other.key().keyId());
    }

    @Test
    void aHeartbeatThatCannotKeepUpSkipsBeatsInsteadOfDroppingTheChannel() {
        ReferenceCache cache = new ReferenceCache(Duration.ofSeconds(1), Duration.ofMinutes(1));
        // a beat every millisecond: each NOTIFY takes longer than that, as every beat does on a starved machine
        ReferenceChanges changes = new ReferenceChanges(ConnectionFactories.get(options), cache, Duration.ofMillis(1));
        changes.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(cache::live);
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(cache.live()).as("the channel stays up while beats are late").isTrue();
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        } finally {
            changes.stop();
        }
    }

    @Test
    void aSuspensionAndItsLiftOnOneInstanceReachTheOtherWithinTwoSeconds() {
        RunningApi.TestApp app = api.onboardApp("Suspended elsewhere", "", "示例科技");
        ApiKey reviewer = reviewer();
        assertThat(secondSuspensions.refusing(app.appId(), "示例科技").block()).isEmpty();
        secondReads.drain();
        assertThat(secondSuspensions.refusing(app.appId(), "示例科技").block()).isEmpty();
        assertThat(secondReads.drain()).as("no suspension is cached too").isEmpty();

        ApiResponse made = api.send(SignedRequest.post("/compliance/v1/suspensions").by(reviewer)
                .json(Map.of("appId", app.appId(), "signature", "示例科技", "reason", "test")));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> secondSuspensions.refusing(app.appId(), "示例科技").block().isPresent());
        assertThat(secondSuspensions.refusing(app.appId(), "其他签名").block()).as("another signature sends").isEmpty();

        ApiResponse lifted = api.send(SignedRequest.post("/compliance/v1/suspensions/" + made.json().get("id").asLong() + "/lift")
                .by(reviewer).json(Map.of("reason", "test over")));
        assertThat(lifted.status()).as(lifted.toString()).isEqualTo(200);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> secondSuspensions.refusing(app.appId(), "示例科技").block().isEmpty());
    }

    @Test
    void anAllowListRemovalOnOneInstanceReachesTheOtherWithinTwoSeconds() {
        RunningApi.TestApp app = api.onboardApp("Allow-listed elsewhere", "", "示例科技");
        ComposedMessage message = new ComposedMessage("【示例科技】会员日全场5折", MessageType.NOTIFICATION, "示例科技", null, Map.of());
        assertThat(secondAllowList.allows(app.appId(), message).block()).isFalse();
        Long id = admin.sql("INSERT INTO filter_allowlist (app_id, text_hash, created_by) VALUES (:app, encode(sha256(convert_to(:text, 'UTF8')), 'hex'), 'test') RETURNING id")
                .bind("app", app.appId()).bind("text", message.text()).map(row -> row.get(0, Long.class)).one().block();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> secondAllowList.allows(app.appId(), message).block());

        ApiResponse removed = api.send(SignedRequest.delete("/compliance/v1/allowlist/" + id).by(reviewer()));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> !secondAllowList.allows(app.appId(), message).block());
    }

    private static ApiKey reviewer() {
        ApiResponse key = api.send(SignedRequest.post("/admin/v1/reviewers").by(RunningApi.ADMIN).json(Map.of()));
        return new ApiKey(key.json().get("keyId").asText(), key.json().get("keySecret").asText());
    }

    private static void assertCachedOnTheSecondInstance(String keyId) {
        assertThat(secondKeys.find(keyId).block()).isNotNull();
        secondReads.drain();
        assertThat(secondKeys.find(keyId).block()).isNotNull();
        assertThat(secondReads.drain()).as("the second read of key " + keyId + " is served from the cache").isEmpty();
    }
}
