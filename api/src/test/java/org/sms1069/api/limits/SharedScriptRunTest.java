package org.sms1069.api.limits;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.apps.AppSettings;
import org.sms1069.api.auth.NonceClaim;
import org.sms1069.api.auth.NonceStore;
import org.sms1069.api.error.ApiException;
import org.sms1069.api.error.ErrorCode;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.ApiOnOwnRedis;
import org.sms1069.model.MessageType;
import org.sms1069.testkit.PrivateRedis;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends that come while a run of the send script is busy share the next run: one round trip and one quota increment
 * for all of them, each send still decided as if it had run alone (quota, nonce, identical content). Real Redis of
 * the test's own, so that its command counts are this test's.
 */
class SharedScriptRunTest {
    private static final String TEXT = "【示例科技】您的订单已发货，请注意查收。";
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(10);

    private static ApiOnOwnRedis running;
    private static PrivateRedis redis;
    private static FrequencyLimiter limiter;
    private static NonceStore nonces;

    @BeforeAll
    static void start() throws Exception {
        running = ApiOnOwnRedis.start();
        redis = running.redis();
        limiter = running.api().bean(FrequencyLimiter.class);
        nonces = running.api().bean(NonceStore.class);
        // Redis learns the script on its first run; the runs that found it unknown would be counted twice
        send("app-" + UUID.randomUUID(), AppSettings.DEFAULTS, Phones.unique("138"), newNonce()).block(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void sendsMadeTogetherShareScriptRuns() {
        String app = "app-" + UUID.randomUUID();
        List<Mono<List<FrequencyLimiter.Verdict>>> sends = new ArrayList<>();
        IntStream.range(0, 24).forEach(i -> sends.add(send(app, AppSettings.DEFAULTS, Phones.unique("138"), newNonce())));
        redis.resetCounts();

        List<List<FrequencyLimiter.Verdict>> verdicts = together(sends);

        assertThat(verdicts).allSatisfy(v -> assertThat(v).singleElement().matches(FrequencyLimiter.Verdict::allowed));
        Map<String, Long> calls = redis.commandCalls();
        long runs = calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L);
        System.out.println("24 one-phone sends made together: " + runs + " script runs, Redis commands " + calls);
        assertThat(runs).as("script runs for 24 sends made together " + calls).isLessThanOrEqualTo(12);
        assertThat(calls.getOrDefault("incrby", 0L)).as("quota increments, one per run " + calls).isEqualTo(runs);
    }

    @Test
    void theDailyQuotaHoldsAcrossSendsMadeTogether() {
        String app = "app-" + UUID.randomUUID();
        AppSettings quotaOfFive = new AppSettings(null, 5, null, null, null, null, null, null, null, null)
                .over(AppSettings.DEFAULTS);
        List<Mono<List<FrequencyLimiter.Verdict>>> sends = new ArrayList<>();
        IntStream.range(0, 8).forEach(i -> sends.add(send(app, quotaOfFive, Phones.unique("138"), newNonce())));

        Map<String, Long> limits = together(sends).stream()
                .collect(Collectors.groupingBy(v -> v.get(0).limit(), Collectors.counting()));

        assertThat(limits).isEqualTo(Map.of("OK", 5L, "DAILY_QUOTA", 3L));
        try (var connection = redis.connect()) {
            assertThat(connection.sync().get("sms:quota:" + app + ":" + LocalDate.now(ZoneId.of("Asia/Shanghai"))))
                    .as("the day's count: what was refused is given back").isEqualTo("5");
        }
    }

    /** Sends made together have no order among them (nor have concurrent requests): one of each pair wins. */
    @Test
    void aNonceOrAContentUsedTwiceAmongSendsMadeTogetherIsRefusedOnce() {
        String app = "app-" + UUID.randomUUID();
        NonceClaim replayed = newNonce();
        String phone = Phones.unique("138");
        List<Mono<List<FrequencyLimiter.Verdict>>> sends = List.of(
                send(app, AppSettings.DEFAULTS, Phones.unique("138"), replayed),
                send(app, AppSettings.DEFAULTS, Phones.unique("138"), replayed),
                send(app, AppSettings.DEFAULTS, phone, newNonce()),
                send(app, AppSettings.DEFAULTS, phone, newNonce()));

        List<Object> outcomes = Flux.fromIterable(sends)
                .flatMapSequential(send -> send.<Object>map(v -> v.get(0).limit())
                        .onErrorResume(ApiException.class, e -> Mono.just(e.code())))
                .collectList().block(Duration.ofSeconds(10));

        assertThat(outcomes.subList(0, 2)).as("the same nonce twice").containsExactlyInAnyOrder("OK", ErrorCode.UNAUTHENTICATED);
        assertThat(outcomes.subList(2, 4)).as("the same text to the same phone twice")
                .containsExactlyInAnyOrder("OK", "IDENTICAL_CONTENT");
    }

    private static Mono<List<FrequencyLimiter.Verdict>> send(String app, AppSettings settings, String phone, NonceClaim nonce) {
        return limiter.acquire(app, settings, List.of(new FrequencyLimiter.Candidate(phone, UUID.randomUUID().toString())),
                MessageType.NOTIFICATION, TEXT, nonce);
    }

    private static NonceClaim newNonce() {
        return nonces.claim("key-of-the-test", UUID.randomUUID().toString(), NONCE_LIFETIME);
    }

    /** Subscribes to every send before any answer can come back, and waits for all, in their order. */
    private static List<List<FrequencyLimiter.Verdict>> together(List<Mono<List<FrequencyLimiter.Verdict>>> sends) {
        return Flux.fromIterable(sends).flatMapSequential(send -> send, sends.size()).collectList().block(Duration.ofSeconds(10));
    }
}
