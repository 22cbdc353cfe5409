package org.sms1069.carriersim;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.sms1069.carriersim.cmpp.CmppQuirks;
import org.sms1069.carriersim.cmpp.CmppSimulatorConfig;
import org.sms1069.carriersim.netty.SimBehaviour;
import org.sms1069.carriersim.receipt.OutcomeMix;
import org.sms1069.carriersim.sgip.SgipSimulatorConfig;
import org.sms1069.carriersim.smgp.SmgpSimulatorConfig;
import org.sms1069.carriersim.smpp.MessageIdFormat;
import org.sms1069.carriersim.smpp.SmppQuirks;
import org.sms1069.carriersim.smpp.SmppSimulatorConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code sim.*}: how the simulated carrier behaves.
 *
 * @param smpp         the SMPP 3.4 SMSC
 * @param cmpp         the CMPP 2.0/3.0 ISMG
 * @param smgp         the SMGP 3.0 SMGW
 * @param sgip         the SGIP 1.2 SMG
 * @param receiptDelay time from submit response to delivery receipt
 * @param outcomes     receipt status → weight; keys with a colon need brackets: {@code "[MK:0001]": 1}
 * @param tps          submits admitted per second per simulator, 0 = unlimited
 * @param seed         makes outcomes and message ids reproducible; unset = random
 * @param intermediateStates send an intermediate report before each final one (CMPP and SMGP ACCEPTD, SMPP ENROUTE)
 */
