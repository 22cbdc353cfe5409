package org.sms1069.api.store;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.TableLock;
import org.sms1069.model.MessageIds;
import org.sms1069.model.MessageType;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.testkit.TestInfra;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Accepted messages against real PostgreSQL: what one send writes, and group commit. To make a group for certain,
 * the test holds a lock on the table, so that the inserts in flight wait and the sends made meanwhile queue up.
 */
class MessageStoreInsertTest {
    private static final String APP = "app-inserts";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static String schema;
    private static ConnectionFactory connections;
    private static MessageStore store;

    @BeforeAll
    static void start() {
        schema = TestInfra.freshSchema();
        Flyway.configure().dataSource(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "").schemas(schema)
                .defaultSchema(schema).placeholderReplacement(false).load().migrate();
        connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(TestInfra.r2dbcUrl() + "?schema=" + schema)
                .mutate().option(ConnectionFactoryOptions.USER, TestInfra.postgresUser()).build());
        store = new MessageStore(DatabaseClient.create(connections));
        DatabaseClient.create(connections).sql("INSERT INTO apps (id, name, extension) VALUES ('" + APP + "', 'inserts', '13')")
                .fetch().rowsUpdated().block();
    }

    @Test
    void aSendToSeveralPhonesIsWrittenAsAcceptedWithItsTemplateSignatureAndMaskedCode() {
        List<AcceptedMessage> send = send(APP, MessageType.VERIFICATION, "13800138000", "13900139000");
        ComposedMessage composed = new ComposedMessage("【Shop】your code is 4711", MessageType.VERIFICATION, "Shop", "tpl-1",
                java.util.Map.of("code", "4711"));

        store.insertAccepted(send, composed).block(Duration.ofSeconds(10));

        for (AcceptedMessage m : send) {
            MessageStore.StoredMessage stored = store.find(APP, m.messageId()).block();
            assertThat(stored.phone()).isEqualTo(m.phone());
            assertThat(stored.status()).isEqualTo("ACCEPTED");
            assertThat(stored.type()).isEqualTo("VERIFICATION");
            assertThat(stored.acceptedAt()).isEqualTo(NOW);
            assertThat(stored.clientRef()).isEqualTo("ref-1");
            assertThat(single("SELECT text || '|' || template_id || '|' || signature || '|' || expires_at::text || '|' || segments"
                    + " FROM messages WHERE id = '" + m.messageId() + "'"))
                    .isEqualTo("【Shop】your code is ****|tpl-1|Shop|" + single("SELECT '" + NOW.plusSeconds(300)
                            + "'::timestamptz::text") + "|1");
        }
    }

    @Test
    void sendsMadeWhileInsertsAreRunningAreWrittenTogetherInOneTransaction() throws Exception {
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        List<String> queuedIds = new ArrayList<>();
        try (Connection lock = TableLock.onMessages(schema)) {
            occupyTheInsertsInFlight();
            for (int i = 0; i < 20; i++) {
                List<AcceptedMessage> send = send(APP, MessageType.NOTIFICATION, "138001380" + String.format("%02d", i));
                queuedIds.add(send.get(0).messageId());
                queued.add(store.insertAccepted(send, notification()).toFuture());
            }
            lock.rollback();
        }
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(single("SELECT count(*) || ' rows in ' || count(DISTINCT xmin::text) || ' transaction(s)' FROM messages"
                + " WHERE id IN ('" + String.join("','", queuedIds) + "')")).isEqualTo("20 rows in 1 transaction(s)");
    }

    @Test
    void aSendThatCannotBeWrittenFailsAloneItsGroupIsWritten() throws Exception {
        List<CompletableFuture<Void>> good = new ArrayList<>();
        List<String> goodIds = new ArrayList<>();
        CompletableFuture<Void> bad;
        try (Connection lock = TableLock.onMessages(schema)) {
            occupyTheInsertsInFlight();
            for (int i = 0; i < 3; i++) {
                List<AcceptedMessage> send = send(APP, MessageType.NOTIFICATION, "1390013900" + i);
                goodIds.add(send.get(0).messageId());
                good.add(store.insertAccepted(send, notification()).toFuture());
            }
            bad = store.insertAccepted(send("no-such-app", MessageType.NOTIFICATION, "13700137000"), notification()).toFuture();
            lock.rollback();
        }

        CompletableFuture.allOf(good.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(DataIntegrityViolationException.class);
        assertThat(single("SELECT count(*)::text FROM messages WHERE id IN ('" + String.join("','", goodIds) + "')"))
                .isEqualTo("3");
    }

    /** Two sends whose inserts wait for the lock: every later send queues until one of them ends. */
    private static void occupyTheInsertsInFlight() {
        for (int i = 0; i < 2; i++) {
            store.insertAccepted(send(APP, MessageType.NOTIFICATION, "1360013600" + i), notification()).toFuture();
        }
    }

    private static ComposedMessage notification() {
        return new ComposedMessage("【Shop】your parcel has arrived", MessageType.NOTIFICATION, "Shop", null, null);
    }

    private static List<AcceptedMessage> send(String app, MessageType type, String... phones) {
        List<AcceptedMessage> messages = new ArrayList<>();
        for (String phone : phones) {
            messages.add(new AcceptedMessage(AcceptedMessage.VERSION, MessageIds.next(), app, type, phone, "unused", "1069013",
                    1, "ref-1", NOW, NOW.plusSeconds(300), null));
        }
        return messages;
    }

    private static String single(String query) {
        return DatabaseClient.create(connections).sql(query).map(row -> row.get(0, String.class)).one().block();
    }
}
