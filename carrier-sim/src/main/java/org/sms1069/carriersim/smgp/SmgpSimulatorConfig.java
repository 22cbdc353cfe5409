package org.sms1069.carriersim.smgp;

import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.carriersim.netty.SimConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated SMGP 3.0 SMGW.
 *
 * @param port        TCP port; 0 picks a free one ({@link SmgpSimulator#port()} tells which)
 * @param account     the only ClientID accepted (at most 8 characters)
 * @param password    its shared secret; a wrong authenticator is answered with status 21
 * @param gatewayCode the SMGW code (6 digits: area code, "06", index) that starts every MsgID
 * @param behaviour   rate, window, receipts and report order
 */
public record SmgpSimulatorConfig(int port, String account, String password, String gatewayCode, SimBehaviour behaviour)
        implements SimConfig {

    public static final int DEFAULT_PORT = 8890;
    public static final String DEFAULT_ACCOUNT = "10690001";
    public static final String DEFAULT_PASSWORD = "sim-pass";

    public SmgpSimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(account, "account");
        if (account.isEmpty() || account.length() > 8) {
            throw new IllegalArgumentException("account (ClientID) must be 1..8 characters");
        }
        Objects.requireNonNull(password, "password");
        if (gatewayCode == null || !gatewayCode.matches("\\d{6}")) {
            throw new IllegalArgumentException("gatewayCode must be 6 digits");
        }
        Objects.requireNonNull(behaviour, "behaviour");
    }

    /** Port 0 and defaults elsewhere: the usual start for a test. */
    public static SmgpSimulatorConfig defaults() {
        return new SmgpSimulatorConfig(0, DEFAULT_ACCOUNT, DEFAULT_PASSWORD, "010061", SimBehaviour.defaults());
    }

    public SmgpSimulatorConfig withPort(int value) {
        return new SmgpSimulatorConfig(value, account, password, gatewayCode, behaviour);
    }

    public SmgpSimulatorConfig withLogin(String newAccount, String newPassword) {
        return new SmgpSimulatorConfig(port, newAccount, newPassword, gatewayCode, behaviour);
    }

    public SmgpSimulatorConfig withBehaviour(SimBehaviour value) {
        return new SmgpSimulatorConfig(port, account, password, gatewayCode, value);
    }

    public SmgpSimulatorConfig withLimits(int tps, int maxWindow) {
        return withBehaviour(behaviour.withLimits(tps, maxWindow));
    }

    public SmgpSimulatorConfig withReceipts(Duration delay, Map<String, Integer> mix, Long seed) {
        return withBehaviour(behaviour.withReceipts(delay, mix, seed));
    }

    public SmgpSimulatorConfig withReportBeforeResponse(boolean value) {
        return withBehaviour(behaviour.withReportBeforeResponse(value));
    }

    @Override
    public String toString() {
        return "SmgpSimulatorConfig[port=" + port + ", account=" + account + ", password=***, gatewayCode=" + gatewayCode
                + ", " + behaviour + "]";
    }
}
