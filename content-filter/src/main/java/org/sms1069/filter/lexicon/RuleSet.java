package org.sms1069.filter.lexicon;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sms1069.filter.score.MarketingModel;

/**
 * Everything the filter knows, as data: lexicon, patterns, spelling variants and settings.
 * {@code version} names the files it came from, so a verdict can be traced to a rule version.
 * {@code model} is the marketing model shipped with the rules (null: rules only).
 */
public record RuleSet(String version, List<LexiconEntry> lexicon, List<PatternEntry> patterns,
                      Map<String, String> variants, FilterSettings settings, MarketingModel model) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        lexicon = List.copyOf(lexicon);
        patterns = List.copyOf(patterns);
        variants = Map.copyOf(variants);
        Objects.requireNonNull(settings, "settings");
    }

    /** The same rules with another marketing model (null: rules only), e.g. one trained on a fold. */
    public RuleSet withModel(MarketingModel other) {
        return new RuleSet(version, lexicon, patterns, variants, settings, other);
    }

    public RuleSet withSettings(FilterSettings other) {
        return new RuleSet(version, lexicon, patterns, variants, other, model);
    }

    /** The rules shipped in this jar ({@code org/sms1069/filter/*-v1.*}). */
    public static RuleSet defaults() {
        return RuleSetLoader.fromClasspath("v1");
    }
}
