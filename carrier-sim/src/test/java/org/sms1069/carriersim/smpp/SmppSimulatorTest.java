package org.sms1069.carriersim.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.sms1069.carriersim.receipt.ReceiptScheduler;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmppSimulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String PHONE = "13800138000";
    private static final Pattern RECEIPT = Pattern.compile(
            "id:(\\S+) sub:001 dlvrd:(\\d{3}) submit date:\\d{10} done date:\\d{10} stat:(\\S{1,7}) err:(\\d{3}) text:.*");

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void singleUcs2SubmitIsRecordedAndGetsADeliveredReceipt() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ofMillis(50)).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);

        String messageId = client.submitUcs2(PHONE, "【示例】您的验证码是123456", 0).get(0);

        assertThat(messageId).matches("[0-9A-F]{10}");
        ReceivedSubmit submit = simulator.awaitSubmits(1, WAIT).get(0);
        assertThat(submit.messageId()).isEqualTo(messageId);
        assertThat(submit.text()).isEqualTo("【示例】您的验证码是123456");
        assertThat(submit.destinationAddr()).isEqualTo(PHONE);
        assertThat(submit.sourceAddr()).isEqualTo(SmppTestClient.SOURCE);
        assertThat(submit.systemId()).isEqualTo("sim");
        assertThat(submit.dataCoding()).isEqualTo(0x08);
        assertThat(submit.concatenated()).isFalse();

        DeliverSm receipt = client.awaitDeliverSm(WAIT);
        assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
        assertThat(receipt.getSourceAddr()).isEqualTo(PHONE);
        Matcher text = receiptText(receipt);
        assertThat(text.group(1)).isEqualTo(messageId);
        assertThat(text.group(2)).isEqualTo("001");
        assertThat(text.group(3)).isEqualTo("DELIVRD");
        assertThat(text.group(4)).isEqualTo("000");
        assertThat(receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID))
                .isInstanceOfSatisfying(OptionalParameter.COctetString.class,
                        tlv -> assertThat(tlv.getValueAsString()).isEqualTo(messageId));
        assertThat(messageState(receipt)).isEqualTo(OptionalParameter.Message_state.Message_state_enum.DELIVERED.byteValue());
        awaitTrue(() -> simulator.counters().receiptsSent() == 1);
    }

    @Test
    void eachPartOfALongMessageGetsItsOwnIdAndReceipt() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ofMillis(20)).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);
        String text = "【示例】" + "长短信内容测试".repeat(25);

        List<String> ids = client.submitUcs2(PHONE, text, 0x2A);

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        List<ReceivedSubmit> submits = simulator.awaitSubmits(3, WAIT);
        assertThat(submits).extracting(ReceivedSubmit::concatenation)
                .containsExactly(new Concatenation(0x2A, 3, 1), new Concatenation(0x2A, 3, 2), new Concatenation(0x2A, 3, 3));
        assertThat(submits).extracting(ReceivedSubmit::esmClass).containsOnly(0x40);
        assertThat(String.join("", submits.stream().map(ReceivedSubmit::text).toList())).isEqualTo(text);
        assertThat(submits).extracting(ReceivedSubmit::messageId).containsExactlyElementsOf(ids);

        List<String> receiptIds = client.awaitDeliverSms(3, WAIT).stream().map(r -> receiptText(r).group(1)).toList();
        assertThat(receiptIds).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void reportsAreSentWithinAWindowOfSixteenWhileTheSpHasNotAnswered() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ZERO).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);
        CountDownLatch release = new CountDownLatch(1);
        client.holdAnswers(release);
        for (int i = 0; i < 24; i++) {
            client.submit(PHONE, 0x00, 0x00, ("report " + i).getBytes(StandardCharsets.US_ASCII));
        }
        try {
            // an SP answering each report only once it is durable must not be held to one or two reports at a time
            for (int i = 0; i < 500 && client.unanswered() < ReceiptScheduler.REPORT_WINDOW; i++) {
                Thread.sleep(10);
            }
            assertThat(client.unanswered()).isEqualTo(ReceiptScheduler.REPORT_WINDOW);
            Thread.sleep(300);
            assertThat(client.unanswered()).as("never more than the window").isEqualTo(ReceiptScheduler.REPORT_WINDOW);
        } finally {
            release.countDown();
        }
        assertThat(client.awaitDeliverSms(24, WAIT)).hasSize(24);
    }

    @Test
    void receiptsGoToTheReceiverSessionOfTheSameSystemId() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ZERO).build());
        SmppTestClient transmitter = bind(simulator, BindType.BIND_TX);
        SmppTestClient receiver = bind(simulator, BindType.BIND_RX);

        String messageId = transmitter.submit(PHONE, 0x00, 0x00, "hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(simulator.awaitSubmits(1, WAIT).get(0).text()).isEqualTo("hello");
        assertThat(receiptText(receiver.awaitDeliverSm(WAIT)).group(1)).isEqualTo(messageId);
    }

    @Test
    void receiptWaitsForAReceiverToBind() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ZERO).build());
        SmppTestClient transmitter = bind(simulator, BindType.BIND_TX);
        String messageId = transmitter.submit(PHONE, 0x00, 0x00, "later".getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(200);
        assertThat(simulator.pendingReceipts()).isEqualTo(1);

        SmppTestClient receiver = bind(simulator, BindType.BIND_RX);

        assertThat(receiptText(receiver.awaitDeliverSm(WAIT)).group(1)).isEqualTo(messageId);
    }

    @Test
    void outcomeMixDecidesTheReceiptStatus() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().receiptDelay(Duration.ZERO)
                .outcomes(Map.of("MK:0001", 1)).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);

        client.submitUcs2(PHONE, "您好", 0);

        DeliverSm receipt = client.awaitDeliverSm(WAIT);
        assertThat(receiptText(receipt).group(3)).isEqualTo("MK:0001");
        assertThat(receiptText(receipt).group(2)).isEqualTo("000");
        assertThat(messageState(receipt)).isEqualTo(OptionalParameter.Message_state.Message_state_enum.UNDELIVERABLE.byteValue());
    }

    @Test
    void decimalMessageIdsWhenConfigured() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().messageIdFormat(MessageIdFormat.DECIMAL).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);

        assertThat(client.submitUcs2(PHONE, "您好", 0).get(0)).matches("\\d{16,20}");
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());

        Throwable failure = catchThrowable(() -> started.add(
                SmppTestClient.bind(simulator.port(), BindType.BIND_TRX, "sim", "wrong")));

        assertThat(failure).isInstanceOf(IOException.class);
        assertThat(failure.getCause()).isInstanceOfSatisfying(NegativeResponseException.class,
                e -> assertThat(e.getCommandStatus()).isEqualTo(0x0E));
        assertThat(simulator.counters().bindsRejected()).isEqualTo(1);
        assertThat(simulator.boundSessions()).isZero();
    }

    @Test
    void unknownSystemIdIsRefused() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());

        Throwable failure = catchThrowable(() -> started.add(
                SmppTestClient.bind(simulator.port(), BindType.BIND_TRX, "nobody", "sim-pass")));

        assertThat(failure.getCause()).isInstanceOfSatisfying(NegativeResponseException.class,
                e -> assertThat(e.getCommandStatus()).isEqualTo(0x0D));
    }

    @Test
    void submitsOverTheTpsLimitAreThrottled() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().tps(5).build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);

        int accepted = 0;
        List<Integer> refusals = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                client.submit(PHONE, 0, 0, ("n" + i).getBytes(StandardCharsets.US_ASCII));
                accepted++;
            } catch (NegativeResponseException e) {
                refusals.add(e.getCommandStatus());
            }
        }

        assertThat(accepted).isBetween(5, 8);
        assertThat(refusals).isNotEmpty().containsOnly(0x58);
        assertThat(simulator.counters().submitsThrottled()).isEqualTo(refusals.size());
        assertThat(simulator.submits()).hasSize(accepted);
    }

    @Test
    void injectedMoReachesTheBoundReceiver() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);

        simulator.injectMo(PHONE, "1069012345601", "TD 退订");
        assertThat(simulator.counters().mosSent()).isEqualTo(1);

        DeliverSm mo = client.awaitDeliverSm(WAIT);
        assertThat(mo.isSmscDeliveryReceipt()).isFalse();
        assertThat(mo.getEsmClass()).isZero();
        assertThat(mo.getDataCoding()).isEqualTo((byte) 0x08);
        assertThat(mo.getSourceAddr()).isEqualTo(PHONE);
        assertThat(mo.getDestAddress()).isEqualTo("1069012345601");
        assertThat(new String(mo.getShortMessage(), StandardCharsets.UTF_16BE)).isEqualTo("TD 退订");
    }

    @Test
    void injectingMoWithoutAReceiverFails() {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());

        assertThatThrownBy(() -> simulator.injectMo(PHONE, "10690123456", "hi"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stalledResponsesTimeOutAndFlowAgainWhenResumed() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);
        client.session().setTransactionTimer(300);

        simulator.stallResponses(true);
        assertThatThrownBy(() -> client.submit(PHONE, 0, 0, "a".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(ResponseTimeoutException.class);

        simulator.stallResponses(false);
        client.session().setTransactionTimer(5_000);
        assertThat(client.submit(PHONE, 0, 0, "b".getBytes(StandardCharsets.US_ASCII))).isNotBlank();
    }

    @Test
    void droppedConnectionsCloseTheClientSession() throws Exception {
        SmppSimulator simulator = start(SmppSimulatorConfig.builder().build());
        SmppTestClient client = bind(simulator, BindType.BIND_TRX);
        assertThat(simulator.boundSessions()).isEqualTo(1);

        simulator.dropConnections();

        awaitTrue(() -> !client.session().getSessionState().isBound());
        awaitTrue(() -> simulator.boundSessions() == 0);
        assertThat(bind(simulator, BindType.BIND_TRX).session().getSessionState().isBound()).isTrue();
    }

    @Test
    void closeFreesThePort() throws Exception {
        SmppSimulator first = SmppSimulator.start(SmppSimulatorConfig.builder().build());
        int port = first.port();
        SmppTestClient client = SmppTestClient.bind(first, BindType.BIND_TRX);
        first.close();
        client.close();

        SmppSimulator second = start(SmppSimulatorConfig.builder().port(port).build());

        assertThat(second.port()).isEqualTo(port);
    }

    @Test
    void closeStopsEveryThreadItStarted() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        SmppSimulator simulator = SmppSimulator.start(SmppSimulatorConfig.builder().receiptDelay(Duration.ZERO).build());
        try (SmppTestClient client = SmppTestClient.bind(simulator, BindType.BIND_TRX)) {
            client.submitUcs2(PHONE, "您好", 0);
            client.awaitDeliverSm(WAIT);
        }
        simulator.close();

        awaitTrue(() -> Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .noneMatch(thread -> thread.isAlive() && !thread.getName().startsWith("ForkJoinPool")));
    }

    private SmppSimulator start(SmppSimulatorConfig config) {
        SmppSimulator simulator = SmppSimulator.start(config);
        started.add(simulator);
        return simulator;
    }

    private SmppTestClient bind(SmppSimulator simulator, BindType bindType) throws IOException {
        SmppTestClient client = SmppTestClient.bind(simulator, bindType);
        started.add(client);
        return client;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", WAIT).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static Matcher receiptText(DeliverSm receipt) {
        String text = new String(receipt.getShortMessage(), StandardCharsets.US_ASCII);
        Matcher matcher = RECEIPT.matcher(text);
        assertThat(matcher.matches()).as("receipt text %s", text).isTrue();
        return matcher;
    }

    private static byte messageState(DeliverSm receipt) {
        OptionalParameter state = receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        assertThat(state).isInstanceOf(OptionalParameter.Byte.class);
        return ((OptionalParameter.Byte) state).getValue();
    }
}
