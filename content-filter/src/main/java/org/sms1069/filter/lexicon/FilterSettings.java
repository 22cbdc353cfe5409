package org.sms1069.filter.lexicon;

import java.util.Set;

/**
 * Thresholds and lists that are data rather than code.
 *
 * @param blockScore             a category whose summed weights reach this blocks the message
 * @param verificationBlockScore the lower bar for marketing inside a verification code message
 * @param maxLength              longest message, signature included
 * @param shortenerDomains       URL shorteners: never allowed
 * @param topLevelDomains        what a link's last label may be
 * @param testSignatures         signature names that only a test would use
 * @param modelThresholds        marketing-model probabilities that block, per message type
 * @param modelFile              the marketing model next to the rule files (null: rules only)
 */
public record FilterSettings(int blockScore, int verificationBlockScore, int maxLength,
                             Set<String> shortenerDomains, Set<String> topLevelDomains, Set<String> testSignatures,
                             ModelThresholds modelThresholds, String modelFile) {

    public FilterSettings {
        shortenerDomains = Set.copyOf(shortenerDomains);
        topLevelDomains = Set.copyOf(topLevelDomains);
        testSignatures = Set.copyOf(testSignatures);
        modelThresholds = modelThresholds == null ? ModelThresholds.DEFAULTS : modelThresholds;
        if (blockScore <= 0 || verificationBlockScore <= 0 || maxLength <= 0) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
        modelFile = modelFile == null || modelFile.isBlank() ? null : modelFile.strip();
    }

    public FilterSettings withModelThresholds(ModelThresholds thresholds) {
        return new FilterSettings(blockScore, verificationBlockScore, maxLength, shortenerDomains, topLevelDomains,
                testSignatures, thresholds, modelFile);
    }
}
