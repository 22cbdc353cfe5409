package org.sms1069.gateway.mo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sms1069.wire.codec.ConcatenationUdh;
import org.sms1069.gateway.link.MoPart;
import org.sms1069.model.Carrier;
import org.sms1069.model.event.MoMessage;
import org.sms1069.testkit.TestClock;
import org.sms1069.testkit.TestInfra;
import org.sms1069.testkit.TestRedis;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real Redis; each test on a link of its own, so runs never see each other's parts. */
class MoAssemblerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String link = TestInfra.unique("cmcc");
    private final MoAssembler assembler = new MoAssembler(TestRedis.async(), WAIT, clock, meters);

    private MoPart part(String phone, int reference, int total, int number, String text) {
        return new MoPart(new MoMessage(MoMessage.VERSION, phone, "1069012345601", text, Carrier.CMCC, link,
                clock.instant(), "id-" + number), new ConcatenationUdh(reference, total, number));
    }

    private Optional<MoMessage> add(MoPart part) throws Exception {
        return assembler.add(part).toCompletableFuture().get(10, TimeUnit.SECONDS).map(MoAssembler.Assembled::message);
    }

    private List<MoMessage> sweep() throws Exception {
        return assembler.sweep().toCompletableFuture().get(10, TimeUnit.SECONDS).stream()
                .map(MoAssembler.Assembled::message).filter(m -> m.linkId().equals(link)).toList();
    }

    @Test
    void partsArrivingInAnyOrderComeOutOnceAsOneMessageInOrder() throws Exception {
        assertThat(add(part("13800138000", 7, 3, 3, "三。"))).isEmpty();
        assertThat(add(part("13800138000", 7, 3, 1, "一，"))).isEmpty();

        Optional<MoMessage> whole = add(part("13800138000", 7, 3, 2, "二，"));

        assertThat(whole).get().satisfies(m -> {
            assertThat(m.text()).isEqualTo("一，二，三。");
            assertThat(m.phone()).isEqualTo("13800138000");
            assertThat(m.carrierMessageId()).isEqualTo("id-1");
        });
        clock.advance(WAIT.plusSeconds(1));
        assertThat(sweep()).as("nothing left to sweep").isEmpty();
        assertThat(meters.counter("sms_mo_long_total", "result", "complete").count()).isEqualTo(1);
    }

    @Test
    void aLongOnDemandMoKeepsItsLinkId() throws Exception {
        MoPart first = part("13800138009", 8, 2, 1, "一");
        MoPart second = part("13800138009", 8, 2, 2, "二");
        assertThat(add(new MoPart(withLinkId(first.message()), first.concatenation()))).isEmpty();

        assertThat(add(new MoPart(withLinkId(second.message()), second.concatenation()))).get()
                .extracting(MoMessage::carrierLinkId).isEqualTo("LNK20261128105407001");
    }

    private static MoMessage withLinkId(MoMessage m) {
        return new MoMessage(m.v(), m.phone(), m.destination(), m.text(), m.carrier(), m.linkId(), m.at(),
                m.carrierMessageId(), "LNK20261128105407001");
    }

    @Test
    void partsOfDifferentPhonesOrReferencesDoNotMix() throws Exception {
        assertThat(add(part("13800138001", 9, 2, 1, "A1"))).isEmpty();
        assertThat(add(part("13800138002", 9, 2, 1, "B1"))).isEmpty();
        assertThat(add(part("13800138001", 10, 2, 2, "C2"))).isEmpty();

        assertThat(add(part("13800138002", 9, 2, 2, "B2"))).get().extracting(MoMessage::text).isEqualTo("B1B2");
        assertThat(add(part("13800138001", 9, 2, 2, "A2"))).get().extracting(MoMessage::text).isEqualTo("A1A2");
    }

    @Test
    void aMessageMissingPartsIsHandedOnWithWhatCameOnceItsWaitIsOver() throws Exception {
        add(part("13800138003", 11, 3, 1, "开头"));
        add(part("13800138003", 11, 3, 3, "结尾"));

        clock.advance(WAIT.minusSeconds(1));
        assertThat(sweep()).as("still waiting").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(sweep()).singleElement().extracting(MoMessage::text).isEqualTo("开头结尾");
        assertThat(sweep()).as("handed on once").isEmpty();
        assertThat(meters.counter("sms_mo_long_total", "result", "incomplete").count()).isEqualTo(1);
    }

    @Test
    void aMessagePutBackIsCompletedAgainByTheResentLastPart() throws Exception {
        add(part("13800138005", 12, 2, 1, "前半"));
        MoAssembler.Assembled taken = assembler.add(part("13800138005", 12, 2, 2, "后半")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).orElseThrow();

        assembler.putBack(taken).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(sweep()).as("waits again rather than being swept at once").isEmpty();
        assertThat(add(part("13800138005", 12, 2, 2, "后半"))).get().extracting(MoMessage::text).isEqualTo("前半后半");
    }

    @Test
    void aLongMessageIsCutToTheLimitOfOneRecord() throws Exception {
        add(part("13800138006", 13, 2, 1, "长".repeat(1_500)));

        assertThat(add(part("13800138006", 13, 2, 2, "文".repeat(1_500)))).get()
                .satisfies(m -> assertThat(m.text()).hasSize(org.sms1069.gateway.link.InboundValues.MO_TEXT_LIMIT).startsWith("长"));
    }

    @Test
    void twoGatewaysReceivingTheLastPartsAtOnceHandTheMessageOnOnce() throws Exception {
        MoAssembler other = new MoAssembler(TestRedis.async(), WAIT, clock, meters);
        for (int reference = 20; reference < 40; reference++) {
            add(part("13800138004", reference, 3, 1, "x"));
            CompletableFuture<Optional<MoAssembler.Assembled>> here = assembler.add(part("13800138004", reference, 3, 2, "y")).toCompletableFuture();
            CompletableFuture<Optional<MoAssembler.Assembled>> there = other.add(part("13800138004", reference, 3, 3, "z")).toCompletableFuture();

            int wholes = (here.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0) + (there.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0);
            assertThat(wholes).as("reference %d", reference).isEqualTo(1);
        }
    }
}
