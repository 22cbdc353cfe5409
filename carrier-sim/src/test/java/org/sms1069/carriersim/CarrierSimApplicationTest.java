package org.sms1069.carriersim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.Test;
import org.sms1069.carriersim.smpp.SmppSimulator;
import org.sms1069.carriersim.cmpp.CmppQuirks;
import org.sms1069.carriersim.smpp.SmppQuirks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

// metrics export is off in Spring Boot tests unless asked for
@AutoConfigureObservability(tracing = false)
@CarrierSimOnFreePorts
class CarrierSimApplicationTest {

    @Autowired
    WebTestClient web;

    @Autowired
    SmppSimulator simulator;

    @Autowired
    SimProperties properties;

    @Test
    void startsOnRandomPortsAndIsHealthy() {
        assertThat(simulator.port()).isPositive().isNotEqualTo(2775);
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readsItsOwnConfigFile() {
        assertThat(properties.smpp().systemId()).isEqualTo("sim");
        assertThat(properties.receiptDelay()).isEqualTo(Duration.ofMillis(50));
        assertThat(properties.outcomes()).containsEntry("DELIVRD", 100);
        assertThat(properties.cmpp().quirks()).isEqualTo(CmppQuirks.NONE);
        assertThat(properties.smpp().quirks()).isEqualTo(SmppQuirks.NONE);
    }

    @Test
    void exposesSimulatorMetrics() {
        web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("sms_sim_submits_total{")
                        .contains("sms_sim_sessions{"));
    }

    @Test
    void injectsMoThroughTheControlApi() throws Exception {
        SMPPSession platform = new SMPPSession();
        java.util.concurrent.BlockingQueue<org.jsmpp.bean.DeliverSm> received = new java.util.concurrent.LinkedBlockingQueue<>();
        platform.setMessageReceiverListener(new org.jsmpp.session.MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
                received.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification alertNotification) {
            }

            @Override
            public org.jsmpp.session.DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, org.jsmpp.session.Session source) {
                return null;
            }
        });
        try {
            platform.connectAndBind("127.0.0.1", simulator.port(), new BindParameter(BindType.BIND_TRX, "sim", "sim-pass",
                    "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));

            web.post().uri("/sim/mo").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(new MoRequest("13800138000", "10690123456", "好的"))
                    .exchange()
                    .expectStatus().isAccepted();

            org.jsmpp.bean.DeliverSm mo = received.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(mo).isNotNull();
            assertThat(new String(mo.getShortMessage(), java.nio.charset.StandardCharsets.UTF_16BE)).isEqualTo("好的");
        } finally {
            platform.unbindAndClose();
        }
    }

    @Test
    void moWithoutReceiverIsAConflictAndInvalidMoABadRequest() {
        web.post().uri("/sim/mo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new MoRequest("13800138000", "10690123456", "hi"))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("MO_NOT_DELIVERED");

        web.post().uri("/sim/mo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"from\":\"\",\"to\":\"10690123456\",\"text\":\"hi\"}")
                .exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void countsSubmits() {
        web.get().uri("/sim/submits/count").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.count").isEqualTo((int) simulator.counters().submitsAccepted());
    }
}
