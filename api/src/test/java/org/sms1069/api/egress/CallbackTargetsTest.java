package org.sms1069.api.egress;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The callback target rules, and the client's resolver connecting only to checked addresses over real TCP. */
class CallbackTargetsTest {
    private static final CallbackTargets STRICT = new CallbackTargets(new EgressProperties(false, List.of()));
    private static final CallbackTargets LOCAL = new CallbackTargets(new EgressProperties(true, List.of("127.0.0.0/8", "::1/128")));

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aPublicHttpsUrlIsAccepted() {
        assertThat(STRICT.refusal("https://93.184.216.34/callbacks")).isEmpty();
        assertThat(STRICT.refusal("https://[2606:2800:220:1:248:1893:25c8:1946]:8443/cb")).isEmpty();
    }

    @Test
    void httpNeedsTheLocalSetting() {
        assertThat(STRICT.refusal("http://93.184.216.34/callbacks")).get().asString().contains("https");
        assertThat(LOCAL.refusal("http://93.184.216.34/callbacks")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/cb", "https://127.8.9.10/cb", "https://localhost/cb", "https://[::1]/cb",
            "https://169.254.169.254/latest/meta-data", "https://[fe80::1]/cb", "https://10.0.0.1/cb", "https://172.31.255.255/cb",
            "https://192.168.0.1/cb", "https://100.64.0.1/cb", "https://100.127.255.254/cb", "https://[fc00::1]/cb",
            "https://[fdff::1]/cb", "https://224.0.0.251/cb", "https://239.255.255.250/cb", "https://[ff02::1]/cb",
            "https://0.0.0.0/cb", "https://[::]/cb", "https://[::ffff:127.0.0.1]/cb", "https://255.255.255.255/cb"})
    void internalAddressesAreRefused(String url) {
        assertThat(STRICT.refusal(url)).as(url).get().asString().contains("internal");
    }

    @Test
    void neighboursOfTheInternalRangesArePublic() {
        for (String url : List.of("https://172.32.0.1/cb", "https://100.128.0.1/cb", "https://169.255.0.1/cb",
                "https://11.0.0.1/cb", "https://[fe00::1]/cb")) {
            assertThat(STRICT.refusal(url)).as(url).isEmpty();
        }
    }

    @Test
    void theAllowListLetsLocalReceiversIn() {
        assertThat(LOCAL.refusal("http://127.0.0.1:8080/cb")).isEmpty();
        assertThat(LOCAL.refusal("http://[::1]:8080/cb")).isEmpty();
        assertThat(LOCAL.refusal("http://10.0.0.1/cb")).as("only what is listed").isPresent();
    }

    @Test
    void malformedUrlsAreRefused() {
        assertThat(STRICT.refusal("https://exa mple.com/")).isPresent();
        assertThat(STRICT.refusal("https:///path-only")).isPresent();
        assertThat(STRICT.refusal("https://user:pw@93.184.216.34/")).isPresent();
        assertThat(STRICT.refusal("https://no-such-host.invalid/cb")).get().asString().contains("does not resolve");
    }

    @Test
    void theResolverDoesNotConnectToAnInternalAddressANameResolvesTo() {
        String url = "http://localhost:" + server.getAddress().getPort() + "/cb";

        assertThatThrownBy(() -> post(STRICT, url)).hasMessageContaining("internal");
        assertThat(requests).as("nothing reached the loopback receiver").hasValue(0);

        assertThat(post(LOCAL, url)).isEqualTo(204);
        assertThat(requests).hasValue(1);
    }

    private static Integer post(CallbackTargets targets, String url) {
        return HttpClient.create().resolver(new CheckedAddressResolver(targets))
                .post().uri(url).response().map(r -> r.status().code()).block(Duration.ofSeconds(10));
    }
}
