package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the filter knows, as data: lexicon, patterns, spelling variants and settings.
 * {@code version} names the files it came from, so a verdict can be traced to a rule version.
 */
public record RuleSet(String version, List<LexiconEntry> lexicon, List<PatternEntry> patterns,
                      Map<String, String> variants, FilterSettings settings) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        lexicon = List.copyOf(lexicon);
        patterns = List.copyOf(patterns);
        variants = Map.copyOf(variants);
        Objects.requireNonNull(settings, "settings");
    }

    /** The rules shipped in this jar ({@code org/sms1069/filter/*-v1.*}). */
    public static RuleSet defaults() {
        return RuleSetLoader.fromClasspath("v1");
    }
}
