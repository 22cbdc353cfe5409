package org.sms1069.api.error;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.util.Locale;

/** The stable {@code code} of every problem response; clients may switch on it. */
public enum ErrorCode {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication failed"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    CONFLICT(HttpStatus.CONFLICT, "Conflict"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    NO_VALID_RECIPIENT(HttpStatus.UNPROCESSABLE_ENTITY, "No valid recipient"),
    MO_NOT_FOUND(HttpStatus.UNPROCESSABLE_ENTITY, "Replied-to MO not found"),
    REPLY_PHONE_MISMATCH(HttpStatus.UNPROCESSABLE_ENTITY, "Reply not to the MO's phone"),
    TEMPLATE_NOT_APPROVED(HttpStatus.UNPROCESSABLE_ENTITY, "Template not approved"),
    SIGNATURE_NOT_APPROVED(HttpStatus.UNPROCESSABLE_ENTITY, "Signature not approved"),
    TEXT_NOT_ALLOWED(HttpStatus.FORBIDDEN, "Free text not allowed"),
    SENDER_SUSPENDED(HttpStatus.FORBIDDEN, "Sender suspended"),
    CONTENT_BLOCKED(HttpStatus.UNPROCESSABLE_ENTITY, "Content blocked"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many messages"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem's {@code type}: https://sms1069.org/problems/rate-limited for RATE_LIMITED. */
    public URI type() {
        return URI.create("https://sms1069.org/problems/" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}
