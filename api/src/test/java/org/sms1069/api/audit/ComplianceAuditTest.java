package org.sms1069.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.verification.TestApps;
import org.springframework.r2dbc.core.DatabaseClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail and the reviewers' tools over real PostgreSQL, Kafka and Redis: every review keeps the
 * decision it replaces, the allow-list is listed and emptied again, keys are audited, the compliance log is
 * searched by rule and text and exported as CSV, and nobody changes the trail afterwards.
 */
class ComplianceAuditTest {
    private static final String MARKETING = "双11大促全场5折，点击领取优惠券，回T退订";

    private static RunningApi api;
    private static ApiKey reviewer;
    private static DatabaseClient db;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        JsonNode key = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/reviewers", Map.of()).expect(201).body();
        reviewer = new ApiKey(key.get("keyId").asText(), key.get("keySecret").asText());
        db = api.bean(DatabaseClient.class);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aSecondReviewKeepsTheFirstInTheTrail() {
        RunningApi.TestApp app = TestApps.onboard(api, "Reviewed twice", "", "复审科技", Map.of());
        String id = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/apps/" + app.appId() + "/templates",
                Map.of("name", "n", "type", "NOTIFICATION", "content", "您的订单${no}已发货。")).expect(201).body().get("id").asText();
        ApiKey second = newReviewer();

        TestApps.post(api, reviewer, "/compliance/v1/templates/" + id + "/review", Map.of("decision", "APPROVED")).expect(200);
        TestApps.post(api, second, "/compliance/v1/templates/" + id + "/review",
                Map.of("decision", "REJECTED", "comment", "变量可带链接")).expect(200);

        JsonNode trail = audit("subjectType=TEMPLATE&subjectId=" + id);
        assertThat(trail.findValuesAsText("action")).containsExactly("TEMPLATE_REVIEWED", "TEMPLATE_REVIEWED");
        assertThat(trail.findValuesAsText("actor")).containsExactly(second.keyId(), reviewer.keyId());
        assertThat(trail.get(1).get("before").get("status").asText()).isEqualTo("PENDING");
        assertThat(trail.get(1).get("after").get("status").asText()).isEqualTo("APPROVED");
        assertThat(trail.get(0).get("before").get("status").asText()).isEqualTo("APPROVED");
        assertThat(trail.get(0).get("before").get("reviewedBy").asText()).isEqualTo(reviewer.keyId());
        assertThat(trail.get(0).get("after").get("status").asText()).isEqualTo("REJECTED");
        assertThat(trail.get(0).get("comment").asText()).isEqualTo("变量可带链接");
        assertThat(trail.get(0).get("appId").asText()).isEqualTo(app.appId());

