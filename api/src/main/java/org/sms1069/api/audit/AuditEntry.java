package org.sms1069.api.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A recorded audit event as reviewers read it. */
public record AuditEntry(long id, Instant at, String actor, String action, String subjectType, String subjectId, String appId,
                         JsonNode before, JsonNode after, String comment) {
}
