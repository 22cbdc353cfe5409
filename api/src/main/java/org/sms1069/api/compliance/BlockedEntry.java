package org.sms1069.api.compliance;

import org.sms1069.model.event.BlockedMessage;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the compliance log as reviewers see it; {@code modelVersion} and {@code marketingScore}
 * (calibrated probability) are null for verdicts of the rules alone.
 */
public record BlockedEntry(long id, String appId, String type, List<String> maskedPhones, String text, String category,
                           List<String> ruleIds, List<BlockedMessage.Span> spans, String reason, String templateId,
                           String rulesVersion, Instant at, String reviewState, String reviewComment, String reviewedBy,
                           Instant reviewedAt, String modelVersion, Float marketingScore) {
}
