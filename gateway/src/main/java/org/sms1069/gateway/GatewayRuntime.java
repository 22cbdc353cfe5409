package org.sms1069.gateway;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.sms1069.gateway.config.GatewayProperties;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.gateway.dispatch.OutboundDispatcher;
import org.sms1069.gateway.dispatch.PartClaims;
import org.sms1069.gateway.dispatch.PollBudget;
import org.sms1069.gateway.dlr.InboundProcessor;
import org.sms1069.gateway.dlr.ReceiptCorrelator;
import org.sms1069.gateway.health.LinkHealthReporter;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.mo.MoAssembler;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.gateway.slots.LinkSlots;
import org.sms1069.gateway.slots.SlotKeeper;
import org.sms1069.messaging.ConsumerHealth;
import org.sms1069.messaging.ConsumerSettings;
import org.sms1069.messaging.Publisher;
import org.sms1069.messaging.RecordTracing;
import org.sms1069.messaging.ReliableConsumer;
import org.sms1069.messaging.Resources;
import org.sms1069.messaging.TopicAdmin.TopicSpec;
import org.sms1069.messaging.TopicAdmin;
import org.sms1069.model.Topics;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.link.LinkSettings;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings up every configured link with the connection slots this instance holds ({@link SlotKeeper}) and, while it
 * holds any, its consumer of {@code sms.out.<link>}. Shutdown runs in reverse: consumers stop taking records, links
 * drain their windows, log out and give their slots back, then Kafka and Redis close.
 */
@Component
public class GatewayRuntime implements SmartLifecycle {
    private final GatewayProperties properties;
    private final SessionProperties session;
    private final SgipServerProperties sgipServer;
    private final LinkHealthReporter health;
    private final Publisher publisher;
    private final MeterRegistry meters;
    private final ConsumerHealth consumers;
    private final RecordTracing tracing;
    private final Resources resources = new Resources();
    private volatile boolean running;

    public GatewayRuntime(GatewayProperties properties, SessionProperties session, SgipServerProperties sgipServer,
                          LinkHealthReporter health, Publisher publisher, MeterRegistry meters, ConsumerHealth consumers,
                          RecordTracing tracing) {
        this.consumers = consumers;
        this.tracing = tracing;
        this.properties = properties;
        this.session = session;
        this.sgipServer = sgipServer;
        this.health = health;
        this.publisher = publisher;
        this.meters = meters;
    }

    @Override
    public void start() {
        TopicAdmin.ensure(properties.kafka(), topics());

        RedisClient redisClient = RedisClient.create(properties.redis().uri());
        StatefulRedisConnection<String, String> redis = redisClient.connect();
        resources.add(redisClient::shutdown);
        resources.add(redis);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> new Thread(r, "gateway-scheduler"));
        resources.add(scheduler::shutdownNow);
        // one event loop group for every connection of every Netty link; closed after the links have drained
        NioEventLoopGroup eventLoops = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("gateway-netty", true));
        resources.add(() -> eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly());
        LinkEnvironment environment = new LinkEnvironment(eventLoops, scheduler, properties.reconnect().policy(), session, meters,
                sgipServer, health::changed);

        Clock clock = Clock.systemUTC();
        ReceiptCorrelator correlator = new ReceiptCorrelator(redis.async(), properties.receiptTtl(),
                properties.receiptRepeatTtl(), meters, clock);
        MoAssembler moAssembler = new MoAssembler(redis.async(), properties.moAssemblyWait(), clock, meters);
        ExecutorService publishing = Executors.newSingleThreadExecutor(r -> new Thread(r, "gateway-inbound-publish"));
        resources.add(publishing::shutdownNow);
        InboundProcessor inbound = new InboundProcessor(correlator, moAssembler, publisher, publishing, meters, clock);
        long sweepMillis = Math.max(1000, properties.moAssemblyWait().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(inbound::sweepIncompleteMo, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        String instance = ManagementFactory.getRuntimeMXBean().getName() + ":" + UUID.randomUUID().toString().substring(0, 8);
        PartClaims claims = new PartClaims(redis.async(), properties.claimLease(), properties.settledTtl(), instance, clock);
        LinkSlots slots = new LinkSlots(redis.async(), properties.slotLease());
        // every link's budget first: a link whose timeouts cannot fit a poll stops the start before anything connects
        Map<String, PollBudget> budgets = new LinkedHashMap<>();
        properties.links().forEach(settings -> budgets.put(settings.id(), PollBudget.of(settings, properties, session)));
        for (LinkSettings settings : properties.links()) {
            CarrierLink link = LinkFactory.create(settings, properties, environment, inbound);
            health.register(link);
            resources.add(link);
            OutboundDispatcher dispatcher = new OutboundDispatcher(link, claims, scheduler, correlator, inbound, health,
                    publisher, properties.kafka().textSeal(), properties.retry().policy(), meters, clock).tracedBy(tracing);
            String group = "gateway-" + settings.id();
            PollBudget budget = budgets.get(settings.id());
            // the handler may take the whole budget of a poll; Kafka's interval adds a minute for the commit
            ConsumerSettings consumerSettings = ConsumerSettings.of(properties.kafka(), group, group, budget.maxPollRecords())
                    .gathering().withHandlerTimeout(budget.maxPollInterval(), budget.maxPollInterval().plusMinutes(1));
            resources.add(new SlotKeeper(link, slots, instance, session.drainTimeout(), () -> new ReliableConsumer<>("gateway",
                    Topics.outbound(settings.id()), consumerSettings, dispatcher, publisher, meters).tracedBy(tracing).watchedBy(consumers).start(),
                    meters).start());
        }
        running = true;
    }

    private List<TopicSpec> topics() {
        int partitions = properties.kafka().partitions();
        List<TopicSpec> topics = new ArrayList<>(List.of(TopicSpec.of(Topics.RETRY, partitions),
                TopicSpec.of(Topics.STATUS, partitions), TopicSpec.of(Topics.MO, partitions),
                TopicSpec.of(Topics.ORPHAN_RECEIPTS, partitions),
                TopicSpec.of(Topics.DEAD, 1), TopicSpec.compacted(Topics.LINK_HEALTH, 1)));
        properties.links().forEach(link -> topics.add(TopicSpec.of(Topics.outbound(link.id()), partitions)));
        return topics;
    }

    @Override
    public void stop() {
        running = false;
        resources.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
