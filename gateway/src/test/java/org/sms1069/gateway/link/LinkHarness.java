package org.sms1069.gateway.link;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.nio.NioEventLoopGroup;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.gateway.LinkFactory;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.event.MoMessage;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A gateway link of any Netty protocol, wired as GatewayRuntime wires it, minus Kafka and Redis. */
public final class LinkHarness implements InboundSink, AutoCloseable {
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final List<Receipt> receipts = new CopyOnWriteArrayList<>();
    public final List<MoMessage> mos = new CopyOnWriteArrayList<>();
    public final AtomicInteger connectionChanges = new AtomicInteger();
    private final NioEventLoopGroup eventLoops = new NioEventLoopGroup(2);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final LinkEnvironment environment;
    /** Where receipts and MO go on after being recorded here; null: they count as kept at once. */
    public volatile InboundSink forward;

    public LinkHarness(SessionProperties session) {
        environment = new LinkEnvironment(eventLoops, scheduler, new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)),
                session, meters, SgipServerProperties.defaults(), linkId -> connectionChanges.incrementAndGet());
    }

    public static SessionProperties fastSession() {
        return new SessionProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 1,
                Duration.ofSeconds(30), 3, Duration.ofSeconds(5), Duration.ofSeconds(2), 8192);
    }

    public static LinkSettings settings(Protocol protocol, int port, String account, String password, int connections, int window, int tps) {
        return new LinkSettings("cmcc-t", Carrier.CMCC, protocol, "127.0.0.1", port, account, password, "MXX0010101",
                "10690123456", connections, window, tps, 100, 0, 0, null, null, null);
    }

    public CarrierLink start(LinkSettings settings) {
        CarrierLink link = create(settings);
        link.start();
        return link;
    }

    /** The link without any connection: for a test that runs its slots itself ({@link CarrierLink#retain}). */
    public CarrierLink create(LinkSettings settings) {
        return LinkFactory.create(settings, null, environment, this);
    }

    public static OutboundSubmit part(String key, String text, int number, int count, String... phones) {
        List<Recipient> recipients = java.util.Arrays.stream(phones).map(p -> new Recipient("m-" + key + "-" + p, p)).toList();
        return new OutboundSubmit(OutboundSubmit.VERSION, key, "cmcc-t", Carrier.CMCC, recipients, "1069012345688",
                number, count, 0x42, text, 0, Instant.now().plusSeconds(3600), null);
    }

    public double sessionEvents(String event) {
        var counter = meters.find("sms_link_session_events_total").tag("event", event).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public CompletionStage<Void> onReceipt(Receipt receipt) {
        receipts.add(receipt);
        InboundSink next = forward;
        return next == null ? CompletableFuture.completedFuture(null) : next.onReceipt(receipt);
    }

    @Override
    public CompletionStage<Void> onMo(MoPart part) {
        mos.add(part.message());
        InboundSink next = forward;
        return next == null ? CompletableFuture.completedFuture(null) : next.onMo(part);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
