package org.sms1069.api.store;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.callback.CallbackOutbox;
import org.sms1069.api.messaging.ApiConsumers;
import org.sms1069.api.status.FinalStatusLatency;
import org.sms1069.api.status.StatusUpdates;
import org.sms1069.messaging.ConsumerSettings;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.RecordFailures;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.DeadLetter;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.sms1069.testkit.TopicReader;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The batched status writer against real PostgreSQL: several events of one message in one batch, the
 * ordering rules, redelivery, a refused status, and how many statements a batch costs.
 */
class StatusBatchWriterTest {
    private static final String CALLING_APP = "app-calls-back";
    private static final String QUIET_APP = "app-quiet";
    private static final Instant T0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

    /** Statements the writer and the outbox sent to PostgreSQL (transaction control not included). */
    private static final AtomicInteger statements = new AtomicInteger();
    private static ConnectionFactory connections;
    private static DatabaseClient db;
    private static TransactionalOperator tx;
    private static StatusBatchWriter writer;
    private static CallbackOutbox callbacks;
    private static final SimpleMeterRegistry latencyMeters = new SimpleMeterRegistry();
    private static StatusUpdates updates;

    @BeforeAll
    static void start() {
        String schema = TestInfra.freshSchema();
        Flyway.configure().dataSource(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "").schemas(schema)
                .defaultSchema(schema).placeholderReplacement(false).load().migrate();
        connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(TestInfra.r2dbcUrl() + "?schema=" + schema)
                .mutate().option(ConnectionFactoryOptions.USER, TestInfra.postgresUser()).build());
        db = DatabaseClient.builder().connectionFactory(connections)
                .executeFunction(statement -> {
                    statements.incrementAndGet();
                    return statement.execute();
                })
                .build();
        tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        writer = new StatusBatchWriter(db, tx);
        callbacks = new CallbackOutbox(db);
        updates = new StatusUpdates(writer, callbacks, tx, new FinalStatusLatency(latencyMeters, Clock.systemUTC()));
        sql("INSERT INTO apps (id, name, extension, callback_url) VALUES ('" + CALLING_APP + "', 'calls back', '11', 'http://127.0.0.1:9/cb')");
        sql("INSERT INTO apps (id, name, extension) VALUES ('" + QUIET_APP + "', 'quiet', '12')");
    }

    @Test
    void submittedThenDeliveredOfOneMessageInOneBatchEndsDeliveredWithBothCallbacks() {
        String id = message(CALLING_APP, 1);

        apply(submitted(id, 1, "c1", 0), delivered(id, 1, "c1", 1));

        assertThat(status(id)).isEqualTo("DELIVERED");
        assertThat(rawStat(id)).isEqualTo("DELIVRD");
        assertThat(timeline(id)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(callbackStatuses(id)).containsExactly("SUBMITTED", "DELIVERED");
    }

    @Test
    void aDeliveredMessageIsNeverOverwrittenByALateSubmittedInTheSameBatchOrALaterOne() {
        String sameBatch = message(CALLING_APP, 1);
        String receiptFirst = message(CALLING_APP, 1);
        String laterBatch = message(CALLING_APP, 1);

        // a resubmission's SUBMITTED after the first submit's receipt, all in one poll
        apply(submitted(sameBatch, 1, "first", 0), delivered(sameBatch, 1, "first", 1), submitted(sameBatch, 1, "second", 2),
                // the receipt overtook the submit response
                delivered(receiptFirst, 1, "only", 1), submitted(receiptFirst, 1, "only", 0),
                submitted(laterBatch, 1, "first", 0), delivered(laterBatch, 1, "first", 1));
        apply(submitted(laterBatch, 1, "second", 2), undelivered(laterBatch, "second", "UNDELIV", 3));

        for (String id : List.of(sameBatch, receiptFirst, laterBatch)) {
            assertThat(status(id)).as(id).isEqualTo("DELIVERED");
            assertThat(rawStat(id)).as(id).isEqualTo("DELIVRD");
        }
        assertThat(callbackStatuses(sameBatch)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(callbackStatuses(receiptFirst)).containsExactly("DELIVERED");
        assertThat(timeline(laterBatch)).containsExactly("SUBMITTED", "DELIVERED", "SUBMITTED", "UNDELIVERED");
    }

    @Test
    void aLongMessageIsDeliveredOnlyWhenAllItsPartsAreAlsoWhenTheyComeInOneBatch() {
        String both = message(CALLING_APP, 2);
        String half = message(CALLING_APP, 2);

        apply(submitted(both, 1, "p1", 0), submitted(both, 2, "p2", 0), delivered(both, 1, "p1", 1), delivered(both, 2, "p2", 2),
                submitted(half, 1, "h1", 0), submitted(half, 2, "h2", 0), delivered(half, 1, "h1", 1),
                delivered(half, 1, "h1", 1)); // the same receipt twice in one poll

        assertThat(status(both)).isEqualTo("DELIVERED");
        assertThat(deliveredParts(both)).isEqualTo("{1,2}");
        assertThat(callbackStatuses(both)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(status(half)).isEqualTo("SUBMITTED");
        assertThat(deliveredParts(half)).isEqualTo("{1}");
        assertThat(timeline(half)).containsExactly("SUBMITTED", "SUBMITTED", "DELIVERED");

        apply(delivered(half, 2, "h2", 3));
        assertThat(status(half)).isEqualTo("DELIVERED");
        assertThat(callbackStatuses(half)).containsExactly("SUBMITTED", "DELIVERED");
    }

    @Test
    void finalStatusesDoNotMoveExceptAPortedNumberThatIsRoutedAgain() {
        String rejected = message(CALLING_APP, 1);
        String undelivered = message(CALLING_APP, 1);
        String ported = message(CALLING_APP, 1);

        apply(event(rejected, 1, MessageStatus.REJECTED, null, "MK:0012", 0), submitted(rejected, 1, "late", 1),
                delivered(rejected, 1, "late", 2),
                submitted(undelivered, 1, "a", 0), undelivered(undelivered, "a", "UNDELIV", 1),
                submitted(undelivered, 1, "b", 2), delivered(undelivered, 1, "b", 3),
                submitted(ported, 1, "old", 0), undelivered(ported, "old", "NP:0001", 1),
                submitted(ported, 1, "new", 2), delivered(ported, 1, "new", 3));

        assertThat(status(rejected)).isEqualTo("REJECTED");
        assertThat(rawStat(rejected)).isEqualTo("MK:0012");
        assertThat(status(undelivered)).isEqualTo("UNDELIVERED");
        assertThat(rawStat(undelivered)).isEqualTo("UNDELIV");
        assertThat(status(ported)).isEqualTo("DELIVERED");
        assertThat(callbackStatuses(ported)).containsExactly("SUBMITTED", "UNDELIVERED", "SUBMITTED", "DELIVERED");
    }

    @Test
    void aRedeliveredBatchChangesNothingQueuesNothingAndCostsOneStatement() {
        String id = message(CALLING_APP, 1);
        List<StatusEvent> batch = List.of(submitted(id, 1, "c1", 0), undelivered(id, "c1", "NP:0001", 1));
        apply(batch.toArray(StatusEvent[]::new));
        String updatedAt = single("SELECT updated_at::text FROM messages WHERE id = '" + id + "'");

        int used = apply(batch.toArray(StatusEvent[]::new));

        assertThat(used).isEqualTo(1); // the timeline INSERT finds every event there: no UPDATE, no callback
        assertThat(status(id)).isEqualTo("UNDELIVERED");
        assertThat(single("SELECT updated_at::text FROM messages WHERE id = '" + id + "'")).isEqualTo(updatedAt);
        assertThat(timeline(id)).containsExactly("SUBMITTED", "UNDELIVERED");
        assertThat(callbackStatuses(id)).containsExactly("SUBMITTED", "UNDELIVERED");
    }

    @Test
    void aBatchIsOneTimelineInsertOneUpdateAndOneCallbackInsertWhateverItsSize() {
        List<StatusEvent> calling = new ArrayList<>();
        List<StatusEvent> quiet = new ArrayList<>();
        List<String> callingIds = messages(CALLING_APP, 100);
        List<String> quietIds = messages(QUIET_APP, 100);
        for (int i = 0; i < 100; i++) {
            calling.add(submitted(callingIds.get(i), 1, "a" + i, 0));
            calling.add(delivered(callingIds.get(i), 1, "a" + i, 1));
            quiet.add(submitted(quietIds.get(i), 1, "q" + i, 0));
            quiet.add(delivered(quietIds.get(i), 1, "q" + i, 1));
        }

        int withCallbacks = apply(calling.toArray(StatusEvent[]::new));
        int withoutCallbacks = apply(quiet.toArray(StatusEvent[]::new));

        assertThat(withCallbacks).as("statements for 200 events of apps with a callback URL").isEqualTo(3);
        assertThat(withoutCallbacks).as("statements for 200 events of an app without one").isEqualTo(2);
        assertThat(single("SELECT count(*)::text FROM messages WHERE status = 'DELIVERED' AND app_id = '" + QUIET_APP + "'"))
                .isEqualTo("100");
        assertThat(single("SELECT count(*)::text FROM callbacks WHERE app_id = '" + QUIET_APP + "'")).isEqualTo("0");
    }

    @Test
    void aStatusTheDatabaseRefusesFailsItsWholeBatchWithADataError() {
        String good = message(CALLING_APP, 1);
        String bad = message(CALLING_APP, 1);

        // raw_stat is varchar(32): SQLSTATE 22001
        assertThatThrownBy(() -> apply(submitted(good, 1, "g", 0), event(bad, 1, MessageStatus.SUBMITTED, "b", "X".repeat(40), 0)))
                .hasRootCauseInstanceOf(R2dbcException.class)
                .satisfies(e -> assertThat(RecordFailures.isPoison(e, ApiConsumers::isDataError)).isTrue());

        // nothing of the batch was applied: the consumer hands its records over again one at a time
        assertThat(timeline(good)).isEmpty();
        assertThat(status(good)).isEqualTo("ACCEPTED");
    }

    @Test
    void throughTheConsumerARefusedStatusIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied() throws Exception {
        Topic<StatusEvent> topic = Topic.of(TestInfra.unique("test.status"), StatusEvent.class);
        TopicAdmin.ensure(TestKafka.bootstrapServers(), (short) 1, List.of(TopicSpec.of(topic, 1), TopicSpec.of(Topics.DEAD, 1)));
        String good = message(CALLING_APP, 1);
        String bad = message(CALLING_APP, 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Publisher publisher = new Publisher(KafkaClients.reliableProducer(TestKafka.bootstrapServers(), "status-test"))) {
            // all four are on the topic before the consumer starts: its first poll holds them all
            for (StatusEvent event : List.of(submitted(good, 1, "g", 0), event(bad, 1, MessageStatus.SUBMITTED, "b", "X".repeat(40), 0),
                    delivered(good, 1, "g", 1), delivered(bad, 1, "b", 1))) {
                publisher.publish(topic, event.messageId(), event).get();
            }
            ConsumerSettings settings = ConsumerSettings.of(TestKafka.bootstrapServers(), TestInfra.unique("group"), "test", 500);
            try (ReliableConsumer<StatusEvent> consumer = ReliableConsumer.batched("api", topic, settings,
                    records -> apply(records.stream().map(Received::value).toList()).toFuture(), publisher, meters)
                    .poisonWhen(ApiConsumers::isDataError).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> consumer.status().lag() == 0
                        && "DELIVERED".equals(status(good)) && "DELIVERED".equals(status(bad)));
            }
        }
        DeadLetter letter = TopicReader.first(Topics.DEAD, l -> l.topic().equals(topic.name())).value();
        assertThat(letter.key()).isEqualTo(bad);
        assertThat(letter.offset()).isEqualTo(1);
        assertThat(meters.counter("sms_dead_letters_total", "service", "api", "topic", topic.name()).count()).isEqualTo(1);
        assertThat(meters.counter("sms_consumer_batch_fallbacks_total", "service", "api", "topic", topic.name()).count())
                .isEqualTo(1);
        assertThat(timeline(good)).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(timeline(bad)).containsExactly("DELIVERED");
    }

    @Test
    void aFinalStatusRecordsTheEndToEndLatencyOnceAndAnOpenStatusNone() {
        String id = message(CALLING_APP, 1);
        sql("UPDATE messages SET accepted_at = now() - interval '90 seconds' WHERE id = '" + id + "'");
        apply(submitted(id, 1, "lat", 0));
        assertThat(finalLatencies("DELIVERED").count()).isZero();

        apply(delivered(id, 1, "lat", 1));
        apply(delivered(id, 1, "lat", 1));

        assertThat(finalLatencies("DELIVERED").count()).isEqualTo(1);
        assertThat(finalLatencies("DELIVERED").totalTime(TimeUnit.SECONDS)).isBetween(90.0, 300.0);
        assertThat(finalLatencies("SUBMITTED")).isNull();
    }

    private static Timer finalLatencies(String status) {
        return latencyMeters.find("sms_api_message_final_latency").tag("status", status).timer();
    }

    /** Applies the events as the api's status consumer does; answers the statements it took. */
    private static int apply(StatusEvent... events) {
        int before = statements.get();
        apply(List.of(events)).block();
        return statements.get() - before;
    }

    private static Mono<Void> apply(List<StatusEvent> events) {
        return updates.apply(events);
    }

    private static String message(String app, int segments) {
        return messages(app, segments, 1).get(0);
    }

    private static List<String> messages(String app, int count) {
        return messages(app, 1, count);
    }

    /** New ACCEPTED messages of the app, inserted in one statement. */
    private static List<String> messages(String app, int segments, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase());
        }
        DatabaseClient.create(connections).sql("""
                        INSERT INTO messages (id, app_id, phone, type, text, source_addr, segments, status, client_ref,
                                              accepted_at, updated_at)
                        SELECT id, :app, '13800138000', 'NOTIFICATION', 'text', '1069011', :segments, 'ACCEPTED', '', now(), now()
                        FROM unnest(CAST(:ids AS varchar[])) AS ids(id)""")
                .bind("app", app).bind("segments", segments).bind("ids", ids.toArray(String[]::new))
                .fetch().rowsUpdated().block();
        return ids;
    }

    private static StatusEvent submitted(String id, int segment, String carrierId, int second) {
        return event(id, segment, MessageStatus.SUBMITTED, carrierId, null, second);
    }

    private static StatusEvent delivered(String id, int segment, String carrierId, int second) {
        return event(id, segment, MessageStatus.DELIVERED, carrierId, "DELIVRD", second);
    }

    private static StatusEvent undelivered(String id, String carrierId, String rawStat, int second) {
        return event(id, 1, MessageStatus.UNDELIVERED, carrierId, rawStat, second);
    }

    private static StatusEvent event(String id, int segment, MessageStatus status, String carrierId, String rawStat, int second) {
        return new StatusEvent(StatusEvent.VERSION, id, "13800138000", segment, 0, status, Carrier.CMCC, "cmcc-1", carrierId,
                rawStat, null, T0.plusSeconds(second));
    }

    private static String status(String id) {
        return single("SELECT status FROM messages WHERE id = '" + id + "'");
    }

    private static String rawStat(String id) {
        return single("SELECT raw_stat FROM messages WHERE id = '" + id + "'");
    }

    private static String deliveredParts(String id) {
        return single("SELECT delivered_parts::text FROM messages WHERE id = '" + id + "'");
    }

    private static List<String> timeline(String id) {
        return column("SELECT status FROM message_events WHERE message_id = '" + id + "' ORDER BY at, seq");
    }

    private static List<String> callbackStatuses(String id) {
        return column("SELECT payload->>'status' FROM callbacks WHERE payload->>'messageId' = '" + id + "' ORDER BY id");
    }

    private static String single(String query) {
        return DatabaseClient.create(connections).sql(query).map(row -> row.get(0, String.class)).one().block();
    }

    private static List<String> column(String query) {
        return DatabaseClient.create(connections).sql(query).map(row -> row.get(0, String.class)).all().collectList().block();
    }

    private static void sql(String statement) {
        DatabaseClient.create(connections).sql(statement).fetch().rowsUpdated().block();
    }
}
