package org.sms1069.api.openapi;

import io.swagger.v3.oas.models.examples.Example;
import org.sms1069.api.error.ErrorCode;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One problem+json example per {@link ErrorCode}, shaped as ProblemHandler writes them; a code without one fails at start-up. */
final class ProblemExamples {
    private record Sample(String instance, String detail, Map<String, Object> members) {
    }

    private static final Map<ErrorCode, Sample> SAMPLES = samples();

    private ProblemExamples() {
    }

    private static Map<ErrorCode, Sample> samples() {
        Map<ErrorCode, Sample> samples = new EnumMap<>(ErrorCode.class);
        samples.put(ErrorCode.MALFORMED_REQUEST, new Sample("/v1/messages",
                "body is not valid JSON for this request: syntax error at line 1, column 14", Map.of()));
        samples.put(ErrorCode.VALIDATION_FAILED, new Sample("/v1/messages", "request fields are invalid: [phones]",
                Map.of("errors", Map.of("phones", "must name at least one phone"))));
        samples.put(ErrorCode.UNAUTHENTICATED, new Sample("/v1/messages", "signature does not match the request", Map.of()));
        samples.put(ErrorCode.FORBIDDEN, new Sample("/admin/v1/apps", "this operation needs the ADMIN role", Map.of()));
        samples.put(ErrorCode.NOT_FOUND, new Sample("/v1/messages/01M8H24F9Z7W1ZQEHFZB47Q1CS",
                "no message 01M8H24F9Z7W1ZQEHFZB47Q1CS for this app", Map.of()));
        samples.put(ErrorCode.METHOD_NOT_ALLOWED, new Sample("/v1/messages", "method not allowed on this path", Map.of()));
        samples.put(ErrorCode.CONFLICT, new Sample("/v1/messages",
                "Idempotency-Key was already used with a different request body", Map.of()));
        samples.put(ErrorCode.PAYLOAD_TOO_LARGE, new Sample("/v1/messages", "request body exceeds 262144 bytes", Map.of()));
        samples.put(ErrorCode.UNSUPPORTED_MEDIA_TYPE, new Sample("/v1/messages", "send the body as application/json", Map.of()));
        samples.put(ErrorCode.NO_VALID_RECIPIENT, new Sample("/v1/messages", "none of the phones can receive this message",
                Map.of("rejected", List.of(Map.of("phone", "12345", "code", "INVALID_PHONE", "reason", "not a mainland mobile number")))));
        samples.put(ErrorCode.MO_NOT_FOUND, new Sample("/v1/messages", "inReplyTo 42 is not one of this app's replies", Map.of()));
        samples.put(ErrorCode.REPLY_PHONE_MISMATCH, new Sample("/v1/messages",
                "an answer to reply 42 goes to the one phone the reply came from", Map.of()));
        samples.put(ErrorCode.SENDER_SUSPENDED, new Sample("/v1/messages",
                "the signature 示例科技 is suspended: complaint rate 180 per million over 24h",
                ordered("suspensionId", 7, "scope", "SIGNATURE", "signature", "示例科技")));
        samples.put(ErrorCode.TEMPLATE_NOT_APPROVED, new Sample("/v1/messages", "template tpl_8K3M is PENDING, not APPROVED", Map.of()));
        samples.put(ErrorCode.SIGNATURE_NOT_APPROVED, new Sample("/v1/messages", "signature 示例科技 is not approved for this app", Map.of()));
        samples.put(ErrorCode.TEXT_NOT_ALLOWED, new Sample("/v1/messages", "this app may send approved templates only", Map.of()));
        samples.put(ErrorCode.CONTENT_BLOCKED, new Sample("/v1/messages",
                "the content filter blocked this message (MARKETING): opt-out suffix: a marketing message",
                ordered("category", "MARKETING", "ruleIds", List.of("MKT_OPT_OUT"),
                        "reason", "opt-out suffix: a marketing message",
                        "spans", List.of(ordered("start", 20, "end", 24, "matched", "回T退订")))));
        samples.put(ErrorCode.RATE_LIMITED, new Sample("/v1/messages", "frequency limit PER_MINUTE reached",
                ordered("limit", "PER_MINUTE", "retryAfterSeconds", 42, "rejected", List.of())));
        samples.put(ErrorCode.UNAVAILABLE, new Sample("/v1/messages", "a service the api depends on is unavailable; retry later",
                Map.of("retryAfterSeconds", 5)));
        samples.put(ErrorCode.INTERNAL, new Sample("/v1/messages", "the request could not be completed; it is safe to retry", Map.of()));
        for (ErrorCode code : ErrorCode.values()) {
            if (!samples.containsKey(code)) {
                throw new IllegalStateException("no OpenAPI example for error code " + code);
            }
        }
        return samples;
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static Example of(ErrorCode code) {
        Sample sample = SAMPLES.get(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type().toString());
        problem.put("title", code.title());
        problem.put("status", code.status().value());
        problem.put("detail", sample.detail());
        problem.put("instance", sample.instance());
        problem.put("code", code.name());
        problem.putAll(sample.members());
        return new Example().summary(code.name() + ": " + code.title()).value(problem);
    }
}
