package org.sms1069.model.link;

import org.sms1069.model.Carrier;
import org.sms1069.model.Protocol;

import java.util.Objects;

/**
 * One carrier link as configured under {@code sms.links}: router and gateway read the same list.
 * Zero or missing numbers take the spec's defaults; the password never appears in {@link #toString()}.
 *
 * @param account       SP id / system id / login name
 * @param srcId         sender number (the 1069 number); the app's extension is appended
 * @param nodeId        SGIP only: our node id in the 12-byte sequence
 * @param listenPort    SGIP only: our server, which the carrier binds to for MO and reports
 * @param weight        share of the carrier's traffic among its links
 * @param options       per-carrier protocol settings ({@link LinkOptions}); missing ones take the protocol's default
 */
public record LinkSettings(
        String id,
        Carrier carrier,
        Protocol protocol,
        String host,
        int port,
        String account,
        String password,
        String serviceId,
        String srcId,
        int connections,
        int window,
        int tps,
        int weight,
        long nodeId,
        int listenPort,
        String listenAccount,
        String listenPassword,
        LinkOptions options) {

    public static final int DEFAULT_WINDOW = 16;
    public static final int DEFAULT_TPS = 100;
    public static final int DEFAULT_WEIGHT = 100;

    public LinkSettings {
        require(id != null && id.matches("[a-z0-9][a-z0-9-]{0,40}"), id, "id must be 1-41 lower-case letters, digits or '-'");
        require(carrier != null, id, "carrier is required (CMCC, CUCC, CTCC, CBN, INTL)");
        require(protocol != null, id, "protocol is required (CMPP20, CMPP30, SGIP12, SMGP30, SMPP34)");
        require(host != null && !host.isBlank(), id, "host is required");
        require(port > 0 && port < 65536, id, "port must be 1-65535");
        require(account != null && !account.isBlank(), id, "account is required");
        require(srcId != null && srcId.matches("\\d{1,21}"), id, "src-id must be the sender number (digits)");
        require(listenPort >= 0 && listenPort < 65536, id, "listen-port must be 0-65535");
        require(protocol != Protocol.SGIP12 || listenPort > 0, id, "SGIP links need listen-port for the carrier's MO and reports");
        password = Objects.requireNonNullElse(password, "");
        connections = connections > 0 ? connections : 1;
        window = window > 0 ? window : DEFAULT_WINDOW;
        tps = tps > 0 ? tps : DEFAULT_TPS;
        weight = weight > 0 ? weight : DEFAULT_WEIGHT;
        options = Objects.requireNonNullElse(options, LinkOptions.NONE).resolve(id, protocol, nodeId);
    }

    private static void require(boolean condition, String id, String message) {
        if (!condition) {
            throw new IllegalArgumentException("sms.links[" + id + "]: " + message);
        }
    }

    /**
     * Receipts belong to the carrier account, not to our link: a carrier may return a receipt on any
     * connection logged in with the account that submitted. Links sharing an account share receipts.
     */
    public String receiptScope() {
        return account + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "LinkSettings[id=" + id + ", carrier=" + carrier + ", protocol=" + protocol + ", " + host + ":" + port
                + ", account=" + account + ", connections=" + connections + ", window=" + window + ", tps=" + tps
                + ", weight=" + weight + "]";
    }
}
