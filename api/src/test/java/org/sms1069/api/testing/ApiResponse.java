package org.sms1069.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** What the api answered: status, content type, Retry-After (or null) and the body as text, parsed as JSON on demand. */
public record ApiResponse(int status, String contentType, String retryAfter, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("answer is not JSON (" + status + " " + contentType + "): " + body, e);
        }
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + body;
    }
}
