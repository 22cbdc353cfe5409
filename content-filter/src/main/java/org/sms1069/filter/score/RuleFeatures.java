package org.sms1069.filter.score;

import java.util.ArrayList;
import java.util.List;
import org.sms1069.filter.RuleHit;

/** Rule ids as model features: each id that fired counts once, whatever its weight or repetitions. */
final class RuleFeatures {

    static final String PREFIX = "rule:";

    private RuleFeatures() {
    }

    static List<String> distinctIds(List<RuleHit> hits) {
        List<String> ids = new ArrayList<>(hits.size());
        for (RuleHit hit : hits) {
            if (!ids.contains(hit.ruleId())) {
                ids.add(hit.ruleId());
            }
        }
        return ids;
    }
}
