package org.sms1069.e2e;

import org.sms1069.api.ApiApplication;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.smpp.SmppSimulatorConfig;
import org.sms1069.gateway.GatewayApplication;
import org.sms1069.router.RouterApplication;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestKafka;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.sms1069.testkit.SpanSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole platform in one JVM: api, router and gateway as three Spring Boot applications with their
 * own configuration, over real Kafka, Redis and PostgreSQL, linked over TCP to carrier simulators: an SMPP
 * one of its own (stopped with the platform) and any native-protocol ones the test brings.
 */
final class Platform implements AutoCloseable {
    static final String ADMIN_KEY_ID = "admin-e2e";
    /** The text key api, router and gateway share. */
    static final String TEXT_KEY = TestInfra.randomKey();
    static final String ADMIN_SECRET = "admin-secret-e2e";
    /** In one JVM the api's database libraries are on every service's classpath; only the api uses them. */
    private static final String WITHOUT_DATABASE = "--spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcDataAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.r2dbc.R2dbcRepositoriesAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.r2dbc.R2dbcTransactionManagerAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
            + "org.springframework.boot.actuate.autoconfigure.r2dbc.ConnectionFactoryHealthContributorAutoConfiguration";
    private static final String[] CARRIERS = {"CMCC", "CUCC", "CTCC", "INTL"};

    private final SmppSimulator smpp;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final String linkPrefix = TestInfra.unique("e2e").replace("e2e-", "e");
    private final ConfigurableApplicationContext api;
    /** Where every service exports its spans, every trace sampled; null: tracing as configured (sampled, not kept). */
    private final SpanSink spans;

    /**
     * How one carrier's link reaches its simulator.
     *
     * @param protocol CMPP20 | CMPP30 | SGIP12 | SMGP30 | SMPP34
     * @param extra    further link properties by their key, e.g. {@code listen-port} for SGIP
     */
    record Link(String carrier, String protocol, int port, String account, String password, Map<String, String> extra) {
        Link(String carrier, String protocol, int port, String account, String password) {
            this(carrier, protocol, port, account, password, Map.of());
        }
    }

    /** Every carrier on the SMPP simulator, which sends its reports after {@code smppReceiptDelay}. */
    Platform(Duration smppReceiptDelay) {
        this(smppReceiptDelay, List.of());
    }

    /** Every carrier on the SMPP simulator, except those {@code natives} sends to a native-protocol simulator. */
    Platform(Duration smppReceiptDelay, List<Link> natives) {
        this(smppReceiptDelay, natives, TestInfra.redisUri(), null);
    }

    /** As above, every service on the Redis at {@code redisUri} (e.g. a {@code PrivateRedis}, to count its commands). */
    Platform(Duration smppReceiptDelay, List<Link> natives, String redisUri) {
        this(smppReceiptDelay, natives, redisUri, null);
    }

    /** Every carrier on the SMPP simulator; each service exports every span it records to {@code spans}. */
    Platform(Duration smppReceiptDelay, SpanSink spans) {
        this(smppReceiptDelay, List.of(), TestInfra.redisUri(), spans);
    }

