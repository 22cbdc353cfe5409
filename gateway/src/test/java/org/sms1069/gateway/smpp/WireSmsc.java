package org.sms1069.gateway.smpp;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SMSC that speaks SMPP 3.4 byte by byte on a loopback port, so that a test can send what no well-behaved
 * library would (a command_length of a megabyte) and read the gateway's exact command_status.
 */
final class WireSmsc implements AutoCloseable {
    static final int BIND_TRANSCEIVER = 0x09;
    static final int DELIVER_SM = 0x05;
    static final int SUBMIT_SM = 0x04;
    private static final int RESPONSE = 0x8000_0000;
    private static final int LATIN_1 = 0x03;

    private final ServerSocket server;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;
    private int sequence = 1;

    /** A PDU header as read: the body is skipped. */
    record Header(int length, int commandId, int status, int sequence) {
    }

    WireSmsc() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the gateway to connect and bind_transceiver, and accepts the bind. */
    void acceptBind() throws IOException {
        socket = server.accept();
        socket.setSoTimeout((int) Duration.ofSeconds(15).toMillis());
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
        Header bind = readPdu();
        if (bind.commandId() != BIND_TRANSCEIVER) {
            throw new IOException("expected bind_transceiver, got 0x" + Integer.toHexString(bind.commandId()));
        }
        write(BIND_TRANSCEIVER | RESPONSE, 0, bind.sequence(), cString("smsc"));
    }

    /** Sends an MO deliver_sm (Latin-1 text) and returns the command_status of the gateway's deliver_sm_resp. */
    int deliverMo(String from, String to, String text) throws IOException {
        return deliverMos(1, from, to, text).get(0);
    }

    /**
     * Sends {@code count} MO deliver_sm back to back, as an SMSC does within its window, then reads the gateway's
     * deliver_sm_resp to each: their command_status in the order the deliver_sm were sent.
     */
    List<Integer> deliverMos(int count, String from, String to, String text) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(cString(""));                       // service_type
        body.write(0); body.write(0); body.writeBytes(cString(from));
        body.write(0); body.write(0); body.writeBytes(cString(to));
        body.write(0); body.write(0); body.write(0);        // esm_class, protocol_id, priority_flag
        body.writeBytes(cString("")); body.writeBytes(cString("")); // schedule, validity
        body.write(0); body.write(0); body.write(LATIN_1); body.write(0); // registered_delivery, replace, data_coding, default id
        byte[] message = text.getBytes(StandardCharsets.ISO_8859_1);
        body.write(message.length);
        body.writeBytes(message);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            statuses.put(write(DELIVER_SM, 0, sequence++, body.toByteArray()), null);
        }
        int answered = 0;
        while (answered < count) {
            Header answer = readPdu();
            if (answer.commandId() == (DELIVER_SM | RESPONSE) && statuses.containsKey(answer.sequence())) {
                statuses.put(answer.sequence(), answer.status());
                answered++;
            }
        }
        return new ArrayList<>(statuses.values());
    }

    /** Waits for the gateway's submit_sm, answers it with {@code messageId} and returns its body. */
    byte[] answerSubmit(String messageId) throws IOException {
        while (true) {
            Header header = new Header(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            byte[] body = in.readNBytes(header.length() - 16);
            if (header.commandId() == SUBMIT_SM) {
                write(SUBMIT_SM | RESPONSE, 0, header.sequence(), cString(messageId));
                return body;
            }
        }
    }

    /**
     * Announces a PDU of {@code length} bytes and sends only its header, in one write: the gateway may close the
     * connection as soon as it has read the length, and a second write would then fail with a broken pipe.
     */
    void announce(int length) throws IOException {
        out.write(ByteBuffer.allocate(16).putInt(length).putInt(DELIVER_SM).putInt(0).putInt(sequence++).array());
        out.flush();
    }

    /** Whether the gateway closed the connection (reads until end of stream, skipping what it still sends). */
    boolean closedByPeer() throws IOException {
        while (in.read() >= 0) {
            // generic_nack or unbind on the way out: not what we wait for
        }
        return true;
    }

    private Header readPdu() throws IOException {
        Header header = new Header(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        in.skipNBytes(header.length() - 16);
        return header;
    }

    private int write(int commandId, int status, int seq, byte[] body) throws IOException {
        out.writeInt(16 + body.length);
        out.writeInt(commandId);
        out.writeInt(status);
        out.writeInt(seq);
        out.write(body);
        out.flush();
        return seq;
    }

    private static byte[] cString(String value) {
        byte[] text = value.getBytes(StandardCharsets.ISO_8859_1);
        byte[] terminated = new byte[text.length + 1];
        System.arraycopy(text, 0, terminated, 0, text.length);
        return terminated;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
    }
}
