package org.sms1069.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.testing.ApiKey;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a real api serves: every operation declares its problem+json answers with examples,
 * and docs/openapi.json is exactly that document. After an intended API change, regenerate it with
 * {@value #REGENERATE} (or copy api/target/openapi.json, which every run writes, to docs/openapi.json).
 */
class OpenApiDocumentTest {
    static final String REGENERATE = "mvn -o -q -B -pl api -am test -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true";
    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final Path SERVED_COPY = Path.of("target", "openapi.json");
    private static final Set<String> SIGNED_PREFIXES = Set.of("/v1/", "/admin/", "/compliance/");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static RunningApi api;
    private static JsonNode served;

    @BeforeAll
    static void start() throws Exception {
        api = RunningApi.start();
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        served = normalised(JSON.readTree(response.body()));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** Without the server URL, which names the test's random port; keys sorted, so a diff shows only real changes. */
    static JsonNode normalised(JsonNode document) throws Exception {
        ObjectNode copy = document.deepCopy();
        copy.remove("servers");
        return JSON.readTree(JSON.writeValueAsString(JSON.treeToValue(copy, Object.class)));
    }

    @Test
    void committedDocumentIsTheServedOne() throws Exception {
        String text = JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n";
        Files.createDirectories(SERVED_COPY.getParent());
        Files.writeString(SERVED_COPY, text);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, text);
        }
        assertThat(Files.exists(COMMITTED)).as("docs/openapi.json is missing; create it with: " + REGENERATE).isTrue();
        List<String> differences = new ArrayList<>();
        differences(normalised(JSON.readTree(Files.readString(COMMITTED))), served, "", differences);
        assertThat(differences)
                .as("docs/openapi.json differs from the document the api serves (written to api/target/openapi.json). "
                        + "If the API change is intended, regenerate it with: " + REGENERATE
                        + "  (or: cp api/target/openapi.json docs/openapi.json). First differences, committed -> served")
                .isEmpty();
    }

    /** Where two documents differ, as JSON pointers with both values; at most 20, so a failure stays readable. */
    private static void differences(JsonNode committed, JsonNode served, String pointer, List<String> out) {
        if (out.size() >= 20 || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new java.util.TreeSet<>();
            committed.fieldNames().forEachRemaining(names::add);
            served.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(committed.path(name), served.path(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (committed.isArray() && served.isArray() && committed.size() == served.size()) {
            for (int i = 0; i < committed.size(); i++) {
                differences(committed.get(i), served.get(i), pointer + "/" + i, out);
            }
        } else {
            out.add(pointer + ": " + abbreviated(committed) + " -> " + abbreviated(served));
        }
    }

    private static String abbreviated(JsonNode node) {
        String text = node.isMissingNode() ? "(absent)" : node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Test
    void everySignedOperationDeclaresItsProblems() {
        List<String> operations = new ArrayList<>();
        served.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = method.getValue().get("responses");
            if (SIGNED_PREFIXES.stream().anyMatch(path.getKey()::startsWith)) {
                operations.add(name);
                for (String status : List.of("400", "401", "403", "503")) {
                    assertThat(responses.has(status)).as(name + " declares " + status).isTrue();
                    JsonNode media = responses.get(status).get("content").get("application/problem+json");
                    assertThat(media.get("schema").get("$ref").asText()).as(name).isEqualTo("#/components/schemas/Problem");
                    assertThat(media.get("examples").size()).as(name + " " + status + " examples").isPositive();
                }
                assertThat(responses.get("503").get("headers").has("Retry-After")).as(name).isTrue();
            }
        }));
        assertThat(operations).contains("POST /v1/messages", "GET /v1/messages/{id}", "POST /admin/v1/apps");
    }

    @Test
    void eachEndpointAddsTheProblemsItsShapeAndHandlerCanGive() {
        JsonNode send = served.at("/paths/~1v1~1messages/post/responses");
        assertThat(iterable(send.fieldNames())).contains("202", "400", "401", "403", "404", "409", "413", "415", "422", "429", "503");
        assertThat(iterable(send.at("/422/content/application~1problem+json/examples").fieldNames()))
                .containsExactlyInAnyOrder("NO_VALID_RECIPIENT", "MO_NOT_FOUND", "REPLY_PHONE_MISMATCH", "TEMPLATE_NOT_APPROVED",
                        "SIGNATURE_NOT_APPROVED", "CONTENT_BLOCKED");
        assertThat(iterable(send.at("/403/content/application~1problem+json/examples").fieldNames()))
                .containsExactlyInAnyOrder("FORBIDDEN", "TEXT_NOT_ALLOWED", "SENDER_SUSPENDED");
        assertThat(send.at("/429/headers").has("Retry-After")).isTrue();

        JsonNode status = served.at("/paths/~1v1~1messages~1{id}/get/responses");
        assertThat(iterable(status.fieldNames())).contains("200", "400", "401", "403", "404", "503").doesNotContain("409", "413");
        JsonNode list = served.at("/paths/~1v1~1messages/get/responses");
        assertThat(iterable(list.fieldNames())).doesNotContain("404", "409", "413");
    }

    @Test
    void everyErrorCodeHasAnExampleShapedLikeARealAnswer() {
        JsonNode examples = served.at("/components/examples");
        JsonNode schema = served.at("/components/schemas/Problem");
        for (ErrorCode code : ErrorCode.values()) {
            JsonNode value = examples.get(code.name()).get("value");
            assertThat(value.get("code").asText()).isEqualTo(code.name());
            assertThat(value.get("status").asInt()).isEqualTo(code.status().value());
            schema.get("required").forEach(field -> assertThat(value.has(field.asText())).as(code + " has " + field).isTrue());
        }
        // a real answer has the example's members
        ApiResponse unsigned = api.send(SignedRequest.get("/v1/messages/01M8H24F9Z7W1ZQEHFZB47Q1CS")
                .by(new ApiKey("AKUNKNOWN", "not-a-secret")).v2());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.contentType()).startsWith("application/problem+json");
        assertThat(iterable(unsigned.json().fieldNames()))
                .containsAll(iterable(examples.get("UNAUTHENTICATED").get("value").fieldNames()));
        assertThat(unsigned.json().get("type").asText()).isEqualTo(examples.at("/UNAUTHENTICATED/value/type").asText());
        assertThat(schema.at("/properties/code/enum").size()).isEqualTo(ErrorCode.values().length);
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
