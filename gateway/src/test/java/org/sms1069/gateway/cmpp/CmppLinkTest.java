package org.sms1069.gateway.cmpp;

import org.sms1069.carriersim.cmpp.CmppQuirks;
import org.sms1069.carriersim.cmpp.CmppSimulator;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.junit.jupiter.api.Test;
import org.sms1069.gateway.link.LinkHarness;
import org.sms1069.gateway.link.NettyLinkContract;
import org.sms1069.carriersim.netty.NettySimulator;
import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.gateway.link.Receipt;
import org.sms1069.gateway.link.CarrierLink;
import org.sms1069.gateway.link.SubmitResult;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.GroupIds;
import org.sms1069.model.link.LinkOptions;
import org.sms1069.model.link.LinkSettings;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's CMPP link against the CMPP simulator over real TCP: the shared contract on CMPP 3.0, plus 2.0 and group sends. */
class CmppLinkTest extends NettyLinkContract {

    @Override
    protected NettySimulator<?, ?> simulator(SimBehaviour behaviour) {
        return CmppSimulator.start(CmppSimulatorConfig.defaults().withBehaviour(behaviour));
    }

    @Override
    protected LinkSettings settings(NettySimulator<?, ?> sim, String password, int connections, int window, int tps) {
        return settings(Protocol.CMPP30, (CmppSimulator) sim, password, connections, window, tps);
    }

    private static LinkSettings settings(Protocol protocol, CmppSimulator sim, String password, int connections, int window, int tps) {
        return LinkHarness.settings(protocol, sim.port(), sim.config().account(),
                password == null ? sim.config().password() : password, connections, window, tps);
    }

    @Override
    protected RawResults rawResults() {
        return new RawResults("CMPP:3", "CMPP:8", "result 8");
    }

    private CmppSimulator simulator(CmppSimulatorConfig config) {
        return track(CmppSimulator.start(config));
    }

    private CarrierLink link(LinkHarness harness, CmppSimulator sim, Protocol protocol, int connections, int window) {
        CarrierLink link = track(harness.start(settings(protocol, sim, null, connections, window, 1000)));
        await().atMost(WAIT).until(() -> link.connectedConnections() == connections);
        return link;
    }

