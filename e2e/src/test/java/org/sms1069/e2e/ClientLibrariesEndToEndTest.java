package org.sms1069.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.client.ApiProblem;
import org.sms1069.client.CallbackVerifier;
import org.sms1069.client.Message;
import org.sms1069.client.MessageType;
import org.sms1069.client.ProblemCode;
import org.sms1069.client.SendMessage;
import org.sms1069.client.SendResult;
import org.sms1069.client.SmsClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The client libraries against the real platform: the Java client (client module), the single-file Python
 * client (client/python/sms1069.py, run by python3) and the runnable examples (examples/: Java, Python, curl)
 * send, read the status back until DELIVERED, get typed refusals, and verify the platform's real callbacks.
 */
class ClientLibrariesEndToEndTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path PYTHON_CLIENT = ROOT.resolve("client/python");
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Platform platform;
    private static Platform.AppKey key;
    private static CallbackInbox inbox;
    private static String callbackSecret;
    private static SmsClient sms;

    @BeforeAll
    static void start() {
        platform = new Platform(Duration.ofMillis(200));
        key = platform.onboardAppKey("Client libraries", "55", "示例科技");
        inbox = new CallbackInbox();
        SignedClient admin = platform.admin();
        assertThat(admin.patch("/admin/v1/apps/" + key.appId(), Map.of("callbackUrl", inbox.url())).status()).isEqualTo(200);
        SignedClient.Response secret = admin.get("/admin/v1/apps/" + key.appId() + "/callback-secret");
        assertThat(secret.status()).as(secret.body().toString()).isEqualTo(200);
        callbackSecret = secret.body().get("callbackSecret").asText();
        sms = SmsClient.builder(platform.apiUrl(), key.keyId(), key.secret()).build();
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void javaClientSendsReadsBackDeliveredAndVerifiesTheCallback() {
        SendMessage notice = SendMessage.text(List.of("+86 138 0013 8021"), "【示例科技】您的订单已发货，请注意查收。",
                MessageType.NOTIFICATION).withClientRef("java-e2e");
        SendResult sent = sms.send(notice, "java-e2e-1");
        assertThat(sent.rejected()).isEmpty();
        SendResult.Accepted accepted = sent.messages().get(0);
        assertThat(accepted.phone()).isEqualTo("13800138021");
        assertThat(accepted.carrier()).isEqualTo("CMCC");
        assertThat(sms.send(notice, "java-e2e-1").messages().get(0).messageId())
                .as("the same Idempotency-Key and body answer the same message").isEqualTo(accepted.messageId());

        Message delivered = awaitFinal(accepted.messageId());
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        assertThat(delivered.rawStat()).isEqualTo("DELIVRD");
        assertThat(delivered.clientRef()).isEqualTo("java-e2e");
        assertThat(delivered.timeline()).extracting(Message.Event::status).containsExactly("SUBMITTED", "DELIVERED");
        assertThat(sms.listMessages(Map.of("clientRef", "java-e2e", "status", "DELIVERED")).messages())
                .extracting(Message::id).containsExactly(accepted.messageId());

        CallbackInbox.Received callback = awaitCallback(accepted.messageId(), "DELIVERED");
        CallbackVerifier verifier = new CallbackVerifier(callbackSecret);
        assertThat(verifier.isValid(callback.timestamp(), callback.signature(), callback.body())).isTrue();
        byte[] tampered = callback.text().replace("DELIVERED", "UNDELIVERED").getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.isValid(callback.timestamp(), callback.signature(), tampered)).isFalse();
        assertThat(new CallbackVerifier(key.secret()).isValid(callback.timestamp(), callback.signature(), callback.body())).isFalse();
    }

    @Test
    void javaClientThrowsTheApisProblemsTyped() {
        assertThatThrownBy(() -> sms.getMessage("01M8H24F9Z7W1ZQEHFZB47Q1CS")).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(404);
            assertThat(p.code()).isEqualTo(ProblemCode.NOT_FOUND);
        });
        SendMessage code = SendMessage.text(List.of("13900139031"), "【示例科技】您的验证码是482913，5分钟内有效。", MessageType.VERIFICATION);
        sms.send(code, "java-e2e-code-1");
        SendMessage conflicting = SendMessage.text(List.of("13900139031"), "【示例科技】您的验证码是731942，5分钟内有效。",
                MessageType.VERIFICATION);
        assertThatThrownBy(() -> sms.send(conflicting, "java-e2e-code-1"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.CONFLICT));
        long before = System.nanoTime();
        // a second code to the phone within the minute: Retry-After is longer than the client waits by itself
        assertThatThrownBy(() -> sms.send(conflicting)).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(429);
            assertThat(p.code()).isEqualTo(ProblemCode.RATE_LIMITED);
            assertThat(p.property("limit").asText()).isEqualTo("PER_MINUTE");
            assertThat(p.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(10)));
        });
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        SmsClient wrongSecret = SmsClient.builder(platform.apiUrl(), key.keyId(), "not-the-secret").build();
        assertThatThrownBy(() -> wrongSecret.getMessage("01M8H24F9Z7W1ZQEHFZB47Q1CS"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.UNAUTHENTICATED));
    }

    @Test
    void pythonClientSendsReadsBackDeliveredAndVerifiesTheCallback() throws Exception {
        Run run = run(List.of("python3", ROOT.resolve("e2e/src/test/python/client_e2e.py").toString(), "13800138031"));
        assertThat(run.exit()).as(run.output()).isZero();
        JsonNode seen = JSON.readTree(run.output().lines().reduce((first, last) -> last).orElseThrow());
        String id = seen.at("/sent/messages/0/messageId").asText();
        assertThat(seen.at("/sent/messages/0/phone").asText()).isEqualTo("13800138031");
        assertThat(seen.at("/again/messages/0/messageId").asText()).isEqualTo(id);
        assertThat(seen.at("/message/status").asText()).isEqualTo("DELIVERED");
        assertThat(seen.at("/message/clientRef").asText()).isEqualTo("python-e2e");
        assertThat(seen.get("listed")).extracting(JsonNode::asText).containsExactly(id);
        assertThat(seen.get("notFound")).extracting(JsonNode::asText).containsExactly("404", "NOT_FOUND");
        assertThat(seen.get("conflict")).extracting(JsonNode::asText).containsExactly("409", "CONFLICT");
        // what the platform stored, read with the other client
        assertThat(sms.getMessage(id).status()).isEqualTo("DELIVERED");

        CallbackInbox.Received callback = awaitCallback(id, "DELIVERED");
        Path body = Files.createTempFile("callback", ".json");
        Files.write(body, callback.body());
        String verify = "import sys, sms1069; body = open(sys.argv[4], 'rb').read(); "
                + "print(sms1069.verify_callback(sys.argv[1], sys.argv[2], sys.argv[3], body), "
                + "sms1069.verify_callback(sys.argv[1], sys.argv[2], sys.argv[3], body + b' '))";
        Run verified = run(List.of("python3", "-c", verify, callbackSecret, callback.timestamp(), callback.signature(), body.toString()));
        Files.delete(body);
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output().strip()).isEqualTo("True False");
    }

    @Test
    void examplesRunAgainstThePlatform() throws Exception {
        Run python = run(List.of("python3", ROOT.resolve("examples/python/send_and_status.py").toString(), "13800138041"));
        assertThat(python.exit()).as(python.output()).isZero();
        assertThat(python.output()).contains("\"status\": \"DELIVERED\"").contains("example-python");

        Run curl = run(List.of("bash", ROOT.resolve("examples/curl/send-and-status.sh").toString(), "13800138042"));
        assertThat(curl.exit()).as(curl.output()).isZero();
        assertThat(curl.output()).contains("\"status\":\"DELIVERED\"").contains("example-curl");

        // java's single-file source launcher, with this JVM's classpath (the client module and Jackson)
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Run java = run(List.of(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                ROOT.resolve("examples/java/SendAndStatus.java").toString(), "13800138043"));
        assertThat(java.exit()).as(java.output()).isZero();
        assertThat(java.output()).contains("status=DELIVERED").contains("example-java");
    }

    private record Run(int exit, String output) {
    }

    /** Runs a program with the app's credentials in its environment and the Python client on its path. */
    private static Run run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("SMS_API_URL", platform.apiUrl(), "SMS_KEY_ID", key.keyId(),
                "SMS_KEY_SECRET", key.secret(), "PYTHONPATH", PYTHON_CLIENT.toString(), "PYTHONIOENCODING", "utf-8"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s: " + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static Message awaitFinal(String id) {
        List<Message> last = new ArrayList<>(1);
        await().atMost(FINAL_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
            Message message = sms.getMessage(id);
            last.add(0, message);
            return message.isFinal();
        });
        return last.get(0);
    }

    private static CallbackInbox.Received awaitCallback(String messageId, String status) {
        return await().atMost(FINAL_WITHIN).pollInterval(Duration.ofMillis(250)).until(
                () -> inbox.received().stream().filter(r -> {
                    try {
                        for (JsonNode item : JSON.readTree(r.body()).get("items")) {
                            if (item.path("messageId").asText().equals(messageId) && item.path("status").asText().equals(status)) {
                                return true;
                            }
                        }
                        return false;
                    } catch (IOException e) {
                        throw new AssertionError("callback body is not JSON: " + r.text(), e);
                    }
                }).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }
}
