package org.sms1069.filter.lexicon;

import org.sms1069.filter.Category;

/**
 * What a lexicon or pattern entry counts towards. CONTEXT entries carry no weight: they only
 * name a situation (a bill, a refund, an anti-fraud warning) that other entries require or are
 * suppressed by.
 */
public enum SignalCategory {
    MARKETING(Category.MARKETING), PROHIBITED(Category.PROHIBITED), FORMAT(Category.FORMAT), CONTEXT(null);

    private final Category verdictCategory;

    SignalCategory(Category verdictCategory) {
        this.verdictCategory = verdictCategory;
    }

    /** Null for CONTEXT. */
    public Category verdictCategory() {
        return verdictCategory;
    }
}
