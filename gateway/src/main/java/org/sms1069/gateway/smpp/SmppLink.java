package org.sms1069.gateway.smpp;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.ConnectionListener;
import org.sms1069.gateway.link.InboundSink;
import org.sms1069.gateway.link.SlotConnections;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.gateway.pace.TpsPacer;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.phone.PhoneNumbers;
import org.sms1069.model.retry.Backoff;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SMPP 3.4 link through jsmpp, for international and aggregator routes. jsmpp submits block until the
 * answer, so each link has {@code window × connections} worker threads: that is its window.
 */
public final class SmppLink implements CarrierLink {
    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);
    private static final byte UDHI = 0x40;

    private final LinkSettings settings;
    private final Duration responseTimeout;
    private final TpsPacer pacer;
    /** source_addr_ton / _npi of submits ({@code options.source-ton}, {@code -npi}): 5 for an alphanumeric sender. */
    private final TypeOfNumber sourceTon;
    private final NumberingPlanIndicator sourceNpi;
    private final SlotConnections<SmppConnection> connections;
    private final ExecutorService workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closing;

    public SmppLink(LinkSettings settings, Duration responseTimeout, Backoff reconnect, InboundSink inbound,
                    ConnectionListener connectionListener, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.responseTimeout = responseTimeout;
        this.pacer = new TpsPacer(settings.tps());
        this.sourceTon = TypeOfNumber.valueOf(settings.options().sourceTon().byteValue());
        this.sourceNpi = NumberingPlanIndicator.valueOf(settings.options().sourceNpi().byteValue());
        SmppReceiver receiver = new SmppReceiver(settings, inbound);
        this.connections = new SlotConnections<>(settings.id(), slot -> {
            SmppConnection connection = new SmppConnection(slot, settings, responseTimeout, receiver,
                    () -> connectionListener.connectionsChanged(settings.id()), reconnect, scheduler);
            connection.start();
            return connection;
        }, (connection, deadline) -> connection.close()); // jsmpp's unbind waits for the answers in flight itself
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.window() * settings.connections(),
                r -> new Thread(r, "smpp-" + settings.id() + "-" + threadNumber.incrementAndGet()));
    }

    @Override
    public LinkSettings settings() {
        return settings;
    }

    @Override
    public void start() {
        retain(CarrierLink.allSlots(settings), responseTimeout);
    }

    @Override
    public CompletionStage<Void> retain(Set<Integer> slots, Duration drain) {
        pacer.share(slots.size(), settings.connections());
        return connections.retain(slots, drain);
    }

    @Override
    public int retainedSlots() {
        return connections.slots();
    }

    @Override
    public CompletionStage<SubmitResult> submit(OutboundSubmit part) {
        if (closing) {
            return CompletableFuture.completedFuture(new SubmitResult.Rejected(true, "LINK_CLOSING", "link is shutting down"));
        }
        return CompletableFuture.supplyAsync(() -> submitBlocking(part), workers);
    }

    private SubmitResult submitBlocking(OutboundSubmit part) {
        inFlight.incrementAndGet();
        try {
            pacer.acquire();
            List<String> ids = new ArrayList<>(part.recipients().size());
            for (Recipient recipient : part.recipients()) {
                Optional<SMPPSession> session = pickSession();
                if (session.isEmpty()) {
                    return SubmitResult.Rejected.linkDown(settings.id());
                }
                ids.add(submitOne(session.get(), part, recipient));
            }
            return new SubmitResult.Accepted(ids);
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            return new SubmitResult.Rejected(SmppResults.isRetryable(status), SmppResults.name(status), "carrier refused the submit",
                    SmppResults.isFlowControl(status));
        } catch (ResponseTimeoutException e) {
            return new SubmitResult.Rejected(true, "TIMEOUT", "no submit_sm_resp within " + responseTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SubmitResult.Rejected(true, "INTERRUPTED", "gateway is stopping");
        } catch (Exception e) {
            log.warn("submit on link {} failed: {}", settings.id(), e.toString());
            return new SubmitResult.Rejected(true, "IO_ERROR", e.getClass().getSimpleName());
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private String submitOne(SMPPSession session, OutboundSubmit part, Recipient recipient) throws Exception {
        boolean concatenated = part.segmentCount() > 1;
        byte[] text = part.text().getBytes(StandardCharsets.UTF_16BE);
        byte[] payload = concatenated ? withUdh(part, text) : text;
        return session.submitShortMessage("", sourceTon, sourceNpi, part.sourceAddr(),
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination(recipient.phone()),
                new ESMClass(concatenated ? UDHI : 0), (byte) 0, (byte) 1, null, null,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0, payload).getMessageId();
    }

    /** 6-byte concatenation header: IEI 0x00, length 3, reference, total, this part. */
    private static byte[] withUdh(OutboundSubmit part, byte[] text) {
        return ByteBuffer.allocate(6 + text.length)
                .put((byte) 0x05).put((byte) 0x00).put((byte) 0x03)
                .put((byte) part.reference()).put((byte) part.segmentCount()).put((byte) part.segmentNumber())
                .put(text).array();
    }

    /** Mainland numbers in international form (86...), others as given without the '+'. */
    private static String destination(String phone) {
        return PhoneNumbers.parse(phone).number()
                .map(n -> n.mainland() ? "86" + n.value() : n.digits())
                .orElse(phone);
    }

    private Optional<SMPPSession> pickSession() {
        List<SmppConnection> live = connections.live();
        int n = live.size();
        if (n == 0) {
            return Optional.empty();
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Optional<SMPPSession> session = live.get((start + i) % n).bound();
            if (session.isPresent()) {
                return session;
            }
        }
        return Optional.empty();
    }

    @Override
    public int connectedConnections() {
        return (int) connections.live().stream().filter(c -> c.bound().isPresent()).count();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        closing = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(responseTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                log.warn("link {} closed with {} submits unanswered", settings.id(), inFlight.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.closeAll(responseTimeout);
    }
}
