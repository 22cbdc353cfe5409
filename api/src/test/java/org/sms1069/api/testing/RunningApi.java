package org.sms1069.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.sms1069.api.ApiApplication;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The api as it runs in production, on a random port, over the real Kafka, Redis and PostgreSQL of
 * the tests, in a fresh schema. One per test class; {@link #close()} stops it, so that no two api
 * instances of one JVM share the {@code sms.status} consumer group at once.
 */
public final class RunningApi implements AutoCloseable {
    public static final String NUMBER = "10690123456";
    public static final ApiKey ADMIN = new ApiKey("admin-api-test", "admin-secret-api-test");

    private final ConfigurableApplicationContext context;
    private final String schema;
    private final String baseUrl;

    private RunningApi(ConfigurableApplicationContext context, String schema) {
        this.context = context;
        this.schema = schema;
        this.baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** @param overrides more {@code name=value} properties, e.g. smaller limits */
    public static RunningApi start(String... overrides) {
        return startWith(context -> {
        }, overrides);
    }

    /**
     * @param beans registers more beans before the api's own, e.g. a {@code @Primary} Publisher over a
     *              producer configured to fail for some records
     */
    public static RunningApi startWith(ApplicationContextInitializer<GenericApplicationContext> beans, String... overrides) {
        String schema = TestInfra.freshSchema();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--sms.number=" + NUMBER,
                "--sms.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--sms.kafka.partitions=3",
                "--sms.kafka.text-key=" + TestInfra.randomKey(),
                "--sms.redis.uri=" + TestInfra.redisUri(),
                "--sms.security.master-key=" + TestInfra.randomKey(),
                "--sms.security.admin-key-id=" + ADMIN.keyId(),
                "--sms.security.admin-key-secret=" + ADMIN.secret()));
        args.addAll(TestInfra.databaseArgs(schema));
        for (String override : overrides) {
            // a repeated command-line property would be joined with a comma, not replaced
            args.removeIf(arg -> arg.startsWith("--" + override.substring(0, override.indexOf('=') + 1)));
            args.add("--" + override);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ApiApplication.class)
                .properties(ApiApplication.CONFIG_NAME)
                .initializers(beans)
                .run(args.toArray(String[]::new));
        return new RunningApi(context, schema);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The management server's base URL: health, info, prometheus. */
    public String managementUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }

    public String schema() {
        return schema;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ApiResponse send(SignedRequest request) {
        return request.send(baseUrl);
    }

    /** An app with its first key. */
    public record TestApp(String appId, String extension, String signature, ApiKey key) {
    }

    /**
     * What an operator does for a new customer: create the app with free text allowed, register its
     * signature and have a compliance reviewer approve it (signed with version 2, which every api accepts).
     */
    public TestApp onboardApp(String name, String extension, String signature) {
        JsonNode app = expect(201, send(SignedRequest.post("/admin/v1/apps").by(ADMIN).v2().json(
                Map.of("name", name, "extension", extension, "settings", Map.of("textAllowed", true)))));
        String appId = app.get("appId").asText();
        JsonNode sig = expect(201, send(SignedRequest.post("/admin/v1/apps/" + appId + "/signatures").by(ADMIN).v2()
                .json(Map.of("name", signature))));
        JsonNode reviewer = expect(201, send(SignedRequest.post("/admin/v1/reviewers").by(ADMIN).v2().json(Map.of())));
        ApiKey reviewerKey = new ApiKey(reviewer.get("keyId").asText(), reviewer.get("keySecret").asText());
        expect(200, send(SignedRequest.post("/compliance/v1/signatures/" + sig.get("id").asText() + "/review")
                .by(reviewerKey).v2().json(Map.of("decision", "APPROVED"))));
        return new TestApp(appId, extension, signature, new ApiKey(app.get("keyId").asText(), app.get("keySecret").asText()));
    }

    private static JsonNode expect(int status, ApiResponse response) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response);
        }
        return response.json();
    }

    @Override
    public void close() {
        context.close();
    }
}