@Validated
@ConfigurationProperties("sim")
public record SimProperties(
        @Valid @NotNull @DefaultValue Smpp smpp,
        @Valid @NotNull @DefaultValue Cmpp cmpp,
        @Valid @NotNull @DefaultValue Smgp smgp,
        @Valid @NotNull @DefaultValue Sgip sgip,
        @NotNull @DefaultValue("500ms") Duration receiptDelay,
        @NotEmpty Map<String, @NotNull @PositiveOrZero Integer> outcomes,
        @PositiveOrZero @DefaultValue("0") int tps,
        Long seed,
        @DefaultValue("false") boolean intermediateStates) {

    public SimProperties {
        outcomes = outcomes == null || outcomes.isEmpty() ? OutcomeMix.ALL_DELIVERED : Map.copyOf(outcomes);
    }

    /**
     * @param port            listening port, 0 = any free one
     * @param systemId        accepted system_id (at most 15 characters)
     * @param password        its password (at most 8 characters)
     * @param maxWindow       unanswered submits per session before ESME_RTHROTTLED
     * @param messageIdFormat HEX (10 hex digits) or DECIMAL
     * @param bindTimeout     time a new connection has to bind
     * @param responseTimeout wait for deliver_sm_resp
     * @param quirks          how a real SMSC sends receipts and MO ({@link SmppQuirks}); all off by default
     */
    public record Smpp(
            @Min(0) @Max(65_535) @DefaultValue("2775") int port,
            @NotBlank @Size(max = SmppSimulatorConfig.MAX_SYSTEM_ID_LENGTH)
            @DefaultValue(SmppSimulatorConfig.DEFAULT_SYSTEM_ID) String systemId,
            @NotBlank @Size(max = SmppSimulatorConfig.MAX_PASSWORD_LENGTH)
            @DefaultValue(SmppSimulatorConfig.DEFAULT_PASSWORD) String password,
            @Min(1) @DefaultValue("64") int maxWindow,
            @NotNull @DefaultValue("HEX") MessageIdFormat messageIdFormat,
            @NotNull @DefaultValue("10s") Duration bindTimeout,
            @NotNull @DefaultValue("5s") Duration responseTimeout,
            @NotNull @DefaultValue SmppQuirks quirks) {

        @Override
        public String toString() {
            return "Smpp[port=" + port + ", systemId=" + systemId + ", password=***, maxWindow=" + maxWindow
                    + ", messageIdFormat=" + messageIdFormat + ", bindTimeout=" + bindTimeout
                    + ", responseTimeout=" + responseTimeout + ", quirks=" + quirks + "]";
        }
    }

    /**
     * @param port                 listening port, 0 = any free one
     * @param account              accepted Source_Addr (SP id, at most 6 characters)
     * @param password             its shared secret
     * @param maxWindow            unanswered submits per connection before result 8
     * @param reportBeforeResponse send each status report before its SUBMIT_RESP
     * @param quirks               how a real ISMG departs from the spec ({@link CmppQuirks}); all off by default
     */
    public record Cmpp(
            @Min(0) @Max(65_535) @DefaultValue("7890") int port,
            @NotBlank @Size(max = 6) @DefaultValue(CmppSimulatorConfig.DEFAULT_ACCOUNT) String account,
            @NotBlank @DefaultValue(CmppSimulatorConfig.DEFAULT_PASSWORD) String password,
            @Min(1) @DefaultValue("64") int maxWindow,
            @DefaultValue("false") boolean reportBeforeResponse,
            @NotNull @DefaultValue CmppQuirks quirks) {

        @Override
        public String toString() {
            return "Cmpp[port=" + port + ", account=" + account + ", password=***, maxWindow=" + maxWindow
                    + ", reportBeforeResponse=" + reportBeforeResponse + ", quirks=" + quirks + "]";
        }
    }

    /**
     * @param port                 listening port, 0 = any free one
     * @param account              accepted ClientID (at most 8 characters)
     * @param password             its shared secret
     * @param maxWindow            unanswered submits per connection before status 1 (system busy)
     * @param reportBeforeResponse send each status report before its Submit_Resp
     */
    public record Smgp(
            @Min(0) @Max(65_535) @DefaultValue("8890") int port,
            @NotBlank @Size(max = 8) @DefaultValue(SmgpSimulatorConfig.DEFAULT_ACCOUNT) String account,
            @NotBlank @DefaultValue(SmgpSimulatorConfig.DEFAULT_PASSWORD) String password,
            @Min(1) @DefaultValue("64") int maxWindow,
            @DefaultValue("false") boolean reportBeforeResponse) {

        @Override
        public String toString() {
            return "Smgp[port=" + port + ", account=" + account + ", password=***, maxWindow=" + maxWindow
                    + ", reportBeforeResponse=" + reportBeforeResponse + "]";
        }
    }

    /**
     * @param port                 listening port for the SP's BIND (login type 1), 0 = any free one
     * @param account              accepted LoginName (at most 16 characters)
     * @param password             its LoginPassword
     * @param nodeId               the SMG's node id in its REPORT and DELIVER sequences
     * @param reportHost           where the SP's SGIP server listens (the link's listen-port)
     * @param reportPort           its port
     * @param reportAccount        LoginName presented to the SP's server (the link's listen-account)
     * @param reportPassword       its LoginPassword (the link's listen-password)
     * @param maxWindow            unanswered submits per connection before result 88
     * @param reportBeforeResponse send each REPORT (and wait for its answer) before the SUBMIT_RESP
     */
    public record Sgip(
            @Min(0) @Max(65_535) @DefaultValue("8801") int port,
            @NotBlank @Size(max = 16) @DefaultValue(SgipSimulatorConfig.DEFAULT_ACCOUNT) String account,
            @NotBlank @Size(max = 16) @DefaultValue(SgipSimulatorConfig.DEFAULT_PASSWORD) String password,
            @Min(1) @DefaultValue("1075510") long nodeId,
            @NotBlank @DefaultValue("127.0.0.1") String reportHost,
            @Min(1) @Max(65_535) @DefaultValue("8802") int reportPort,
            @NotBlank @Size(max = 16) @DefaultValue(SgipSimulatorConfig.DEFAULT_REPORT_ACCOUNT) String reportAccount,
            @NotBlank @Size(max = 16) @DefaultValue(SgipSimulatorConfig.DEFAULT_PASSWORD) String reportPassword,
            @Min(1) @DefaultValue("64") int maxWindow,
            @DefaultValue("false") boolean reportBeforeResponse) {

        @Override
        public String toString() {
            return "Sgip[port=" + port + ", account=" + account + ", password=***, nodeId=" + nodeId + ", reports to "
                    + reportHost + ":" + reportPort + " as " + reportAccount + ", maxWindow=" + maxWindow
                    + ", reportBeforeResponse=" + reportBeforeResponse + "]";
        }
    }

    public SgipSimulatorConfig sgipConfig() {
        return new SgipSimulatorConfig(sgip.port(), sgip.account(), sgip.password(), sgip.nodeId(), sgip.reportHost(),
                sgip.reportPort(), sgip.reportAccount(), sgip.reportPassword(),
                behaviour(sgip.maxWindow(), sgip.reportBeforeResponse()));
    }

    /** What every Netty simulator shares, with a protocol's window and report order. */
    private SimBehaviour behaviour(int maxWindow, boolean reportBeforeResponse) {
        return new SimBehaviour(tps, maxWindow, receiptDelay, outcomes, seed, reportBeforeResponse);
    }

    public SmgpSimulatorConfig smgpConfig() {
        return SmgpSimulatorConfig.defaults().withPort(smgp.port()).withLogin(smgp.account(), smgp.password())
                .withBehaviour(behaviour(smgp.maxWindow(), smgp.reportBeforeResponse()));
    }

    public CmppSimulatorConfig cmppConfig() {
        return CmppSimulatorConfig.defaults().withPort(cmpp.port()).withLogin(cmpp.account(), cmpp.password())
                .withLimits(tps, cmpp.maxWindow()).withReceipts(receiptDelay, outcomes, seed)
                .withReportBeforeResponse(cmpp.reportBeforeResponse());
    }

    public SmppSimulatorConfig smppConfig() {
        return SmppSimulatorConfig.builder()
                .port(smpp.port())
                .systemId(smpp.systemId())
                .password(smpp.password())
                .maxWindow(smpp.maxWindow())
                .messageIdFormat(smpp.messageIdFormat())
                .bindTimeout(smpp.bindTimeout())
                .responseTimeout(smpp.responseTimeout())
                .tps(tps)
                .receiptDelay(receiptDelay)
                .outcomes(outcomes)
                .seed(seed)
                .build();
    }
}
