package org.sms1069.api.audit;

/** What was done; stable names that filters and the console use. */
public enum AuditAction {
    TEMPLATE_REVIEWED, SIGNATURE_REVIEWED, BLOCKED_REVIEWED,
    ALLOWLIST_ADDED, ALLOWLIST_REMOVED,
    SUSPENDED, SUSPENSION_LIFTED,
    KEY_CREATED, KEY_REVOKED
}
