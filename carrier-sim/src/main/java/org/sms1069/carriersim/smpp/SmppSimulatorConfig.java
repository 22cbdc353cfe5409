package org.sms1069.carriersim.smpp;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.sms1069.carriersim.receipt.OutcomeMix;

/**
 * Settings of one simulated SMPP 3.4 SMSC.
 *
 * @param port             TCP port to listen on; 0 picks a free one ({@link SmppSimulator#port()} tells which)
 * @param systemId         the only system_id accepted at bind
 * @param password         its password
 * @param tps              submits admitted per second; 0 = unlimited; over it submit_sm is answered ESME_RTHROTTLED
 * @param receiptDelay     time between submit_sm_resp and the delivery receipt
 * @param outcomes         receipt status → weight, e.g. {@code DELIVRD: 95, UNDELIV: 5}
 * @param seed             makes outcomes and message ids reproducible; null = random
 * @param maxWindow        submits one session may have unanswered; beyond it submit_sm is answered ESME_RTHROTTLED
 * @param messageIdFormat  spelling of message ids
 * @param bindTimeout      how long a new connection may take to send its bind before it is closed
 * @param responseTimeout  how long to wait for deliver_sm_resp before the receipt or MO counts as failed
 */
public record SmppSimulatorConfig(
        int port,
        String systemId,
        String password,
        int tps,
        Duration receiptDelay,
        Map<String, Integer> outcomes,
        Long seed,
        int maxWindow,
        MessageIdFormat messageIdFormat,
        Duration bindTimeout,
        Duration responseTimeout) {

    public static final int DEFAULT_PORT = 2775;
    public static final String DEFAULT_SYSTEM_ID = "sim";
    public static final String DEFAULT_PASSWORD = "sim-pass";
    public static final Duration DEFAULT_RECEIPT_DELAY = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_WINDOW = 64;
    public static final Duration DEFAULT_BIND_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** SMPP 3.4 limits system_id to 15 and password to 8 octets. */
    public static final int MAX_SYSTEM_ID_LENGTH = 15;
    public static final int MAX_PASSWORD_LENGTH = 8;

    public SmppSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        requireLength(systemId, "systemId", MAX_SYSTEM_ID_LENGTH);
        requireLength(password, "password", MAX_PASSWORD_LENGTH);
        if (tps < 0) {
            throw new IllegalArgumentException("tps must be >= 0 (0 = unlimited), was " + tps);
        }
        requireNotNegative(receiptDelay, "receiptDelay");
        OutcomeMix.validate(outcomes);
        outcomes = Map.copyOf(outcomes);
        if (maxWindow < 1) {
            throw new IllegalArgumentException("maxWindow must be >= 1, was " + maxWindow);
        }
        Objects.requireNonNull(messageIdFormat, "messageIdFormat");
        requirePositive(bindTimeout, "bindTimeout");
        requirePositive(responseTimeout, "responseTimeout");
    }

    /** Never prints the password: configuration is logged at start-up. */
    @Override
    public String toString() {
        return "SmppSimulatorConfig[port=" + port + ", systemId=" + systemId + ", password=***, tps=" + tps
                + ", receiptDelay=" + receiptDelay + ", outcomes=" + outcomes + ", seed=" + seed
                + ", maxWindow=" + maxWindow + ", messageIdFormat=" + messageIdFormat
                + ", bindTimeout=" + bindTimeout + ", responseTimeout=" + responseTimeout + "]";
    }

    /** Port 0, defaults everywhere else: the usual start for a test. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .port(port).systemId(systemId).password(password).tps(tps).receiptDelay(receiptDelay)
                .outcomes(outcomes).seed(seed).maxWindow(maxWindow).messageIdFormat(messageIdFormat)
                .bindTimeout(bindTimeout).responseTimeout(responseTimeout);
    }

    private static void requireLength(String value, String name, int max) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1.." + max + " characters");
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }

    private static void requirePositive(Duration value, String name) {
        requireNotNegative(value, name);
        if (value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    public static final class Builder {
        private int port;
        private String systemId = DEFAULT_SYSTEM_ID;
        private String password = DEFAULT_PASSWORD;
        private int tps;
        private Duration receiptDelay = DEFAULT_RECEIPT_DELAY;
        private Map<String, Integer> outcomes = OutcomeMix.ALL_DELIVERED;
        private Long seed;
        private int maxWindow = DEFAULT_MAX_WINDOW;
        private MessageIdFormat messageIdFormat = MessageIdFormat.HEX;
        private Duration bindTimeout = DEFAULT_BIND_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;

        private Builder() {
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder systemId(String systemId) {
            this.systemId = systemId;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder tps(int tps) {
            this.tps = tps;
            return this;
        }

        public Builder receiptDelay(Duration receiptDelay) {
            this.receiptDelay = receiptDelay;
            return this;
        }

        public Builder outcomes(Map<String, Integer> outcomes) {
            this.outcomes = outcomes;
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxWindow(int maxWindow) {
            this.maxWindow = maxWindow;
            return this;
        }

        public Builder messageIdFormat(MessageIdFormat messageIdFormat) {
            this.messageIdFormat = messageIdFormat;
            return this;
        }

        public Builder bindTimeout(Duration bindTimeout) {
            this.bindTimeout = bindTimeout;
            return this;
        }

        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        public SmppSimulatorConfig build() {
            return new SmppSimulatorConfig(port, systemId, password, tps, receiptDelay, outcomes, seed,
                    maxWindow, messageIdFormat, bindTimeout, responseTimeout);
        }
    }
}
