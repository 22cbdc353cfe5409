package org.sms1069.api.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.sms1069.api.submit.SendService;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;
import org.sms1069.api.verification.TestApps;
import org.sms1069.api.verification.VerificationService;
import org.sms1069.model.Topics;
import org.sms1069.model.event.AcceptedMessage;
import org.sms1069.testkit.TopicReader;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send request's log lines carry its app, its messages and its trace, although WebFlux runs the request on
 * several threads; the trace is the one the message's record on {@code sms.submit} carries on. With the api's
 * defaults (sampling 0.1): the ids are there whether or not the trace is recorded.
 */
class RequestLogContextTest {
    private static RunningApi api;
    private static RunningApi.TestApp app;
    private static final Logger SEND_LOG = (Logger) LoggerFactory.getLogger(SendService.class);
    private static final Logger VERIFICATION_LOG = (Logger) LoggerFactory.getLogger(VerificationService.class);
    /** Keeps each line's MDC as it was on the thread that logged it (Logback reads it lazily otherwise). */
    private static final ListAppender<ILoggingEvent> LINES = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Logged", "71", "示例科技");
        LINES.start();
        SEND_LOG.addAppender(LINES);
        SEND_LOG.setLevel(Level.DEBUG);
        VERIFICATION_LOG.addAppender(LINES);
    }

    @AfterAll
    static void stop() {
        SEND_LOG.detachAppender(LINES);
        SEND_LOG.setLevel(null);
        VERIFICATION_LOG.detachAppender(LINES);
        if (api != null) {
            api.close();
        }
    }

    @Test
    void aSendRequestsLinesCarryAppIdMessageIdAndTheTraceOfItsRecord() {
        String phone = Phones.unique("138");
        ApiResponse sent = api.send(SignedRequest.post("/v1/messages").by(app.key()).json(Map.of(
                "phones", List.of(phone), "text", "【示例科技】您的订单已发货，请注意查收。", "type", "NOTIFICATION")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String messageId = sent.json().get("messages").get(0).get("messageId").asText();

        Map<String, String> mdc = linesAbout(messageId).get(0).getMDCPropertyMap();
        assertThat(mdc).containsEntry("appId", app.appId()).containsEntry("messageId", messageId)
                .doesNotContainValue(phone);
        assertThat(mdc.get("traceId")).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));

        ConsumerRecord<String, AcceptedMessage> record = TopicReader.first(Topics.SUBMIT, m -> m.messageId().equals(messageId));
        Header traceparent = record.headers().lastHeader("traceparent");
        assertThat(traceparent).as("the record carries the request's trace").isNotNull();
        assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII)).startsWith("00-" + mdc.get("traceId") + "-");
    }

    @Test
    void severalMessagesAreNamedTogether() {
        String first = Phones.unique("138");
        String second = Phones.unique("139");
        ApiResponse sent = api.send(SignedRequest.post("/v1/messages").by(app.key()).json(Map.of(
                "phones", List.of(first, second), "text", "【示例科技】您预约的服务已确认。", "type", "NOTIFICATION")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String a = sent.json().get("messages").get(0).get("messageId").asText();
        String b = sent.json().get("messages").get(1).get("messageId").asText();

        Map<String, String> mdc = linesAbout(a).get(0).getMDCPropertyMap();
        assertThat(mdc.get("messageIds")).contains(a).contains(b);
        assertThat(mdc).containsEntry("appId", app.appId()).doesNotContainKey("messageId");
    }

    /** The line is logged after the send's own steps, where its message ids are out of the context: app and trace. */
    @Test
    void aVerificationCodesIssueLineCarriesAppIdAndTrace() {
        RunningApi.TestApp verifying = TestApps.onboard(api, "Logged codes", "72", "示例科技", Map.of());
        TestApps.approvedTemplate(api, verifying.appId(), "VERIFICATION", "您的验证码是${code}，5分钟内有效。");
        String messageId = TestApps.post(api, verifying.key(), "/v1/verification-codes",
                Map.of("phone", Phones.unique("137"), "scene", "login")).expect(202).body().get("messageId").asText();

        ILoggingEvent line = LINES.list.stream()
                .filter(e -> e.getLoggerName().equals(VerificationService.class.getName())
                        && e.getFormattedMessage().contains(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no issue line naming " + messageId + " in " + LINES.list));
        assertThat(line.getMDCPropertyMap()).containsEntry("appId", verifying.appId());
        assertThat(line.getMDCPropertyMap().get("traceId")).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
    }

    private static List<ILoggingEvent> linesAbout(String messageId) {
        List<ILoggingEvent> lines = LINES.list.stream().filter(e -> {
            Map<String, String> mdc = e.getMDCPropertyMap();
            return messageId.equals(mdc.get("messageId")) || String.valueOf(mdc.get("messageIds")).contains(messageId);
        }).toList();
        assertThat(lines).as("lines of the send request naming %s among %s", messageId, LINES.list).isNotEmpty();
        return lines;
    }
}
