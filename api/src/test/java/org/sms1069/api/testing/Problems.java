package org.sms1069.api.testing;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape every error answer has: RFC 9457 problem+json with a stable code and nothing internal. */
public final class Problems {
    private Problems() {
    }

    /** Asserts the answer is this problem and returns its body for more specific checks. */
    public static JsonNode assertProblem(ApiResponse response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", response).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("status field of %s", response).isEqualTo(status);
        assertThat(problem.path("code").asText()).as("code of %s", response).isEqualTo(code);
        assertThat(problem.path("title").asText()).as("title of %s", response).isNotBlank();
        assertThat(problem.path("type").asText()).as("type of %s", response).startsWith("https://sms1069.org/problems/");
        assertThat(problem.path("detail").asText()).as("detail of %s", response).isNotBlank();
        assertNothingInternal(response);
        return problem;
    }

    public static void assertNothingInternal(ApiResponse response) {
        assertThat(response.body()).as("body of %s", response)
                .doesNotContain("\tat ", "at org.", "at java.", "Caused by", "Exception", "trace", "org.springframework",
                        "org.sms1069", "io.r2dbc", "SQL");
    }
}
