package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sms1069.filter.MatchedSpan;

/**
 * Finds what looks like a one-time code in the folded text: a run of 4-8 letters and digits
 * with at least one digit, that is not a date or amount (2024年, 300元), not part of a phone
 * number (0571-8765 1234, 400-820-3366) and not a number that a label says is something
 * else (尾号, 订单, 电话 ...). The signature is skipped.
 */
public final class CodeFinder {

    private static final Pattern UNIT_AFTER = Pattern.compile("\\s?(年|月|日|号|元|块|万|分|秒|次|个|条|天|小时|点|%|:|：|人|笔|积分|公里|毫米)");
    private static final String[] LABELS_BEFORE = {
        "尾号", "订单", "单号", "户号", "编号", "工号", "账号", "卡号", "电话", "热线", "致电", "拨打", "客服",
        "联系", "qq", "微信", "航班", "车次", "房间", "序号", "案件号", "运单", "取件码", "取票码", "提货码"};

    public List<MatchedSpan> find(String original, String folded) {
        return find(original, folded, SignaturePlace.locate(original));
    }

    /**
     * @param signature {@code SignaturePlace.locate(original)}, already known to the caller
     */
    public List<MatchedSpan> find(String original, String folded, SignaturePlace signature) {
        List<MatchedSpan> codes = new ArrayList<>(2);
        int n = folded.length();
        int i = 0;
        while (i < n) {
            // a candidate is a whole run of [a-z0-9] (what the regex
            // (?<![a-z0-9\-_@.])(?=[a-z]*[0-9])[a-z0-9]{4,8}(?![a-z0-9\-_@]|\.[0-9]) can match):
            // 4-8 chars with a digit, not preceded by - _ @ . and not followed by - _ @ or .digit
            if (!isCodeChar(folded.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean digit = false;
            while (i < n && isCodeChar(folded.charAt(i))) {
                digit |= folded.charAt(i) <= '9';
                i++;
            }
            int end = i;
            if (!digit || end - start < 4 || end - start > 8 || (start > 0 && isJoiner(folded.charAt(start - 1)))) {
                continue;
            }
            if (end < n) {
                char after = folded.charAt(end);
                if (after == '-' || after == '_' || after == '@'
                        || (after == '.' && end + 1 < n && folded.charAt(end + 1) >= '0' && folded.charAt(end + 1) <= '9')) {
                    continue;
                }
            }
            if (signature != null && start < signature.end() && end > signature.start()) {
                continue;
            }
            if (UNIT_AFTER.matcher(folded).region(end, folded.length()).lookingAt() || labelledAsOther(folded, start)) {
                continue;
            }
            codes.add(MatchedSpan.of(original, start, end));
        }
        return codes;
    }

    private static boolean isCodeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '_' || c == '@' || c == '.';
    }

    private static boolean labelledAsOther(String folded, int start) {
        int from = Math.max(0, start - 6);
        String before = folded.substring(from, start);
        for (String label : LABELS_BEFORE) {
            if (before.contains(label)) {
                return true;
            }
        }
        return false;
    }
}
