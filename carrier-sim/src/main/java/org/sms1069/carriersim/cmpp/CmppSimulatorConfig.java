package org.sms1069.carriersim.cmpp;

import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.carriersim.netty.SimConfig;
import org.sms1069.carriersim.receipt.OutcomeMix;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated CMPP 2.0/3.0 ISMG. The version is the client's choice at CONNECT.
 *
 * @param port                 TCP port; 0 picks a free one ({@link CmppSimulator#port()} tells which)
 * @param account              the only Source_Addr accepted (SP id, at most 6 characters)
 * @param password             its shared secret; a wrong authenticator is answered with status 3
 * @param tps                  submits admitted per second, 0 = unlimited; beyond it SUBMIT_RESP result 8
 * @param maxWindow            unanswered submits per connection; beyond it SUBMIT_RESP result 8
 * @param receiptDelay         time from SUBMIT_RESP to the status report
 * @param outcomes             report stat → weight, e.g. {@code DELIVRD: 95, UNDELIV: 5}
 * @param seed                 makes outcomes reproducible; null = random
 * @param gatewayId            ISMG code inside generated Msg_Ids
 * @param reportBeforeResponse send the status report before the SUBMIT_RESP, as a busy ISMG sometimes does
 */
public record CmppSimulatorConfig(int port, String account, String password, int tps, int maxWindow,
                                  Duration receiptDelay, Map<String, Integer> outcomes, Long seed, int gatewayId,
                                  boolean reportBeforeResponse) implements SimConfig {

    public static final int DEFAULT_PORT = 7890;
    public static final String DEFAULT_ACCOUNT = "901234";
    public static final String DEFAULT_PASSWORD = "sim-pass";

    public CmppSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(account, "account");
        if (account.isEmpty() || account.length() > 6) {
            throw new IllegalArgumentException("account must be 1..6 characters");
        }
        Objects.requireNonNull(password, "password");
        outcomes = new SimBehaviour(tps, maxWindow, receiptDelay, outcomes, seed, reportBeforeResponse).outcomes();
    }

    /** Port 0 and defaults elsewhere: the usual start for a test. */
    public static CmppSimulatorConfig defaults() {
        return new CmppSimulatorConfig(0, DEFAULT_ACCOUNT, DEFAULT_PASSWORD, 0, 64, Duration.ofMillis(500),
                OutcomeMix.ALL_DELIVERED, null, 1001, false);
    }

    /** The protocol-independent part. */
    @Override
    public SimBehaviour behaviour() {
        return new SimBehaviour(tps, maxWindow, receiptDelay, outcomes, seed, reportBeforeResponse);
    }

    public CmppSimulatorConfig withPort(int value) {
        return new CmppSimulatorConfig(value, account, password, tps, maxWindow, receiptDelay, outcomes, seed, gatewayId, reportBeforeResponse);
    }

    public CmppSimulatorConfig withLogin(String newAccount, String newPassword) {
        return new CmppSimulatorConfig(port, newAccount, newPassword, tps, maxWindow, receiptDelay, outcomes, seed, gatewayId, reportBeforeResponse);
    }

    public CmppSimulatorConfig withLimits(int newTps, int newMaxWindow) {
        return new CmppSimulatorConfig(port, account, password, newTps, newMaxWindow, receiptDelay, outcomes, seed, gatewayId, reportBeforeResponse);
    }

    public CmppSimulatorConfig withReceipts(Duration delay, Map<String, Integer> mix, Long newSeed) {
        return new CmppSimulatorConfig(port, account, password, tps, maxWindow, delay, mix, newSeed, gatewayId, reportBeforeResponse);
    }

    public CmppSimulatorConfig withBehaviour(SimBehaviour b) {
        return new CmppSimulatorConfig(port, account, password, b.tps(), b.maxWindow(), b.receiptDelay(), b.outcomes(),
                b.seed(), gatewayId, b.reportBeforeResponse());
    }

    public CmppSimulatorConfig withReportBeforeResponse(boolean value) {
        return new CmppSimulatorConfig(port, account, password, tps, maxWindow, receiptDelay, outcomes, seed, gatewayId, value);
    }

    @Override
    public String toString() {
        return "CmppSimulatorConfig[port=" + port + ", account=" + account + ", password=***, tps=" + tps
                + ", maxWindow=" + maxWindow + ", receiptDelay=" + receiptDelay + ", outcomes=" + outcomes
                + ", reportBeforeResponse=" + reportBeforeResponse + "]";
    }
}
