package org.sms1069.filter.rules;

import java.util.List;
import org.sms1069.filter.Category;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.model.MessageType;

/**
 * A verification code message carries exactly one code of 4-8 chars. Links and marketing in
 * it are caught by {@link LinkRule} and by the lower marketing bar for this type.
 */
public final class VerificationCodeRule implements Rule {

    public static final String ID = "FMT_VERIFY_CODE_COUNT";

    private final CodeFinder codes;

    public VerificationCodeRule(CodeFinder codes) {
        this.codes = codes;
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        if (scan.type() != MessageType.VERIFICATION) {
            return;
        }
        List<MatchedSpan> found = codes.find(scan.original(), scan.folded(), scan.signature());
        if (found.size() == 1) {
            return;
        }
        int block = scan.settings().blockScore();
        String reason = "验证码短信须含且仅含一个4-8位验证码 / a verification message needs exactly one 4-8 char code, found "
                + found.size();
        if (found.isEmpty()) {
            signals.add(new RuleHit(ID, Category.FORMAT, block, null, reason));
        }
        for (MatchedSpan span : found) {
            signals.add(new RuleHit(ID, Category.FORMAT, block, span, reason));
        }
    }
}
