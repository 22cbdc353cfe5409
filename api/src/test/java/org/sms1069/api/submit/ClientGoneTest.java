package org.sms1069.api.submit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.api.testing.TableLock;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TopicReader;

import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that goes away while its send is being written: the send goes on to the end, its message is queued and
 * its idempotent answer kept for the retry. A lock on {@code messages} holds the send at its INSERT while the test
 * closes the connection; before, the closed connection cancelled the send there, leaving the message ACCEPTED and
 * never queued, its frequency slots taken.
 */
class ClientGoneTest {
    private static final String SIGNATURE = "示例科技";
    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Client gone", "73", SIGNATURE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aSendWhoseClientLeftDuringItsInsertIsQueuedAndItsAnswerKeptForTheRetry() throws Exception {
        String idempotencyKey = "gone-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("phones", List.of(Phones.unique("138")), "text", "【" + SIGNATURE + "】您的订单已发货。",
                "type", "NOTIFICATION");
        URI base = URI.create(api.baseUrl());
        try (Connection lock = TableLock.onMessages(api.schema())) {
            try (Socket client = new Socket(base.getHost(), base.getPort())) {
                client.getOutputStream().write(SignedRequest.post("/v1/messages").by(app.key()).v2().json(body)
                        .header("Idempotency-Key", idempotencyKey).http11(api.baseUrl()));
                client.getOutputStream().flush();
                awaitAnInsertWaitingForTheLock();
            }
            // no signal tells when the server has seen the connection close: give it time before the insert goes on
            Thread.sleep(1_000);
            lock.rollback();
        }

        ConsumerRecord<String, AcceptedMessage> queued = TopicReader.first(Topics.SUBMIT, m -> m.appId().equals(app.appId()));
        ApiResponse retry = api.send(SignedRequest.post("/v1/messages").by(app.key()).v2().json(body)
                .header("Idempotency-Key", idempotencyKey));
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.json().get("messages").get(0).get("messageId").asText()).isEqualTo(queued.value().messageId());
    }

    private static void awaitAnInsertWaitingForTheLock() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        try (Connection watcher = DriverManager.getConnection(TestInfra.jdbcUrl(), TestInfra.postgresUser(), "");
             Statement statement = watcher.createStatement()) {
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet waiting = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO messages%'")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the send's INSERT never waited for the lock");
    }
}
