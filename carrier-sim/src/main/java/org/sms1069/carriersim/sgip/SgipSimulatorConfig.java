package org.sms1069.carriersim.sgip;

import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.carriersim.netty.SimConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one simulated SGIP 1.2 SMG. It is a server for the SP's SUBMITs and a client of the SP's own
 * server, to which it connects back (BIND login type 2) for REPORTs and MO.
 *
 * @param port           TCP port for the SP's BIND (login type 1); 0 picks a free one
 * @param account        the only LoginName accepted (at most 16 characters)
 * @param password       its LoginPassword; a wrong one is answered with result 1 and the connection closed
 * @param nodeId         the SMG's node id in the sequences of its REPORTs and DELIVERs
 * @param reportHost     where the SP's SGIP server listens
 * @param reportPort     its port
 * @param reportAccount  the LoginName we present to the SP's server
 * @param reportPassword its LoginPassword
 * @param behaviour      rate, window, receipts and report order
 */
public record SgipSimulatorConfig(int port, String account, String password, long nodeId, String reportHost,
                                  int reportPort, String reportAccount, String reportPassword, SimBehaviour behaviour)
        implements SimConfig {

    public static final int DEFAULT_PORT = 8801;
    public static final int DEFAULT_REPORT_PORT = 8802;
    public static final String DEFAULT_ACCOUNT = "sim-sp";
    public static final String DEFAULT_PASSWORD = "sim-pass";
    public static final String DEFAULT_REPORT_ACCOUNT = "sim-smg";
    public static final long DEFAULT_NODE_ID = 1_0755_10L;

    public SgipSimulatorConfig {
        if (port < 0 || port > 65_535 || reportPort < 1 || reportPort > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535 and reportPort 1..65535");
        }
        for (String credential : new String[] {account, password, reportAccount, reportPassword}) {
            if (Objects.requireNonNull(credential, "credentials").length() > 16) {
                throw new IllegalArgumentException("SGIP login names and passwords are at most 16 characters");
            }
        }
        if (account.isEmpty() || reportAccount.isEmpty() || nodeId <= 0 || nodeId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("account, reportAccount and a 32-bit nodeId are required");
        }
        Objects.requireNonNull(reportHost, "reportHost");
        Objects.requireNonNull(behaviour, "behaviour");
    }

    /** Port 0, reports to 127.0.0.1:{@code reportPort}, defaults elsewhere: the usual start for a test. */
    public static SgipSimulatorConfig defaults(int reportPort) {
        return new SgipSimulatorConfig(0, DEFAULT_ACCOUNT, DEFAULT_PASSWORD, DEFAULT_NODE_ID, "127.0.0.1", reportPort,
                DEFAULT_REPORT_ACCOUNT, DEFAULT_PASSWORD, SimBehaviour.defaults());
    }

    public SgipSimulatorConfig withPort(int value) {
        return new SgipSimulatorConfig(value, account, password, nodeId, reportHost, reportPort, reportAccount, reportPassword, behaviour);
    }

    public SgipSimulatorConfig withLogin(String newAccount, String newPassword) {
        return new SgipSimulatorConfig(port, newAccount, newPassword, nodeId, reportHost, reportPort, reportAccount, reportPassword, behaviour);
    }

    public SgipSimulatorConfig withReportTarget(String host, int newPort, String newAccount, String newPassword) {
        return new SgipSimulatorConfig(port, account, password, nodeId, host, newPort, newAccount, newPassword, behaviour);
    }

    public SgipSimulatorConfig withBehaviour(SimBehaviour value) {
        return new SgipSimulatorConfig(port, account, password, nodeId, reportHost, reportPort, reportAccount, reportPassword, value);
    }

    public SgipSimulatorConfig withReceipts(Duration delay, Map<String, Integer> mix, Long seed) {
        return withBehaviour(behaviour.withReceipts(delay, mix, seed));
    }

    @Override
    public String toString() {
        return "SgipSimulatorConfig[port=" + port + ", account=" + account + ", password=***, nodeId=" + nodeId
                + ", reports to " + reportHost + ":" + reportPort + " as " + reportAccount + ", " + behaviour + "]";
    }
}
