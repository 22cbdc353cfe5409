package org.sms1069.client;

/** The api's stable error codes (the {@code code} of every problem+json answer); {@link #OTHER} for a code newer than this client. */
public enum ProblemCode {
    MALFORMED_REQUEST, VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT,
    PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, NO_VALID_RECIPIENT, TEMPLATE_NOT_APPROVED, SIGNATURE_NOT_APPROVED,
    TEXT_NOT_ALLOWED, CONTENT_BLOCKED, RATE_LIMITED, UNAVAILABLE, INTERNAL, OTHER;

    static ProblemCode of(String code) {
        for (ProblemCode known : values()) {
            if (known.name().equals(code)) {
                return known;
            }
        }
        return OTHER;
    }
}
