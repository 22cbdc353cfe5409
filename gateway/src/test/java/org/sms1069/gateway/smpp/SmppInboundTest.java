package org.sms1069.gateway.smpp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.gateway.link.ConnectionListener;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.event.OutboundSubmit;
import org.sms1069.model.event.Recipient;
import org.sms1069.model.link.LinkOptions;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's SMPP link over real TCP against an SMSC that writes the bytes itself. */
class SmppInboundTest {
    private static final int ESME_ROK = 0;

    private final RecordingSink sink = new RecordingSink();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private WireSmsc smsc;
    private SmppLink link;

    private SmppLink start() throws Exception {
        return start(null);
    }

    private SmppLink start(LinkOptions options) throws Exception {
        return start(options, 4);
    }

    private SmppLink start(LinkOptions options, int window) throws Exception {
        smsc = new WireSmsc();
        LinkSettings settings = new LinkSettings("intl-t", Carrier.INTL, Protocol.SMPP34, "127.0.0.1", smsc.port(), "esme",
                "secret", null, "10690123456", 1, window, 100, 100, 0, 0, null, null, options);
        link = new SmppLink(settings, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(100), Duration.ofMillis(400)), sink,
                ConnectionListener.NONE, scheduler);
        link.start();
        smsc.acceptBind();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.connectedConnections() == 1);
        return link;
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        if (smsc != null) {
            smsc.close();
        }
        scheduler.shutdownNow();
    }

    @Test
    void deliverSmWithinTheWindowAreKeptTogetherNotThreeAtATime() throws Exception {
        int window = 12;
        List<CompletableFuture<Void>> keeping = new ArrayList<>();
        for (int i = 0; i < window; i++) {
            keeping.add(new CompletableFuture<>());
        }
        sink.outcomes.addAll(keeping);
        start(null, window);

        CompletableFuture<List<Integer>> answers = CompletableFuture.supplyAsync(() -> {
            try {
                return smsc.deliverMos(window, "13800138000", "10690123456", "STOP");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // each waits for Kafka's acknowledgement in production: the link must not take them one batch of three at a
        // time (jsmpp's default PDU threads), or an SMSC's window of reports drains at 3 per broker round trip
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.mos.size() == window);
        keeping.forEach(kept -> kept.complete(null));

        assertThat(answers.get(10, TimeUnit.SECONDS)).hasSize(window).containsOnly(ESME_ROK);
    }

    @Test
    void anMoThatCouldNotBeKeptIsAnsweredWithATemporaryErrorAndOneThatWasWithSuccess() throws Exception {
        start();
        sink.outcomes.add(CompletableFuture.failedFuture(new IllegalStateException("broker down")));

        assertThat(smsc.deliverMo("13800138000", "10690123456", "STOP")).isEqualTo(SmppReceiver.TEMPORARY_APP_ERROR);
        assertThat(smsc.deliverMo("13800138000", "10690123456", "STOP")).isEqualTo(ESME_ROK);
        assertThat(sink.mos).hasSize(2);
    }

    @Test
    void theAnswerWaitsUntilTheMoIsKept() throws Exception {
        start();
        CompletableFuture<Void> keeping = new CompletableFuture<>();
        sink.outcomes.add(keeping);
        scheduler.schedule(() -> keeping.complete(null), 300, java.util.concurrent.TimeUnit.MILLISECONDS);

        assertThat(smsc.deliverMo("13800138000", "10690123456", "\u0000TD\u0001")).isEqualTo(ESME_ROK);
        assertThat(keeping).as("answered only after it was kept").isDone();
        assertThat(sink.mos.get(0).text()).isEqualTo("TD");
    }

    @Test
    void submitsCarryTheLinksSenderTonAndNpi() throws Exception {
        start(new LinkOptions(0, null, null, 5, 0));
        OutboundSubmit part = new OutboundSubmit(1, "k", "intl-t", Carrier.INTL, List.of(new Recipient("m1", "+447700900001")),
                "ACME", 1, 1, 7, "hi", 0, null, null);

        CompletableFuture<SubmitResult> result = link.submit(part).toCompletableFuture();
        byte[] body = smsc.answerSubmit("5F5F");

        // service_type "" (one NUL), then source_addr_ton 5 (alphanumeric), source_addr_npi 0, source_addr "ACME"
        assertThat(body[0]).isZero();
        assertThat(body[1]).isEqualTo((byte) 5);
        assertThat(body[2]).isZero();
        assertThat(new String(body, 3, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ACME");
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new SubmitResult.Accepted(List.of("5F5F")));
    }

    @Test
    void anOversizedCommandLengthClosesTheConnectionAndTheLinkBindsAgain() throws Exception {
        start();

        smsc.announce(1024 * 1024);

        assertThat(smsc.closedByPeer()).isTrue();
        smsc.acceptBind();
        await().atMost(Duration.ofSeconds(10)).until(() -> link.connectedConnections() == 1);
        assertThat(smsc.deliverMo("13800138000", "10690123456", "again")).isEqualTo(ESME_ROK);
    }
}
