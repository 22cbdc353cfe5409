package org.sms1069.api.complaints;

import java.time.Instant;

/**
 * A recorded complaint and the message it was attributed to ({@code messageId}, {@code appId},
 * {@code signature}, {@code templateId} all null when no message to the phone matched). The phone is
 * shown masked.
 */
public record Complaint(long id, String maskedPhone, Instant complainedAt, ComplaintSource source, String carrierRef,
                        String excerpt, String messageId, String appId, String signature, String templateId, Long moId,
                        String createdBy, Instant recordedAt) {

    public boolean matched() {
        return appId != null;
    }
}
