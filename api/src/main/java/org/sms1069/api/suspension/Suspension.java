package org.sms1069.api.suspension;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A suspended app ({@code signature} null) or signature of an app, with why: the complaint count and the
 * messages sent in the window for an automatic one (null for one a reviewer made). Active until lifted.
 */
public record Suspension(long id, String appId, String signature, String reason, Integer complaints, Long sent,
                         String createdBy, Instant createdAt, String liftedBy, Instant liftedAt, String liftReason) {

    public boolean active() {
        return liftedAt == null;
    }

    /** Whether a message of the app under this signature is refused by this suspension. */
    boolean covers(String messageSignature) {
        return signature == null || signature.equals(messageSignature);
    }

    Map<String, Object> asMap() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("appId", appId);
        state.put("signature", signature);
        state.put("reason", reason);
        state.put("complaints", complaints);
        state.put("sent", sent);
        state.put("active", active());
        return state;
    }
}
