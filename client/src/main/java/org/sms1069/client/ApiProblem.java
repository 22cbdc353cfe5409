package org.sms1069.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * An answer of the api that is not a success, from its problem+json body (RFC 9457): the HTTP status, the
 * stable {@link ProblemCode}, the human-readable detail, {@code Retry-After} when the api sent one, and the whole
 * problem for the code-specific members ({@code limit} of RATE_LIMITED, {@code ruleIds} and {@code spans} of
 * CONTENT_BLOCKED, {@code errors} of VALIDATION_FAILED ...).
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final ProblemCode code;
    private final JsonNode problem;
    private final Duration retryAfter;

    ApiProblem(int status, JsonNode problem, Duration retryAfter) {
        super(status + " " + text(problem, "code") + ": " + text(problem, "detail"));
        this.status = status;
        this.code = ProblemCode.of(text(problem, "code"));
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public ProblemCode code() {
        return code;
    }

    /** The code as the api sent it, also when this client does not know it ({@link ProblemCode#OTHER}). */
    public String codeText() {
        return text(problem, "code");
    }

    public String title() {
        return text(problem, "title");
    }

    public String detail() {
        return text(problem, "detail");
    }

    /** A member of the problem, e.g. {@code property("limit")} of a RATE_LIMITED answer; missing node if absent. */
    public JsonNode property(String name) {
        return problem.path(name);
    }

    public JsonNode problem() {
        return problem;
    }

    /** How long the api asked to wait before trying again (429 RATE_LIMITED, 503 UNAVAILABLE). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String text(JsonNode problem, String name) {
        JsonNode value = problem.path(name);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }
}
