package org.sms1069.api.audit;

import java.util.Map;

/**
 * One change to record: who ({@code actor}, the key id of the caller, or {@code system} for automatic
 * actions) did {@code action} to which subject, with the subject's state before and after (null when it
 * did not exist before or does not after).
 */
public record AuditEvent(String actor, AuditAction action, SubjectType subjectType, String subjectId, String appId,
                         Map<String, Object> before, Map<String, Object> after, String comment) {
    public static final String SYSTEM = "system";

    public enum SubjectType { TEMPLATE, SIGNATURE, BLOCKED, ALLOWLIST, SUSPENSION, KEY }
}
