package org.sms1069.model.event;

import org.sms1069.model.MessageType;

import java.time.Instant;
import java.util.List;

/**
 * Value on {@code sms.blocked}: a send the content filter refused, for the compliance log. Key = app id.
 *
 * @param id           unique per blocked send, so a redelivered record is logged once
 * @param maskedPhones the recipients, masked: the log is read by people
 * @param text         the full text as the phone would have shown it
 * @param spans        where the deciding rules matched, as offsets into {@code text}
 * @param modelVersion   the content filter's marketing model, null when the rules ran alone (absent in older records)
 * @param marketingScore the model's calibrated marketing probability, null with modelVersion
 */
public record BlockedMessage(int v, String id, String appId, MessageType type, List<String> maskedPhones, String text,
                             String category, List<String> ruleIds, List<Span> spans, String reason,
                             String templateId, String rulesVersion, Instant at, String modelVersion,
                             Double marketingScore) {

    public static final int VERSION = 1;

    public record Span(int start, int end, String matched) {
    }
}