        JsonNode decided = TestApps.call(api, reviewer, "GET", "/compliance/v1/review-queue?status=REJECTED", null)
                .expect(200).body();
        assertThat(decided.get("templates").findValuesAsText("id")).contains(id);
        assertThat(TestApps.call(api, reviewer, "GET", "/compliance/v1/review-queue", null).expect(200).body()
                .get("templates").findValuesAsText("id")).doesNotContain(id);
        assertThat(TestApps.call(api, reviewer, "GET", "/compliance/v1/review-queue?status=MAYBE", null).status()).isEqualTo(400);
    }

    @Test
    void aFalsePositiveIsListedOnTheAllowListAndItsRemovalFiltersTheTextAgain() {
        RunningApi.TestApp app = TestApps.onboard(api, "Allow-listed", "", "放行科技", Map.of("textAllowed", true));
        String text = "【放行科技】" + MARKETING;
        assertThat(send(app, text).status()).isEqualTo(422);
        JsonNode entry = awaitBlocked(app.appId());
        long blockedId = entry.get("id").asLong();

        TestApps.post(api, reviewer, "/compliance/v1/blocked/" + blockedId + "/review",
                Map.of("decision", "FALSE_POSITIVE", "comment", "已报备的会员活动")).expect(200);
        send(app, text).expect(202);

        JsonNode listed = TestApps.call(api, reviewer, "GET", "/compliance/v1/allowlist?appId=" + app.appId(), null)
                .expect(200).body().get("entries");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("blockedId").asLong()).isEqualTo(blockedId);
        assertThat(listed.get(0).get("createdBy").asText()).isEqualTo(reviewer.keyId());
        long allowId = listed.get(0).get("id").asLong();

        JsonNode removed = TestApps.call(api, reviewer, "DELETE", "/compliance/v1/allowlist/" + allowId + "?comment="
                + URLEncoder.encode("活动已结束", StandardCharsets.UTF_8), null).expect(200).body();
        assertThat(removed.get("id").asLong()).isEqualTo(allowId);
        assertThat(TestApps.call(api, reviewer, "DELETE", "/compliance/v1/allowlist/" + allowId, null).status()).isEqualTo(404);
        assertThat(send(app, text).status()).as("filtered again").isEqualTo(422);
        assertThat(TestApps.call(api, reviewer, "GET", "/compliance/v1/allowlist?appId=" + app.appId(), null)
                .expect(200).body().get("entries")).isEmpty();

        JsonNode allowTrail = audit("subjectType=ALLOWLIST&subjectId=" + allowId);
        assertThat(allowTrail.findValuesAsText("action")).containsExactly("ALLOWLIST_REMOVED", "ALLOWLIST_ADDED");
        assertThat(allowTrail.get(0).get("comment").asText()).isEqualTo("活动已结束");
        assertThat(allowTrail.get(0).get("before").get("blockedId").asLong()).isEqualTo(blockedId);
        assertThat(allowTrail.get(1).get("comment").asText()).isEqualTo("已报备的会员活动");
        JsonNode reviewTrail = audit("subjectType=BLOCKED&subjectId=" + blockedId);
        assertThat(reviewTrail.get(0).get("before").get("reviewState").asText()).isEqualTo("UNREVIEWED");
        assertThat(reviewTrail.get(0).get("after").get("reviewState").asText()).isEqualTo("FALSE_POSITIVE");
        assertThat(audit("action=ALLOWLIST_REMOVED&appId=" + app.appId()).findValuesAsText("subjectId"))
                .containsExactly(String.valueOf(allowId));
    }

    @Test
    void keysAreAuditedWhenCreatedAndRevoked() {
        RunningApi.TestApp app = TestApps.onboard(api, "Keys", "", "密钥科技", Map.of());
        String keyId = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/apps/" + app.appId() + "/keys", Map.of())
                .expect(201).body().get("keyId").asText();
        TestApps.call(api, RunningApi.ADMIN, "DELETE", "/admin/v1/keys/" + keyId, null).expect(204);

        JsonNode trail = audit("subjectType=KEY&subjectId=" + keyId);
        assertThat(trail.findValuesAsText("action")).containsExactly("KEY_REVOKED", "KEY_CREATED");
        assertThat(trail.findValuesAsText("actor")).containsOnly(RunningApi.ADMIN.keyId());
        assertThat(trail.get(0).get("after").get("revokedAt").asText()).isNotBlank();
        assertThat(audit("action=KEY_CREATED&appId=" + app.appId()).findValuesAsText("subjectId"))
                .contains(app.key().keyId(), keyId);
        JsonNode first = TestApps.call(api, reviewer, "GET", "/compliance/v1/audit?limit=1&subjectId=" + keyId, null).expect(200).body();
        assertThat(first.get("entries").findValuesAsText("action")).containsExactly("KEY_REVOKED");
        JsonNode second = TestApps.call(api, reviewer, "GET", "/compliance/v1/audit?limit=1&subjectId=" + keyId + "&cursor="
                + first.get("nextCursor").asText(), null).expect(200).body();
        assertThat(second.get("entries").findValuesAsText("action")).containsExactly("KEY_CREATED");
        assertThat(second.has("nextCursor")).as("the last page").isFalse();
        assertThat(TestApps.call(api, reviewer, "GET", "/compliance/v1/audit?action=NOPE", null).status()).isEqualTo(400);
        assertThat(TestApps.call(api, app.key(), "GET", "/compliance/v1/audit", null).status()).isEqualTo(403);
    }

    @Test
    void theTrailIsAppendOnly() {
        assertThat(audit("limit=1")).hasSize(1);
        assertThatThrownBy(() -> db.sql("UPDATE audit_log SET actor = 'someone else'").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM audit_log").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("TRUNCATE audit_log").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
    }

    @Test
    void theLogIsSearchedByRuleAndTextAndExportedAsCsv() throws Exception {
        RunningApi.TestApp app = TestApps.onboard(api, "Searched", "", "检索科技", Map.of("textAllowed", true));
        String marker = "Ab" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(send(app, "【检索科技】=HYPERLINK(\"x\") " + marker + " " + MARKETING).status()).isEqualTo(422);
        JsonNode entry = awaitBlocked(app.appId());
        String rule = entry.get("ruleIds").get(0).asText();

        assertThat(blocked("appId=" + app.appId() + "&rule=" + rule)).hasSize(1);
        assertThat(blocked("appId=" + app.appId() + "&rule=NO_SUCH_RULE")).isEmpty();
        // case-insensitive, and % and _ are literal characters, not wildcards
        assertThat(blocked("appId=" + app.appId() + "&q=" + marker.toLowerCase())).hasSize(1);
        assertThat(blocked("appId=" + app.appId() + "&q=" + URLEncoder.encode("大促", StandardCharsets.UTF_8))).hasSize(1);
        assertThat(blocked("appId=" + app.appId() + "&q=%25")).isEmpty();
        assertThat(blocked("appId=" + app.appId() + "&q=_")).isEmpty();

        TestApps.Answer forbidden = TestApps.call(api, app.key(), "GET", "/compliance/v1/blocked.csv", null);
        assertThat(forbidden.status()).isEqualTo(403);
        HttpResponse<String> csv = csv("/compliance/v1/blocked.csv?appId=" + app.appId() + "&rule=" + rule);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("\uFEFFid,at,appId");
        assertThat(lines.get(1)).startsWith("\"" + entry.get("id").asText() + "\"")
                .contains("\"" + app.appId() + "\"")
                // every field quoted, the text's quotes doubled
                .contains("\"【检索科技】=HYPERLINK(\"\"x\"\") " + marker);
    }

    /** The text search and the rule filter as PostgreSQL plans them: by the trigram and GIN indexes. */
    @Test
    void theRuleAndTextFiltersCanUseTheirIndexes() {
        String plan = db.inConnectionMany(connection -> reactor.core.publisher.Flux.from(connection
                        .createStatement("SET enable_seqscan = off").execute())
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(reactor.core.publisher.Flux.from(connection.createStatement(
                        "EXPLAIN SELECT * FROM blocked_messages WHERE rule_ids @> ARRAY['m.offer']::text[] AND text ILIKE '%优惠券%'")
                        .execute()))
                .flatMap(result -> result.map((row, meta) -> row.get(0, String.class))))
                .collectList().map(rows -> String.join("\n", rows)).block();
        assertThat(plan).containsAnyOf("blocked_messages_rules", "blocked_messages_text_trgm");
        String textPlan = db.inConnectionMany(connection -> reactor.core.publisher.Flux.from(connection
                        .createStatement("SET enable_seqscan = off").execute())
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(reactor.core.publisher.Flux.from(connection.createStatement(
                        "EXPLAIN SELECT * FROM blocked_messages WHERE text ILIKE '%优惠券%'").execute()))
                .flatMap(result -> result.map((row, meta) -> row.get(0, String.class))))
                .collectList().map(rows -> String.join("\n", rows)).block();
        assertThat(textPlan).contains("blocked_messages_text_trgm");
    }

    private static HttpResponse<String> csv(String pathAndQuery) throws Exception {
        // TestApps reads JSON; the export is signed the same way, read as text here
        URI uri = URI.create(api.baseUrl() + pathAndQuery);
        String ts = String.valueOf(System.currentTimeMillis() / 1000);
        String nonce = UUID.randomUUID().toString();
        String signature = org.sms1069.api.auth.RequestSignature.sign(reviewer.secret(),
                org.sms1069.api.auth.RequestSignature.canonical("GET", uri.getRawPath(), uri.getRawQuery(), ts, nonce, new byte[0]));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header(org.sms1069.api.auth.RequestSignature.KEY_ID, reviewer.keyId())
                .header(org.sms1069.api.auth.RequestSignature.TIMESTAMP, ts)
                .header(org.sms1069.api.auth.RequestSignature.NONCE, nonce)
                .header(org.sms1069.api.auth.RequestSignature.SIGNATURE, signature).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode blocked(String query) {
        return TestApps.call(api, reviewer, "GET", "/compliance/v1/blocked?" + query, null).expect(200).body().get("entries");
    }

    private static JsonNode awaitBlocked(String appId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> blocked("appId=" + appId), entries -> entries.size() == 1).get(0);
    }

    private static JsonNode audit(String query) {
        return TestApps.call(api, reviewer, "GET", "/compliance/v1/audit?" + query, null).expect(200).body().get("entries");
    }

    private static TestApps.Answer send(RunningApi.TestApp app, String text) {
        return TestApps.post(api, app.key(), "/v1/messages", Map.of("phones", List.of(Phones.unique("138")),
                "text", text, "type", "NOTIFICATION"));
    }

    private static ApiKey newReviewer() {
        JsonNode key = TestApps.post(api, RunningApi.ADMIN, "/admin/v1/reviewers", Map.of()).expect(201).body();
        return new ApiKey(key.get("keyId").asText(), key.get("keySecret").asText());
    }
}
