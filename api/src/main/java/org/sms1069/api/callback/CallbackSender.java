package org.sms1069.api.callback;

import io.netty.channel.ChannelOption;
import org.sms1069.api.egress.CallbackTargets;
import org.sms1069.api.egress.CheckedAddressResolver;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** POSTs one signed batch to an app; owns the timeout. Never fails: the outcome says what happened. */
@Component
class CallbackSender {
    private final WebClient web;
    private final Duration timeout;
    private final CallbackTargets targets;
    private final Clock clock;

    CallbackSender(WebClient.Builder builder, CallbackProperties properties, CallbackTargets targets, Clock clock) {
        this.timeout = properties.timeout();
        this.targets = targets;
        this.clock = clock;
        HttpClient http = HttpClient.create()
                .resolver(new CheckedAddressResolver(targets))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout)
                .followRedirect(false);
        this.web = builder.clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    /** @param status the HTTP status, null when there was no answer; error says why it failed, null if 2xx */
    record Outcome(Integer status, String error, Duration took) {
        boolean delivered() {
            return error == null;
        }
    }

    Mono<Outcome> post(String url, String secret, byte[] body) {
        return Mono.defer(() -> {
            long timestamp = clock.instant().getEpochSecond();
            String signature = CallbackSigner.sign(secret, timestamp, body);
            long start = System.nanoTime();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                return Mono.just(new Outcome(null, "callback URL is not a valid URI", Duration.ZERO));
            }
            var refusal = targets.sendRefusal(uri);
            if (refusal.isPresent()) {
                return Mono.just(new Outcome(null, refusal.get(), Duration.ZERO));
            }
            return web.post().uri(uri)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(CallbackSigner.TIMESTAMP, String.valueOf(timestamp))
                    .header(CallbackSigner.SIGNATURE, signature)
                    .bodyValue(body)
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .timeout(timeout)
                    .map(status -> new Outcome(status, status / 100 == 2 ? null : "HTTP " + status, since(start)))
                    .onErrorResume(error -> Mono.just(new Outcome(null, describe(error), since(start))));
        });
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
