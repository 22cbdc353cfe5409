package org.sms1069.router.resolve;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.Received;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.model.Carrier;
import org.sms1069.model.MessageStatus;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.model.event.StatusEvent;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.router.archive.SubmitArchive;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Consumes {@code sms.status} (group {@code router-np}) and learns number portability from receipts:
 * <ul>
 *   <li>{@code NP:xxxx} from any carrier: the number was ported. If the code names a carrier
 *       ({@code NP:CTCC}) that is the new one; otherwise the next carrier in the fixed order
 *       CMCC → CUCC → CTCC (cyclic) that has not been tried for this phone.</li>
 *   <li>one of the configured "not our subscriber" stats (default {@code MK:0001}, "no such user")
 *       from the carrier of the number's segment: a ported-out number looks like an empty one to its
 *       old carrier. From any other carrier the stat means what it says and teaches nothing.</li>
 * </ul>
 * The override is stored in Redis, the carriers tried are recorded ({@code sms:np-tried:<phone>}, 30 days), and
 * the message is sent once more — at most once per message — by reading it back from {@code sms.submit} at the
 * place the receipt names ({@link StatusEvent#origin()}) and writing it there again with {@code reroute = 1};
 * routing it resolves to the learned carrier.
 */
public final class PortabilityLearner implements ReliableConsumer.Handler<StatusEvent> {
    private static final Logger log = LoggerFactory.getLogger(PortabilityLearner.class);
    private static final List<Carrier> ORDER = List.of(Carrier.CMCC, Carrier.CUCC, Carrier.CTCC);
    private static final Duration TRIED_TTL = Duration.ofDays(30);
    /** The statuses the learner acts on ({@link ReliableConsumer#onlyKinds}). */
    public static final Set<String> KINDS = Set.of(MessageStatus.UNDELIVERED.name());

    private final CarrierResolver resolver;
    private final PortabilityOverrides overrides;
    private final SubmitArchive messages;
    private final RedisAsyncCommands<String, String> redis;
    private final Publisher publisher;
    private final Set<String> notSubscriberStats;
    private final Duration messageTtl;
    private final MeterRegistry meters;

    public PortabilityLearner(CarrierResolver resolver, PortabilityOverrides overrides, SubmitArchive messages,
                              RedisAsyncCommands<String, String> redis, Publisher publisher,
                              List<String> notSubscriberStats, Duration messageTtl, MeterRegistry meters) {
        this.resolver = resolver;
        this.overrides = overrides;
        this.messages = messages;
        this.redis = redis;
        this.publisher = publisher;
        this.notSubscriberStats = notSubscriberStats.stream().map(s -> s.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.messageTtl = messageTtl;
        this.meters = meters;
    }

    @Override
    public CompletionStage<?> handle(Received<StatusEvent> record) {
        StatusEvent event = record.value();
        if (event.status() != MessageStatus.UNDELIVERED || event.rawStat() == null || event.carrier() == null
                || event.phone() == null) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<PhoneNumber> phone = PhoneNumbers.parse(event.phone()).number().filter(PhoneNumber::mainland);
        if (phone.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String stat = event.rawStat().strip().toUpperCase(Locale.ROOT);
        boolean ported = stat.startsWith("NP:");
        boolean notSubscriber = !ported && notSubscriberStats.contains(stat)
                && resolver.original(phone.get()).filter(c -> c == event.carrier()).isPresent();
        if (!ported && !notSubscriber) {
            return CompletableFuture.completedFuture(null);
        }
        String source = ported ? "np" : "not-subscriber";
        Optional<Carrier> named = ported ? PortabilityOverrides.parseCarrier(stat.substring(3)) : Optional.empty();
        return learn(phone.get(), event.carrier(), named, source)
                .thenCompose(learned -> learned.isPresent()
                        ? reroute(event, source)
                        : CompletableFuture.completedFuture(null));
    }

    private CompletionStage<Optional<Carrier>> learn(PhoneNumber phone, Carrier refusing, Optional<Carrier> named, String source) {
        String triedKey = "sms:np-tried:" + phone.value();
        return redis.sadd(triedKey, refusing.name())
                .thenCompose(added -> redis.expire(triedKey, TRIED_TTL))
                .thenCompose(ok -> redis.smembers(triedKey))
                .thenCompose(tried -> {
                    Optional<Carrier> next = named.filter(c -> c != refusing)
                            .or(() -> nextUntried(refusing, tried));
                    if (next.isEmpty()) {
                        meters.counter("sms_router_portability_unresolved_total").increment();
                        log.info("{} refused by {} ({}), and every carrier has been tried", phone.masked(), refusing, source);
                        return CompletableFuture.completedFuture(Optional.<Carrier>empty());
                    }
                    meters.counter("sms_router_portability_learned_total", "source", source).increment();
                    log.info("{} learned as ported to {} ({} from {})", phone.masked(), next.get(), source, refusing);
                    return overrides.set(phone, next.get()).thenApply(done -> next);
                });
    }

    /** The carrier after {@code refusing} in CMCC → CUCC → CTCC → CMCC that has not refused the phone yet. */
    static Optional<Carrier> nextUntried(Carrier refusing, Set<String> tried) {
        int start = Math.max(ORDER.indexOf(refusing), 0);
        for (int i = 1; i <= ORDER.size(); i++) {
            Carrier candidate = ORDER.get((start + i) % ORDER.size());
            if (candidate != refusing && !tried.contains(candidate.name())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The parts of a message each bring a receipt: a claim in Redis lets only the first re-route it,
     * and a message that was re-routed already is not sent a third time.
     */
    private CompletionStage<?> reroute(StatusEvent event, String source) {
        String messageId = event.messageId();
        String claim = "sms:np-rerouted:" + messageId;
        return redis.set(claim, source, SetArgs.Builder.nx().ex(messageTtl)).thenCompose(ok -> {
            if (!"OK".equals(ok)) {
                return CompletableFuture.completedFuture(null);
            }
            return messages.find(event.origin(), messageId).thenCompose(found -> {
                if (found.isEmpty() || found.get().reroute() > 0) {
                    log.info("{} not sent again: {}", messageId, found.isEmpty() ? "no longer kept" : "already re-routed once");
                    return CompletableFuture.completedFuture(null);
                }
                AcceptedMessage again = found.get().rerouted();
                meters.counter("sms_router_portability_reroutes_total").increment();
                return publisher.publish(Topics.SUBMIT, again.phone(), again)
                        .handle((metadata, error) -> {
                            if (error == null) {
                                return CompletableFuture.completedFuture((Object) metadata);
                            }
                            // give the claim back, so that the consumer's retry can re-route it
                            return redis.del(claim).<Object>thenCompose(n -> CompletableFuture.failedFuture(error));
                        })
                        .thenCompose(stage -> stage);
            });
        });
    }
}
