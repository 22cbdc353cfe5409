package org.sms1069.api.audit;

import org.sms1069.api.support.QueryParams;

import java.time.Instant;

import static org.sms1069.api.support.QueryParams.blankToNull;
import static org.sms1069.api.support.QueryParams.invalid;

/** Filters of the audit trail, newest first; the cursor is the last id of the previous page. */
public record AuditQuery(Instant from, Instant to, String actor, AuditAction action, AuditEvent.SubjectType subjectType,
                         String subjectId, String appId, int limit, Long beforeId) {

    public static AuditQuery parse(String from, String to, String actor, String action, String subjectType, String subjectId,
                                   String appId, Integer limit, String cursor) {
        return new AuditQuery(QueryParams.instant("from", from), QueryParams.instant("to", to), blankToNull(actor),
                constant(AuditAction.class, "action", action), constant(AuditEvent.SubjectType.class, "subjectType", subjectType),
                blankToNull(subjectId), blankToNull(appId), QueryParams.limit(limit, 50, 500), QueryParams.idCursor(cursor));
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
