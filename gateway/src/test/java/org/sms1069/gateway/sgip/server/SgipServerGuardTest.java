package org.sms1069.gateway.sgip.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sms1069.gateway.config.SessionProperties;
import org.sms1069.gateway.config.SgipServerProperties;
import org.sms1069.gateway.session.LinkEnvironment;
import org.sms1069.gateway.session.RecordingSink;
import org.sms1069.wire.sgip.SgipBind;
import org.sms1069.wire.sgip.SgipBindResp;
import org.sms1069.wire.sgip.SgipDecoder;
import org.sms1069.wire.sgip.SgipEncoder;
import org.sms1069.wire.sgip.SgipPdu;
import org.sms1069.wire.sgip.SgipSequence;
import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;
import org.sms1069.model.link.LinkSettings;
import org.sms1069.model.retry.Backoff;
import org.sms1069.testkit.TestInfra;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The SGIP server's guard over real TCP: bind address, allowed sources, connection cap, BIND deadline, lockout, logs. */
class SgipServerGuardTest {
    private static final SgipSequence SMG = new SgipSequence(107_551L, 1_128_105_407L, 1);
    private static final Duration READ_LIMIT = Duration.ofSeconds(5);

    private final NioEventLoopGroup loops = new NioEventLoopGroup(1);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Socket> sockets = new ArrayList<>();
    private SgipServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        scheduler.shutdownNow();
        loops.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void itListensOnlyOnTheBindAddress() throws Exception {
        int port = start(new SgipServerProperties("127.0.0.1", List.of("127.0.0.0/8"), 4, Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMinutes(1)));

        assertThat(bind(connect("127.0.0.1", "127.0.0.1", port), "smg-secret")).isEqualTo(0);
        assertThatThrownBy(() -> connect("127.0.0.1", "127.0.0.2", port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aSourceOutsideTheLinksHostIsClosedBeforeItCanBind() throws Exception {
        // default allow-list: the link's own host, 127.0.0.1
        int port = start(SgipServerProperties.defaults());

        Socket stranger = connect("127.0.0.3", "127.0.0.1", port);
        send(stranger, new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", "smg-secret"));
        assertClosedWithoutAnswer(stranger);
        assertThat(refused("address")).isEqualTo(1);

        assertThat(bind(connect("127.0.0.1", "127.0.0.1", port), "smg-secret")).as("the carrier's own host").isEqualTo(0);
    }

    @Test
    void connectionsBeyondTheCapAreClosed() throws Exception {
        int port = start(new SgipServerProperties("127.0.0.1", List.of(), 2, Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMinutes(1)));
        Socket first = connect("127.0.0.1", "127.0.0.1", port);
        Socket second = connect("127.0.0.1", "127.0.0.1", port);
        assertThat(bind(first, "smg-secret")).isEqualTo(0);
        assertThat(bind(second, "smg-secret")).isEqualTo(0);

        Socket third = connect("127.0.0.1", "127.0.0.1", port);
        assertClosedWithoutAnswer(third);
        assertThat(refused("cap")).isEqualTo(1);
    }

    @Test
    void aConnectionThatDoesNotBindInTimeIsClosed() throws Exception {
        int port = start(new SgipServerProperties("127.0.0.1", List.of(), 4, Duration.ofMillis(300),
                Duration.ofSeconds(1), Duration.ofMinutes(1)));

        Socket silent = connect("127.0.0.1", "127.0.0.1", port);

        assertClosedWithoutAnswer(silent);
        await().atMost(READ_LIMIT).until(() -> refused("bind-timeout") == 1);
    }

    @Test
    void refusedBindsLockTheAddressOutAndTheLogNeverEchoesTheLoginName() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger handlerLog = (Logger) LoggerFactory.getLogger(SgipServerHandler.class);
        handlerLog.addAppender(logs);
        try {
            int port = start(new SgipServerProperties("127.0.0.1", List.of(), 4, Duration.ofSeconds(10),
                    Duration.ofMillis(800), Duration.ofMinutes(1)));

            Socket guesser = connect("127.0.0.1", "127.0.0.1", port);
            send(guesser, new SgipBind(SMG, SgipBind.SMG_TO_SP, "evil-login-name", "guess"));
            assertThat(((SgipBindResp) read(guesser)).result()).isEqualTo(1);

            // locked out: even the right credentials are not looked at
            Socket retry = connect("127.0.0.1", "127.0.0.1", port);
            send(retry, new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", "smg-secret"));
            assertClosedWithoutAnswer(retry);
            assertThat(refused("locked")).isEqualTo(1);

            await().atMost(READ_LIMIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> bind(connect("127.0.0.1", "127.0.0.1", port), "smg-secret") == 0);
            assertThat(logs.list).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains("evil-login"));
        } finally {
            handlerLog.detachAppender(logs);
        }
    }

    @Test
    void eachRefusalInARowDoublesTheLockout() {
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-06T00:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        BindLockout lockout = new BindLockout(Duration.ofSeconds(1), Duration.ofSeconds(10), clock);

        assertThat(lockout.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(lockout.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(lockout.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(4));
        assertThat(lockout.failed("10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
        assertThat(lockout.failed("10.0.0.1")).as("capped").isEqualTo(Duration.ofSeconds(10));
        assertThat(lockout.locked("10.0.0.1")).isTrue();
        assertThat(lockout.locked("10.0.0.2")).as("per address").isFalse();
        now.set(now.get().plusSeconds(11));
        assertThat(lockout.locked("10.0.0.1")).isFalse();
        lockout.succeeded("10.0.0.1");
        assertThat(lockout.failed("10.0.0.1")).as("a success starts over").isEqualTo(Duration.ofSeconds(1));
    }

    private int start(SgipServerProperties guard) {
        int port = TestInfra.freePort();
        LinkSettings settings = new LinkSettings("cucc-guard", Carrier.CUCC, Protocol.SGIP12, "127.0.0.1", 8801, "sp-login",
                "sp-secret", "MXX0010101", "10690123456", 1, 16, 100, 100, 3_0270_12345L, port, "smg-login", "smg-secret", null);
        LinkEnvironment environment = new LinkEnvironment(loops, scheduler, new Backoff(Duration.ofMillis(100),
                Duration.ofMillis(400)), SessionProperties.defaults(), meters, guard);
        server = new SgipServer(settings, environment, new RecordingSink());
        server.start();
        await().atMost(READ_LIMIT).until(() -> server.port() == port);
        return port;
    }

    private Socket connect(String from, String to, int port) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(to, port), 2000);
        socket.setSoTimeout((int) READ_LIMIT.toMillis());
        return socket;
    }

    private static int bind(Socket socket, String password) throws IOException {
        send(socket, new SgipBind(SMG, SgipBind.SMG_TO_SP, "smg-login", password));
        return ((SgipBindResp) read(socket)).result();
    }

    private static void send(Socket socket, SgipPdu pdu) throws IOException {
        ByteBuf bytes = Unpooled.buffer();
        try {
            new SgipEncoder().encodeTo(pdu, bytes);
            byte[] out = new byte[bytes.readableBytes()];
            bytes.readBytes(out);
            socket.getOutputStream().write(out);
            socket.getOutputStream().flush();
        } catch (SocketException closed) {
            // the server may close before the request is written: what the peer reads tells
        } finally {
            bytes.release();
        }
    }

    private static Object read(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readInt();
        byte[] frame = new byte[length];
        java.nio.ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length - 4);
        ByteBuf bytes = Unpooled.wrappedBuffer(frame);
        try {
            return new SgipDecoder().decodeFrame(bytes);
        } finally {
            bytes.release();
        }
    }

    /** The server closed the connection without answering (a read timeout would mean it is still open). */
    private static void assertClosedWithoutAnswer(Socket socket) {
        assertThatThrownBy(() -> read(socket)).isInstanceOfAny(EOFException.class, SocketException.class);
    }

    private double refused(String reason) {
        var counter = meters.find("sms_link_inbound_refused_total").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
