package org.sms1069.api.retention;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.TestApps;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The scheduled purge against the real PostgreSQL: old rows of every kept table go, in batches; recent ones stay. */
class RetentionPurgeTest {
    private static final int OLD = 5;

    private static RunningApi api;
    private static DatabaseClient db;

    @BeforeAll
    static void start() {
        api = RunningApi.start("sms.retention.period=1d", "sms.retention.interval=300ms", "sms.retention.batch-size=2");
        db = api.bean(DatabaseClient.class);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void rowsPastTheRetentionAreDeletedInBatchesAndRecentOnesKept() {
        String app = TestApps.onboard(api, "Retention", "51", "示例科技", Map.of()).appId();
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
        OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (int i = 0; i < OLD; i++) {
            insertRows(app, "old", old);
        }
        insertRows(app, "new", recent);

        await().atMost(Duration.ofSeconds(20)).until(() -> count("messages", "accepted_at", app, true) == 0
                && count("mo_messages", "received_at", app, true) == 0 && count("callbacks", "created_at", app, true) == 0
                && count("callback_attempts", "at", app, true) == 0 && count("complaints", "complained_at", app, true) == 0);

        assertThat(count("messages", "accepted_at", app, false)).isEqualTo(1);
        assertThat(count("mo_messages", "received_at", app, false)).isEqualTo(1);
        assertThat(count("callbacks", "created_at", app, false)).isEqualTo(1);
        assertThat(count("callback_attempts", "at", app, false)).isEqualTo(1);
        assertThat(count("complaints", "complained_at", app, false)).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.app_id = :app")
                .bind("app", app).map(r -> r.get(0, Long.class)).one().block()).as("the recent message's timeline").isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM message_events WHERE message_id LIKE 'old%'")
                .map(r -> r.get(0, Long.class)).one().block()).as("old timelines go with their messages").isZero();
        MeterRegistry meters = api.bean(MeterRegistry.class);
        for (String table : new String[]{"messages", "mo_messages", "complaints", "callbacks", "callback_attempts"}) {
            assertThat(meters.counter("sms_api_retention_purged_total", "table", table).count()).as(table)
                    .isGreaterThanOrEqualTo(OLD);
        }
    }

    private static void insertRows(String app, String prefix, OffsetDateTime at) {
        String id = (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 26);
        String phone = Phones.unique("138");
        // the event first: the purge, running meanwhile, deletes a message together with its timeline
        db.sql("INSERT INTO message_events (message_id, segment, status, at) VALUES (:id, 1, 'DELIVERED', :at)")
                .bind("id", id).bind("at", at).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO messages (id, app_id, phone, type, text, source_addr, segments, status, client_ref,
                                              accepted_at, updated_at)
                        VALUES (:id, :app, :phone, 'NOTIFICATION', '【示例科技】您的订单已发货。', '10690123456', 1, 'DELIVERED', '', :at, :at)""")
                .bind("id", id).bind("app", app).bind("phone", phone).bind("at", at).fetch().rowsUpdated().block();
        db.sql("INSERT INTO mo_messages (app_id, phone, destination, text, received_at) VALUES (:app, :phone, '1069012345651', 'TD', :at)")
                .bind("app", app).bind("phone", phone).bind("at", at).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO callbacks (app_id, kind, payload, state, created_at)
                        VALUES (:app, 'STATUS', '{}'::jsonb, 'DELIVERED', :at)""")
                .bind("app", app).bind("at", at).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO callback_attempts (callback_ids, app_id, url, status, duration_ms, at)
                        VALUES ('{1}', :app, 'https://93.184.216.34/cb', 200, 5, :at)""")
                .bind("app", app).bind("at", at).fetch().rowsUpdated().block();
        db.sql("""
                        INSERT INTO complaints (phone, complained_at, source, message_id, app_id, signature, created_by)
                        VALUES (:phone, :at, 'CARRIER', :id, :app, '示例科技', 'test')""")
                .bind("phone", phone).bind("at", at).bind("id", id).bind("app", app).fetch().rowsUpdated().block();
    }

    private static long count(String table, String column, String app, boolean past) {
        return db.sql("SELECT count(*) FROM " + table + " WHERE app_id = :app AND " + column
                        + (past ? " < now() - interval '1 day'" : " >= now() - interval '1 day'"))
                .bind("app", app).map(r -> r.get(0, Long.class)).one().block();
    }
}
