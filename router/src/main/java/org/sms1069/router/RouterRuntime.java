package org.sms1069.router;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.ConsumerSettings;
import org.sms1069.messaging.KafkaClients;
import org.sms1069.messaging.KafkaSettings;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.Resources;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Topic;
import org.sms1069.model.Topics;
import org.sms1069.model.event.LinkHealth;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.router.config.RouterProperties;
import org.sms1069.router.link.LinkDispatch;
import org.sms1069.router.link.LinkHealthView;
import org.sms1069.router.link.LinkSelector;
import org.sms1069.router.link.WaitingParts;
import org.sms1069.router.resolve.CarrierResolver;
import org.sms1069.router.resolve.PortabilityLearner;
import org.sms1069.router.resolve.PortabilityOverrides;
import org.sms1069.router.retry.RetryHandler;
import org.sms1069.router.link.OutboundBatcher;
import org.sms1069.router.archive.SubmitArchive;
import org.sms1069.router.submit.SubmitHandler;
import org.sms1069.router.submit.UdhReferences;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Creates the topics, reads link health, then runs the consumers until shutdown: {@code sms.submit}
 * (group router), {@code sms.retry} (router-retry), {@code sms.scheduled} (router-scheduled: schedules
 * and retries never hold each other up) and {@code sms.status} (router-np: portability learning).
 */
@Component
public class RouterRuntime implements SmartLifecycle {
    public static final String GROUP_SUBMIT = "router";
    public static final String GROUP_RETRY = "router-retry";
    public static final String GROUP_SCHEDULED = "router-scheduled";
    public static final String GROUP_PORTABILITY = "router-np";
    private static final int MAX_POLL_RECORDS = 500;

    private final RouterProperties properties;
    private final MeterRegistry meters;
    private final StatefulRedisConnection<String, String> redis;
    private final CarrierResolver resolver;
    private final PortabilityOverrides overrides;
    private final ConsumerHealth consumers;
    private final RecordTracing tracing;
    private final Resources resources = new Resources();
    private volatile boolean running;
    private volatile LinkHealthView health;

    public RouterRuntime(RouterProperties properties, MeterRegistry meters, StatefulRedisConnection<String, String> redis,
                         CarrierResolver resolver, PortabilityOverrides overrides, ConsumerHealth consumers,
                         RecordTracing tracing) {
        this.properties = properties;
        this.tracing = tracing;
        this.consumers = consumers;
        this.meters = meters;
        this.redis = redis;
        this.resolver = resolver;
        this.overrides = overrides;
    }

    @Override
    public void start() {
        try {
            startAll();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void startAll() {
        KafkaSettings kafka = properties.kafka();
        RouterProperties.Routing routing = properties.router();
        TopicAdmin.ensure(kafka, topics());

        Clock clock = Clock.systemUTC();
        String instance = Integer.toHexString(System.identityHashCode(this));
        Publisher publisher = new Publisher(KafkaClients.reliableProducer(kafka, "router-" + instance), tracing);
        resources.add(publisher);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> new Thread(r, "router-timer"));
        resources.add(timer::shutdownNow);

        LinkHealthView health = new LinkHealthView(kafka, "router-link-health-" + instance).start(Duration.ofSeconds(10));
        resources.add(health);
        this.health = health;
        LinkSelector selector = new LinkSelector(properties.links(), properties.fallback());
        OutboundBatcher batcher = new OutboundBatcher(publisher, routing.batchWindow(), routing.batchMaxRecipients(), timer);
        batcher.prepare(properties.links());
        resources.add(batcher);
        WaitingParts waiting = new WaitingParts(routing.linkRecheck(), clock);
        Gauge.builder("sms_router_waiting_messages", waiting, WaitingParts::count)
                .description("parts held because their carrier has no healthy link").register(meters);
        LinkDispatch dispatch = new LinkDispatch(selector, health, batcher, publisher, waiting, routing.linkRecheck(),
                routing.linkMaxWait(), meters, clock);
        SubmitArchive archive = new SubmitArchive(kafka, "router-archive-" + instance);
        resources.add(archive);

        SubmitHandler submit = new SubmitHandler(resolver, dispatch, new UdhReferences(redis.async(), routing.messageTtl()),
                publisher, properties.kafka().textSeal(), meters, clock);
        RetryHandler retry = new RetryHandler(publisher, dispatch, properties.retry().maxAttempts(), meters, clock);
        PortabilityLearner learner = new PortabilityLearner(resolver, overrides, archive, redis.async(), publisher,
                routing.notSubscriberStats(), routing.messageTtl(), meters);

        ReliableConsumer<OutboundSubmit> retryConsumer = consumer(settings(GROUP_RETRY, instance), Topics.RETRY, retry,
                publisher);
        ReliableConsumer<OutboundSubmit> scheduledConsumer = consumer(settings(GROUP_SCHEDULED, instance),
                Topics.SCHEDULED, retry, publisher);
        // a link that comes back frees the parts waiting for it now, not at their next recheck
        health.onRecovery(retryConsumer::resumeAll);
        health.onRecovery(scheduledConsumer::resumeAll);
        // closed in reverse order: consumers first, then what they use; every message passes sms.submit and sms.status
        resources.add(consumer(settings(GROUP_SUBMIT, instance).gathering(), Topics.SUBMIT, submit, publisher).start());
        resources.add(retryConsumer.start());
        resources.add(scheduledConsumer.start());
        // two statuses pass per message, and the learner acts on UNDELIVERED only: the others are not even read
        resources.add(consumer(settings(GROUP_PORTABILITY, instance).gathering(), Topics.STATUS, learner, publisher)
                .onlyKinds(PortabilityLearner.KINDS).start());
        running = true;
    }

    private ConsumerSettings settings(String group, String instance) {
        return ConsumerSettings.of(properties.kafka(), group, group + "-" + instance, MAX_POLL_RECORDS);
    }

    private <T> ReliableConsumer<T> consumer(ConsumerSettings settings, Topic<T> topic, ReliableConsumer.Handler<T> handler,
                                             Publisher publisher) {
        return new ReliableConsumer<>("router", topic, settings, handler, publisher, meters).tracedBy(tracing)
                .watchedBy(consumers);
    }

    private List<TopicSpec> topics() {
        int partitions = properties.kafka().partitions();
        List<TopicSpec> topics = new ArrayList<>(List.of(TopicSpec.of(Topics.SUBMIT, partitions),
                TopicSpec.of(Topics.RETRY, partitions), TopicSpec.of(Topics.SCHEDULED, partitions),
                TopicSpec.of(Topics.STATUS, partitions), TopicSpec.of(Topics.DEAD, 1),
                TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        properties.links().forEach(link -> topics.add(TopicSpec.of(Topics.outbound(link.id()), partitions)));
        return topics;
    }

    @Override
    public void stop() {
        running = false;
        resources.close();
    }

    /** The state the gateways last reported for the link; null when never reported (or not running). */
    public LinkHealth.State linkHealth(String linkId) {
        LinkHealthView view = health;
        return view == null ? null : view.states().get(linkId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
