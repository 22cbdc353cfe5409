package org.sms1069.filter.rules;

import org.sms1069.filter.Category;
import org.sms1069.filter.RuleHit;

/** The providers' hard limit, signature included; every char counts one. */
public final class LengthRule implements Rule {

    public static final String ID = "FMT_LENGTH";

    @Override
    public void apply(MessageScan scan, Signals signals) {
        int length = scan.original().codePointCount(0, scan.original().length());
        int max = scan.settings().maxLength();
        if (length > max) {
            signals.add(new RuleHit(ID, Category.FORMAT, scan.settings().blockScore(), null,
                    "短信超长 / too long: " + length + " > " + max + " chars"));
        }
    }
}
