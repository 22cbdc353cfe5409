package org.sms1069.api.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.api.apps.App;
import org.sms1069.api.apps.AppService;
import org.sms1069.api.callback.CallbackQueue.Claimed;
import org.sms1069.messaging.RecordTrace;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.model.json.SmsJson;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the outbox: every poll claims due callbacks of apps that are not being called right now,
 * and calls each app on its own (one POST at a time per app, apps in parallel up to a bound), so one
 * slow or dead endpoint delays only its own app. Batches hold up to {@code batchSize} items of one kind.
 */
@Component
public class CallbackDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);

    private final CallbackQueue queue;
    private final AppService apps;
    private final CallbackSender sender;
    private final CallbackProperties properties;
    private final MeterRegistry meters;
    private final Timer latency;
    private final RecordTracing tracing;
    /** Apps with a delivery in flight; only the poll loop adds to it, so an app is never called twice at once. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private volatile Disposable loop;

    CallbackDispatcher(CallbackQueue queue, AppService apps, CallbackSender sender, CallbackProperties properties,
                       MeterRegistry meters, RecordTracing tracing) {
        this.tracing = tracing;
        this.queue = queue;
        this.apps = apps;
        this.sender = sender;
        this.properties = properties;
        this.meters = meters;
        this.latency = Timer.builder("sms_api_callback_latency").description("time of one callback POST").register(meters);
    }

    @Override
    public void start() {
        loop = Flux.interval(properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> poll().onErrorResume(error -> {
                    log.warn("cannot claim due callbacks, next poll retries: {}", error.toString());
                    meters.counter("sms_api_callback_poll_failures_total").increment();
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    private Mono<Void> poll() {
        int room = properties.maxConcurrentApps() - busy.size();
        if (room <= 0) {
            return Mono.empty();
        }
        return queue.claim(List.copyOf(busy), room, properties.batchSize(), properties.lease())
                .collectMultimap(Claimed::appId)
                .doOnNext(byApp -> byApp.forEach(this::launch))
                .then();
    }

    private void launch(String appId, Collection<Claimed> rows) {
        busy.add(appId);
        deliver(appId, List.copyOf(rows))
                .doFinally(signal -> busy.remove(appId))
                .subscribe(null, error -> {
                    // the rows stay claimed until their lease ends, then they are due again
                    log.error("callback delivery for app {} failed unexpectedly: {}", appId, error.toString());
                    meters.counter("sms_api_callbacks_total", "result", "error").increment(rows.size());
                });
    }

    private Mono<Void> deliver(String appId, List<Claimed> rows) {
        return apps.find(appId).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(app -> {
            String url = app.map(App::settings).map(s -> s.callbackUrl()).orElse(null);
            if (url == null) {
                return giveUp(appId, rows, "the app has no callback URL any more");
            }
            return apps.callbackSecret(appId).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(secret -> secret.isEmpty()
                    ? giveUp(appId, rows, "the app has no callback secret")
                    : Flux.fromIterable(batches(rows)).concatMap(batch -> send(appId, url, secret.get(), batch)).then());
        });
    }

    private Mono<Void> send(String appId, String url, String secret, List<Claimed> batch) {
        List<Long> ids = batch.stream().map(Claimed::id).toList();
        List<ObjectNode> items = batch.stream().map(CallbackDispatcher::item).toList();
        RecordTracing.Step span = traced(items);
        byte[] body = body(batch.get(0).kind(), items);
        Mono<CallbackSender.Outcome> posted = sender.post(url, secret, body)
                .doOnNext(outcome -> span.tag("http.status", outcome.status() == null ? null : outcome.status().toString())
                        .tag("error", outcome.error()))
                .doFinally(signal -> span.end(null));
        return posted.flatMap(outcome -> {
            latency.record(outcome.took());
            Mono<Void> recorded = queue.attempt(ids, appId, url, outcome.status(), outcome.error(), outcome.took());
            if (outcome.delivered()) {
                return recorded.then(queue.delivered(ids, outcome.status()))
                        .doOnSuccess(done -> count("delivered", ids.size()));
            }
            return recorded.then(queue.failed(ids, outcome.status(), outcome.error(), properties))
                    .doOnNext(gaveUp -> {
                        count("retry", ids.size() - gaveUp);
                        count("gave_up", gaveUp);
                        log.warn("callback of {} {} items to app {} failed ({}){}", ids.size(), batch.get(0).kind(), appId,
                                outcome.error(), gaveUp > 0 ? "; gave up " + gaveUp + " after " + properties.giveUpAfter() : "");
                    })
                    .then();
        });
    }

    /**
     * The span of one POST, which continues the trace kept with the first item that has one and links the other
     * items' traces (one POST serves several messages); takes the kept traces out of the items.
     */
    private RecordTracing.Step traced(List<ObjectNode> items) {
        List<RecordTrace> traces = items.stream()
                .map(item -> tracing.resume(item.path(CallbackOutbox.TRACEPARENT).textValue()))
                .filter(trace -> trace.traceId() != null).toList();
        items.forEach(item -> item.remove(CallbackOutbox.TRACEPARENT));
        return traces.isEmpty() ? RecordTracing.Step.NONE
                : tracing.startStep("callback", traces.get(0), traces).tag("callback.items", String.valueOf(items.size()));
    }

    private Mono<Void> giveUp(String appId, List<Claimed> rows, String reason) {
        return queue.giveUp(rows.stream().map(Claimed::id).toList(), reason).doOnNext(n -> {
            count("gave_up", n);
            log.warn("gave up {} callbacks of app {}: {}", n, appId, reason);
        }).then();
    }

    /** One batch per kind and at most batchSize items, oldest first. */
    private List<List<Claimed>> batches(List<Claimed> rows) {
        Map<String, List<Claimed>> byKind = new LinkedHashMap<>();
        rows.stream().sorted((a, b) -> Long.compare(a.id(), b.id()))
                .forEach(row -> byKind.computeIfAbsent(row.kind(), k -> new ArrayList<>()).add(row));
        List<List<Claimed>> batches = new ArrayList<>();
        for (List<Claimed> ofKind : byKind.values()) {
            for (int i = 0; i < ofKind.size(); i += properties.batchSize()) {
                batches.add(ofKind.subList(i, Math.min(ofKind.size(), i + properties.batchSize())));
            }
        }
        return batches;
    }

    /** {@code {"kind": "STATUS", "items": [{"callbackId": 17, ...payload}]}}; apps dedupe on callbackId. */
    private static byte[] body(String kind, List<ObjectNode> items) {
        ObjectNode root = SmsJson.mapper().createObjectNode();
        root.put("kind", kind);
        root.putArray("items").addAll(items);
        return SmsJson.write(root);
    }

    private static ObjectNode item(Claimed row) {
        ObjectNode item = SmsJson.mapper().createObjectNode();
        item.put("callbackId", row.id());
        try {
            item.setAll((ObjectNode) SmsJson.mapper().readTree(row.payload()));
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("callback " + row.id() + " has a malformed payload", e);
        }
        return item;
    }

    private void count(String result, long n) {
        if (n > 0) {
            meters.counter("sms_api_callbacks_total", "result", result).increment(n);
        }
    }

    /** Stops claiming, then lets the deliveries in flight finish for up to two timeouts. */
    @Override
    public void stop() {
        Disposable running = loop;
        loop = null;
        if (running != null) {
            running.dispose();
        }
        long deadline = System.nanoTime() + properties.timeout().multipliedBy(2).toNanos();
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
