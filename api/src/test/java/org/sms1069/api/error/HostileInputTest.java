package org.sms1069.api.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker with valid keys sends: every endpoint's body with each field in turn replaced by a
 * value of the wrong kind (null, nulls inside arrays and objects, huge and negative numbers, NUL,
 * long strings, nesting), bodies that are no object at all, and bad query values. None may answer 5xx,
 * and every refusal is problem+json.
 */
class HostileInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SIGNATURE = "敌意科技";
    private static final List<String> BAD_VALUES = List.of("null", "[null]", "{}", "{\"a\":null}", "[[]]", "\"\"",
            "1e400", "-1", "-9223372036854775809", "2147483648", "true", "\"\\u0000\"", "\"" + "x".repeat(3000) + "\"",
            "[\"" + "y".repeat(300) + "\"]", "{\"a\":[null]}", "\"2026-13-45T99:99:99Z\"", "\"P99999999D\"");
    private static final List<String> BAD_BODIES = List.of("{", "[]", "[null]", "null", "\"x\"", "1", "{}",
            "{\"unknown\":1}", "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}");

    private static RunningApi api;
    private static RunningApi.TestApp app;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Hostile", "", SIGNATURE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** An endpoint with a body that it accepts; each of its fields is broken in turn. */
    private record Endpoint(String method, String path, ApiKey key, String validBody) {
    }

    @Test
    void noBodyOfTheWrongShapeGetsA5xx() throws Exception {
        String appPath = "/admin/v1/apps/" + app.appId();
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/v1/messages", app.key(), "{\"phones\":[\"" + Phones.unique("138")
                        + "\"],\"text\":\"【" + SIGNATURE + "】您的订单已发货。\",\"type\":\"NOTIFICATION\",\"clientRef\":\"r\","
                        + "\"validity\":\"PT10M\",\"sendAt\":null,\"signature\":\"" + SIGNATURE + "\",\"params\":{\"a\":\"b\"}}"),
                new Endpoint("POST", "/v1/messages", app.key(), "{\"phones\":[\"" + Phones.unique("138")
                        + "\"],\"templateId\":\"tpl_none\",\"params\":{\"code\":\"1234\"},\"signature\":\"" + SIGNATURE + "\"}"),
                new Endpoint("POST", "/v1/verification-codes", app.key(), "{\"phone\":\"" + Phones.unique("138")
                        + "\",\"scene\":\"login\",\"signature\":\"" + SIGNATURE + "\"}"),
                new Endpoint("POST", "/v1/verification-codes/check", app.key(), "{\"phone\":\"" + Phones.unique("138")
                        + "\",\"scene\":\"login\",\"code\":\"123456\"}"),
                new Endpoint("POST", "/admin/v1/apps", RunningApi.ADMIN, "{\"name\":\"x\",\"extension\":\"\",\"settings\":"
                        + "{\"textAllowed\":true,\"linkDomains\":[\"example.com\"]}}"),
                new Endpoint("PATCH", appPath, RunningApi.ADMIN, "{\"textAllowed\":true,\"dailyQuota\":100000,"
                        + "\"verifyPerMinute\":1,\"verifyPerHour\":5,\"verifyPerDay\":10,\"codeLength\":6,"
                        + "\"codeAlphabet\":\"0123456789\",\"codeTtlSeconds\":300,\"linkDomains\":[\"example.com\"]}"),
                new Endpoint("POST", appPath + "/keys", RunningApi.ADMIN, "{}"),
                new Endpoint("POST", appPath + "/signatures", RunningApi.ADMIN, "{\"name\":\"敌意二号\"}"),
                new Endpoint("POST", appPath + "/templates", RunningApi.ADMIN,
                        "{\"name\":\"t\",\"type\":\"NOTIFICATION\",\"content\":\"您的订单${order}已发货。\"}"),
                new Endpoint("POST", "/admin/v1/dead-letters/replay", RunningApi.ADMIN,
                        "{\"fromOffset\":0,\"toOffset\":0,\"topic\":\"sms.submit\",\"partition\":0}"),
                new Endpoint("POST", "/admin/v1/reviewers", RunningApi.ADMIN, "{}"),
                new Endpoint("POST", "/compliance/v1/templates/tpl_none/review", reviewer(),
                        "{\"decision\":\"REJECTED\",\"comment\":\"no\"}"),
                new Endpoint("POST", "/compliance/v1/signatures/sig_none/review", reviewer(),
                        "{\"decision\":\"REJECTED\",\"comment\":\"no\"}"),
                new Endpoint("POST", "/compliance/v1/blocked/1/review", reviewer(),
                        "{\"decision\":\"CONFIRMED\",\"comment\":\"no\"}"),
                new Endpoint("POST", "/compliance/v1/complaints", reviewer(), "{\"phone\":\"" + Phones.unique("138")
                        + "\",\"time\":\"2026-11-28T08:00:00Z\",\"source\":\"CARRIER\",\"carrierRef\":\"r\",\"excerpt\":\"e\"}"),
                new Endpoint("POST", "/compliance/v1/suspensions", reviewer(),
                        "{\"appId\":\"" + app.appId() + "\",\"signature\":\"敌意三号\",\"reason\":\"r\"}"),
                new Endpoint("POST", "/compliance/v1/suspensions/1/lift", reviewer(), "{\"reason\":\"r\"}"));

        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (String body : bodies(endpoint.validBody())) {
                check(failures, SignedRequest.of(endpoint.method(), endpoint.path()).by(endpoint.key()).v2().body(body),
                        endpoint.method() + " " + endpoint.path() + " " + abbreviate(body));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void noBadQueryGetsA5xx() {
        List<String> values = List.of("", "abc", "-1", "0", "99999999999999999999", "%00", "%FF%FE", "2026-13-45",
                "%27%20OR%201%3D1", "x".repeat(2000));
        Map<String, List<String>> endpoints = new LinkedHashMap<>();
        endpoints.put("/v1/messages", List.of("phone", "status", "from", "to", "clientRef", "limit", "cursor"));
        endpoints.put("/v1/mo", List.of("from", "to", "limit", "cursor", "phone"));
        endpoints.put("/admin/v1/dead-letters", List.of("topic", "limit"));
        endpoints.put("/compliance/v1/blocked", List.of("from", "to", "appId", "category", "rule", "q", "reviewState", "cursor",
                "limit"));
        endpoints.put("/compliance/v1/blocked.csv", List.of("from", "appId", "rule", "q", "reviewState"));
        endpoints.put("/compliance/v1/complaints", List.of("from", "to", "appId", "signature", "source", "limit", "cursor"));
        endpoints.put("/compliance/v1/audit", List.of("from", "to", "actor", "action", "subjectType", "subjectId", "appId",
                "limit", "cursor"));
        endpoints.put("/compliance/v1/suspensions", List.of("state", "appId"));
        endpoints.put("/compliance/v1/allowlist", List.of("appId"));
        endpoints.put("/compliance/v1/review-queue", List.of("status"));
        List<String> failures = new ArrayList<>();
        endpoints.forEach((path, names) -> {
            ApiKey key = path.startsWith("/admin") ? RunningApi.ADMIN : path.startsWith("/compliance") ? reviewer() : app.key();
            for (String name : names) {
                for (String value : values) {
                    String target = path + "?" + name + "=" + value;
                    check(failures, SignedRequest.get(target).by(key).v2(), "GET " + abbreviate(target));
                }
            }
        });
        for (String id : List.of("%00", "..", "x".repeat(500), "%E4%B8")) {
            check(failures, SignedRequest.get("/v1/messages/" + id).by(app.key()).v2(), "GET /v1/messages/" + abbreviate(id));
            check(failures, SignedRequest.get("/admin/v1/apps/" + id).by(RunningApi.ADMIN).v2(), "GET app " + abbreviate(id));
            check(failures, SignedRequest.delete("/admin/v1/keys/" + id).by(RunningApi.ADMIN).v2(), "DELETE key " + abbreviate(id));
            check(failures, SignedRequest.delete("/compliance/v1/allowlist/" + id + "?comment=" + id).by(reviewer()).v2(),
                    "DELETE allow-list entry " + abbreviate(id));
        }
        assertThat(failures).isEmpty();
    }

    private static void check(List<String> failures, SignedRequest request, String what) {
        ApiResponse response = api.send(request);
        if (response.status() >= 500 || (response.status() >= 400 && !response.contentType().startsWith("application/problem+json"))) {
            failures.add(what + " -> " + response.status() + " " + abbreviate(response.body()));
        }
    }

    /** The valid body, the same with each field in turn replaced by each bad value, and bodies of the wrong shape. */
    private static List<String> bodies(String valid) throws Exception {
        List<String> bodies = new ArrayList<>(BAD_BODIES);
        bodies.add(valid);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = JSON.readValue(valid, LinkedHashMap.class);
        for (String field : fields.keySet()) {
            for (String bad : BAD_VALUES) {
                bodies.add(replaced(fields, field, bad));
            }
        }
        if (fields.get("settings") instanceof Map<?, ?> settings) {
            for (Object field : settings.keySet()) {
                for (String bad : BAD_VALUES) {
                    Map<String, Object> copy = new LinkedHashMap<>(fields);
                    copy.put("settings", JSON.readTree(replaced(castMap(settings), (String) field, bad)));
                    bodies.add(JSON.writeValueAsString(copy));
                }
            }
        }
        return bodies;
    }

    /** The fields as JSON text with one of them written as {@code rawJson}. */
    private static String replaced(Map<String, Object> fields, String field, String rawJson) throws Exception {
        List<String> members = new ArrayList<>();
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            String value = entry.getKey().equals(field) ? rawJson : JSON.writeValueAsString(entry.getValue());
            members.add(JSON.writeValueAsString(entry.getKey()) + ":" + value);
        }
        return "{" + String.join(",", members) + "}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static ApiKey reviewer() {
        ApiResponse created = api.send(SignedRequest.post("/admin/v1/reviewers").by(RunningApi.ADMIN).v2().json(Map.of()));
        return new ApiKey(created.json().get("keyId").asText(), created.json().get("keySecret").asText());
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
