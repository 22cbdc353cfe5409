package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sms1069.filter.MatchedSpan;

/**
 * Finds what looks like a one-time code in the folded text: a run of 4-8 letters and digits
 * with at least one digit, that is not a date or amount (2024年, 300元), not part of a phone
 * number (0571-8765 1234, 400-820-3366) and not a number that a label says is something
 * else (尾号, 订单, 电话 ...). The signature is skipped.
 */
public final class CodeFinder {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![a-z0-9\\-_@.])(?=[a-z]*[0-9])[a-z0-9]{4,8}(?![a-z0-9\\-_@]|\\.[0-9])");
    private static final Pattern UNIT_AFTER = Pattern.compile("\\s?(年|月|日|号|元|块|万|分|秒|次|个|条|天|小时|点|%|:|：|人|笔|积分|公里|毫米)");
    private static final String[] LABELS_BEFORE = {
        "尾号", "订单", "单号", "户号", "编号", "工号", "账号", "卡号", "电话", "热线", "致电", "拨打", "客服",
        "联系", "qq", "微信", "航班", "车次", "房间", "序号", "案件号", "运单", "取件码", "取票码", "提货码"};

    public List<MatchedSpan> find(String original, String folded) {
        Signature signature = Signature.locate(original);
        List<MatchedSpan> codes = new ArrayList<>(2);
        Matcher m = CANDIDATE.matcher(folded);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
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