    @Test
    void cmpp20LinkSubmitsAndGetsReportsToo() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(50), Map.of("UNDELIV", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP20, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("k2", "hello", 1, 1, "13900139000")));

        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(sim.awaitSubmits(1, WAIT).get(0).protocol()).isEqualTo("CMPP20");
        await().atMost(WAIT).until(() -> harness.receipts.size() == 1);
        assertThat(harness.receipts.get(0).stat()).isEqualTo("UNDELIV");
    }

    @Test
    void cmpp20HasNoLinkIdSoAReplyGoesWithABlankReserve() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP20, 1, 16);

        sim.injectMo("8613900139000", "1069012345688", "1", "LNK20261128105407001");
        await().atMost(WAIT).until(() -> harness.mos.size() == 1);
        assertThat(harness.mos.get(0).carrierLinkId()).isNull();
        result(link.submit(LinkHarness.part("r20", "好", 1, 1, "13900139000").withCarrierLinkId("LNK20261128105407001")));

        assertThat(sim.awaitSubmits(1, WAIT).get(0).linkId()).as("2.0's Reserve, left blank").isEmpty();
    }

    @Test
    void batchedRecipientsGetConsecutiveIdsAndOneReportEach() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(20), Map.of("DELIVRD", 1), 1L));
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        SubmitResult result = result(link.submit(LinkHarness.part("batch", "通知", 1, 1,
                "13800138000", "13900139000", "13700137000")));

        List<String> ids = ((SubmitResult.Accepted) result).carrierMessageIds();
        assertThat(ids).hasSize(3);
        assertThat(Long.parseUnsignedLong(ids.get(2)) - Long.parseUnsignedLong(ids.get(0))).isEqualTo(2);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 3);
        assertThat(harness.receipts.stream().map(Receipt::carrierMessageId)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aStrictIsmgTakes99RecipientsAndRefusesAHundred() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        sim.quirks(new CmppQuirks(true, false, false));
        CarrierLink link = link(harness(), sim, Protocol.CMPP30, 1, 16);

        SubmitResult ninetyNine = result(link.submit(LinkHarness.part("g99", "通知", 1, 1, phones(99))));
        SubmitResult hundred = result(link.submit(LinkHarness.part("g100", "通知", 1, 1, phones(100))));

        assertThat(((SubmitResult.Accepted) ninetyNine).carrierMessageIds()).hasSize(99);
        assertThat(hundred).isEqualTo(new SubmitResult.Rejected(false, "CMPP:1", "bad message structure"));
    }

    @Test
    void aGatewayWithOneIdForTheGroupConfiguredSame() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(20), Map.of("DELIVRD", 1), 1L));
        sim.quirks(new CmppQuirks(false, true, false));
        LinkHarness harness = harness();
        LinkSettings same = LinkHarness.settings(Protocol.CMPP30, sim.port(), sim.config().account(), sim.config().password(),
                1, 16, 1000);
        same = new LinkSettings(same.id(), same.carrier(), same.protocol(), same.host(), same.port(), same.account(),
                same.password(), same.serviceId(), same.srcId(), 1, 16, 1000, 100, 0, 0, null, null,
                new LinkOptions(0, GroupIds.SAME, null, null, null));
        CarrierLink link = track(harness.start(same));
        await().atMost(WAIT).until(() -> link.connectedConnections() == 1);

        SubmitResult.Accepted accepted = (SubmitResult.Accepted) result(link.submit(LinkHarness.part("same", "通知", 1, 1,
                "13800138000", "13900139000", "13700137000")));

        assertThat(accepted.carrierMessageIds()).containsOnly(accepted.carrierMessageIds().get(0));
        assertThat(accepted.byPhone()).isTrue();
        await().atMost(WAIT).until(() -> harness.receipts.size() == 3);
        assertThat(harness.receipts).extracting(Receipt::carrierMessageId).containsOnly(accepted.carrierMessageIds().get(0));
        assertThat(harness.receipts).extracting(Receipt::phone)
                .containsExactlyInAnyOrder("13800138000", "13900139000", "13700137000");
    }

    @Test
    void intermediateReportsDoNotReachTheSink() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults().withReceipts(Duration.ofMillis(20), Map.of("UNDELIV", 1), 1L));
        sim.intermediateStates(true);
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);

        result(link.submit(LinkHarness.part("mid", "通知", 1, 1, "13800138000", "13900139000")));

        await().atMost(WAIT).until(() -> sim.counters().receiptsSent.get() >= 4);
        await().atMost(WAIT).until(() -> harness.receipts.size() == 2);
        assertThat(harness.receipts).extracting(Receipt::stat).containsOnly("UNDELIV");
    }

    @Test
    void aRefusalWithoutAuthenticatorIsCountedWithItsStatus() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        sim.quirks(new CmppQuirks(false, false, true));
        LinkHarness harness = harness();
        track(harness.start(settings(Protocol.CMPP30, sim, "wrong", 1, 16, 100)));

        await().atMost(WAIT).until(() -> sim.counters().loginsRejected.get() >= 1);
        await().atMost(WAIT).until(() -> harness.meters.find("sms_link_logins_total").tag("result", "CMPP:3").counter() != null);
        assertThat(harness.sessionEvents("malformed_pdu")).isZero();
    }

    private static String[] phones(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> String.valueOf(13800000000L + i)).toArray(String[]::new);
    }

    @Test
    void malformedDeliverIsAnsweredAndTheLinkStaysUp() throws Exception {
        CmppSimulator sim = simulator(CmppSimulatorConfig.defaults());
        LinkHarness harness = harness();
        CarrierLink link = link(harness, sim, Protocol.CMPP30, 1, 16);
        int changes = harness.connectionChanges.get();

        sim.sendMalformedFrame();

        await().atMost(WAIT).until(() -> harness.sessionEvents("malformed_pdu") == 1);
        assertThat(harness.connectionChanges.get()).isEqualTo(changes);
        assertThat(result(link.submit(LinkHarness.part("after", "ok", 1, 1, "13800138000"))))
                .isInstanceOf(SubmitResult.Accepted.class);
    }

}
