package org.sms1069.api.submit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sms1069.api.testing.ApiResponse;
import org.sms1069.api.testing.Phones;
import org.sms1069.api.testing.Problems;
import org.sms1069.api.testing.RunningApi;
import org.sms1069.api.testing.SignedRequest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same text from one app to one phone within 30 s is refused; any other app, phone or text is not. */
class IdenticalContentTest {
    private static final String SIGNATURE = "示例科技";
    private static RunningApi api;
    private static RunningApi.TestApp app;
    private static RunningApi.TestApp otherApp;

    @BeforeAll
    static void start() {
        api = RunningApi.start();
        app = api.onboardApp("Identical content", "", SIGNATURE);
        otherApp = api.onboardApp("Identical content, another app", "", SIGNATURE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void theSameTextToThePhoneAgainWithin30SecondsIsRefusedAndNothingElseIs() {
        String phone = Phones.unique("138");
        String text = "您的订单" + Phones.unique("1") + "已发货，请注意查收。";
        assertThat(send(app, phone, text).status()).isEqualTo(202);

        ApiResponse again = send(app, phone, text);
        JsonNode problem = Problems.assertProblem(again, 429, "RATE_LIMITED");
        assertThat(problem.get("limit").asText()).isEqualTo("IDENTICAL_CONTENT");
        assertThat(problem.get("retryAfterSeconds").asInt()).isBetween(1, 30);

        assertThat(send(app, Phones.unique("138"), text).status()).as("another phone").isEqualTo(202);
        assertThat(send(app, phone, text + "请勿回复。").status()).as("another text").isEqualTo(202);
        assertThat(send(otherApp, phone, text).status()).as("another app").isEqualTo(202);
    }

    private static ApiResponse send(RunningApi.TestApp from, String phone, String text) {
        return api.send(SignedRequest.post("/v1/messages").by(from.key())
                .json(Map.of("phones", List.of(phone), "type", "NOTIFICATION", "text", "【" + SIGNATURE + "】" + text)));
    }
}