    private Platform(Duration smppReceiptDelay, List<Link> natives, String redisUri, SpanSink spans) {
        this.spans = spans;
        smpp = SmppSimulator.start(SmppSimulatorConfig.builder().port(0).receiptDelay(smppReceiptDelay).build());
        try {
            api = startServices(natives, redisUri);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Gateway, router and api, in that order; answers the api. */
    private ConfigurableApplicationContext startServices(List<Link> natives, String redisUri) {
        List<String> common = commonArgs(linkPrefix, links(smpp, natives), redisUri);
        if (spans != null) {
            common.addAll(List.of("--management.tracing.sampling.probability=1.0",
                    "--management.tracing.opentelemetry.export.schedule-delay=100ms"));
        }
        String schema = TestInfra.freshSchema();
        List<String> apiArgs = new ArrayList<>(common);
        apiArgs.addAll(TestInfra.databaseArgs(schema));
        apiArgs.addAll(List.of(
                "--sms.security.master-key=" + TestInfra.randomKey(),
                "--sms.security.admin-key-id=" + ADMIN_KEY_ID,
                "--sms.security.admin-key-secret=" + ADMIN_SECRET,
                // callbacks to a receiver in the test JVM, as deploy/local/up.sh allows for local development
                "--sms.callbacks.allow-http=true",
                "--sms.callbacks.allowed-networks=127.0.0.0/8"));
        List<String> withoutDatabase = new ArrayList<>(common);
        withoutDatabase.add(WITHOUT_DATABASE);
        services.add(start(GatewayApplication.class, GatewayApplication.CONFIG_NAME, withoutDatabase, spans));
        services.add(start(RouterApplication.class, RouterApplication.CONFIG_NAME, withoutDatabase, spans));
        ConfigurableApplicationContext api = start(ApiApplication.class, ApiApplication.CONFIG_NAME, apiArgs, spans);
        services.add(api);
        return api;
    }

    private static List<Link> links(SmppSimulator sim, List<Link> natives) {
        List<Link> links = new ArrayList<>();
        for (String carrier : CARRIERS) {
            links.add(natives.stream().filter(l -> l.carrier().equals(carrier)).findFirst().orElse(
                    new Link(carrier, "SMPP34", sim.port(), sim.config().systemId(), sim.config().password())));
        }
        return links;
    }

    private static List<String> commonArgs(String linkPrefix, List<Link> links, String redisUri) {
        List<String> common = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--sms.number=10690123456",
                "--sms.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--sms.kafka.partitions=3",
                "--sms.kafka.text-key=" + TEXT_KEY,
                "--sms.redis.uri=" + redisUri,
                // the router's batch window (20 ms in production), wide enough on a busy CI machine for the
                // parts of one multi-phone request to meet in one multi-destination submit
                "--sms.router.batch-window=300ms",
                "--spring.main.banner-mode=off"));
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            String link = "--sms.links[" + i + "].";
            common.addAll(List.of(link + "id=" + linkPrefix + "-" + l.carrier().toLowerCase(), link + "carrier=" + l.carrier(),
                    link + "protocol=" + l.protocol(), link + "host=127.0.0.1", link + "port=" + l.port(),
                    link + "account=" + l.account(), link + "password=" + l.password(), link + "service-id=MXX0010101",
                    link + "src-id=10690123456", link + "window=8", link + "tps=500"));
            l.extra().forEach((key, value) -> common.add(link + key + "=" + value));
        }
        return common;
    }

    /** Only the gateway, with these links: for watching link state without the rest of the platform. */
    static ConfigurableApplicationContext gatewayOnly(List<Link> links) {
        List<String> args = new ArrayList<>(commonArgs(TestInfra.unique("g").replace("g-", "g"), links, TestInfra.redisUri()));
        args.add(WITHOUT_DATABASE);
        // a link without a connection counts as down at once, not as reconnecting for the usual grace
        args.add("--sms.link-down-grace=0s");
        return start(GatewayApplication.class, GatewayApplication.CONFIG_NAME, args, null);
    }

    static int port(ConfigurableApplicationContext service) {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    /** The port of a service's management server: /actuator/health, info, prometheus. */
    static int managementPort(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.management.port"));
    }

    /** The SMPP simulator every carrier without a native link goes to. */
    SmppSimulator smpp() {
        return smpp;
    }

    String linkId(String carrier) {
        return linkPrefix + "-" + carrier.toLowerCase();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) api).getWebServer().getPort();
    }

    SignedClient admin() {
        return new SignedClient(apiUrl(), ADMIN_KEY_ID, ADMIN_SECRET);
    }

    /**
     * What an operator does for a new customer: create the app (free text allowed), register its
     * signature, and have a compliance reviewer approve it. Answers a client signed with the app's key.
     */
    SignedClient onboardApp(String name, String extension, String signature) {
        AppKey key = onboardAppKey(name, extension, signature);
        return new SignedClient(apiUrl(), key.keyId(), key.secret());
    }

    /** An app's id and key, as the operator hands them to the app's developers. */
    record AppKey(String appId, String keyId, String secret) {
    }

    /** As {@link #onboardApp}, answering the app's id and key. */
    AppKey onboardAppKey(String name, String extension, String signature) {
        SignedClient admin = admin();
        SignedClient.Response created = admin.post("/admin/v1/apps",
                Map.of("name", name, "extension", extension, "settings", Map.of("textAllowed", true)));
        require(created, 201);
        String appId = created.body().get("appId").asText();
        SignedClient.Response sig = admin.post("/admin/v1/apps/" + appId + "/signatures", Map.of("name", signature));
        require(sig, 201);
        SignedClient.Response reviewerKey = admin.post("/admin/v1/reviewers", Map.of());
        require(reviewerKey, 201);
        SignedClient reviewer = new SignedClient(apiUrl(), reviewerKey.body().get("keyId").asText(),
                reviewerKey.body().get("keySecret").asText());
        require(reviewer.post("/compliance/v1/signatures/" + sig.body().get("id").asText() + "/review",
                Map.of("decision", "APPROVED")), 200);
        return new AppKey(appId, created.body().get("keyId").asText(), created.body().get("keySecret").asText());
    }

    private static void require(SignedClient.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + response.status() + ": " + response.body());
        }
    }

    private static ConfigurableApplicationContext start(Class<?> app, String configName, List<String> args, SpanSink spans) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(app).properties(configName);
        if (spans != null) {
            builder.initializers((GenericApplicationContext context) -> context.registerBean("spanSink", SpanExporter.class, () -> spans));
        }
        return builder.run(args.toArray(String[]::new));
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        smpp.close();
    }
}
