package org.sms1069.api.compliance;

import java.util.List;

/**
 * The compliance log as CSV (RFC 4180) for spreadsheets: a BOM so that Excel reads UTF-8, every
 * field quoted, and a cell that would start a formula (= + - @, tab, CR) prefixed with an apostrophe:
 * the texts come from apps and must not run in the reviewer's spreadsheet.
 */
final class BlockedCsv {
    static final int MAX_ROWS = 10_000;
    private static final String HEADER = "id,at,appId,type,maskedPhones,category,ruleIds,reason,templateId,text,"
            + "reviewState,reviewedBy,reviewComment,reviewedAt,rulesVersion,modelVersion,marketingScore";

    private BlockedCsv() {
    }

    static String of(List<BlockedEntry> entries) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append("\r\n");
        for (BlockedEntry e : entries) {
            List<Object> fields = java.util.Arrays.asList(e.id(), e.at(), e.appId(), e.type(), String.join(" ", e.maskedPhones()),
                    e.category(), String.join(" ", e.ruleIds()), e.reason(), e.templateId(), e.text(), e.reviewState(),
                    e.reviewedBy(), e.reviewComment(), e.reviewedAt(), e.rulesVersion(), e.modelVersion(), e.marketingScore());
            for (int i = 0; i < fields.size(); i++) {
                csv.append(i == 0 ? "" : ",").append(field(fields.get(i)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
