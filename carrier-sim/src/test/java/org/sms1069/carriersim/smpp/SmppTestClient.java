package org.sms1069.carriersim.smpp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.sms1069.model.segment.Segments;

/** The platform's side in tests: a jsmpp client session that records every deliver_sm it gets. */
public final class SmppTestClient implements AutoCloseable {
    static final String SOURCE = "10690123456";

    private final SMPPSession session = new SMPPSession();
    private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
    /** deliver_sm received and not answered yet (answers held by {@link #holdAnswers}). */
    private final AtomicInteger unanswered = new AtomicInteger();
    private volatile CountDownLatch answersHeldUntil = new CountDownLatch(0);

    private SmppTestClient() {
        session.setTransactionTimer(5_000);
        session.setPduProcessorDegree(64); // before binding: the threads that hand deliver_sm to the listener
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
                delivered.add(deliverSm);
                unanswered.incrementAndGet();
                try {
                    answersHeldUntil.await(); // jsmpp answers when this returns
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    unanswered.decrementAndGet();
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
                return null;
            }
        });
    }

    public static SmppTestClient bind(SmppSimulator simulator, BindType bindType) throws IOException {
        return bind(simulator.port(), bindType, simulator.config().systemId(), simulator.config().password());
    }

    static SmppTestClient bind(int port, BindType bindType, String systemId, String password) throws IOException {
        SmppTestClient client = new SmppTestClient();
        try {
            client.session.connectAndBind("127.0.0.1", port, new BindParameter(bindType, systemId, password, "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
            return client;
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    /** deliver_sm are answered only once {@code release} opens (up to 64 held at once). */
    void holdAnswers(CountDownLatch release) {
        answersHeldUntil = release;
    }

    int unanswered() {
        return unanswered.get();
    }

    public SMPPSession session() {
        return session;
    }

    /** Submits a UCS2 text (split with a 6-byte UDH when long) asking for a receipt; returns the message ids. */
    public List<String> submitUcs2(String destination, String text, int udhReference) throws Exception {
        List<String> parts = Segments.split(text);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            byte[] body = parts.get(i).getBytes(StandardCharsets.UTF_16BE);
            boolean concatenated = parts.size() > 1;
            byte[] message = concatenated ? withUdh(udhReference, parts.size(), i + 1, body) : body;
            ids.add(submit(destination, concatenated ? 0x40 : 0x00, 0x08, message));
        }
        return ids;
    }

    String submit(String destination, int esmClass, int dataCoding, byte[] message) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, SOURCE,
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, destination,
                new ESMClass(esmClass), (byte) 0, (byte) 1, null, null,
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                DataCodings.newInstance((byte) dataCoding), (byte) 0, message).getMessageId();
    }

    DeliverSm awaitDeliverSm(Duration timeout) throws InterruptedException {
        DeliverSm deliverSm = delivered.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (deliverSm == null) {
            throw new AssertionError("no deliver_sm within " + timeout);
        }
        return deliverSm;
    }

    List<DeliverSm> awaitDeliverSms(int count, Duration timeout) throws InterruptedException {
        List<DeliverSm> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(awaitDeliverSm(timeout));
        }
        return received;
    }

    static byte[] withUdh(int reference, int total, int number, byte[] body) {
        byte[] message = new byte[6 + body.length];
        byte[] header = {0x05, 0x00, 0x03, (byte) reference, (byte) total, (byte) number};
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        return message;
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }
}
