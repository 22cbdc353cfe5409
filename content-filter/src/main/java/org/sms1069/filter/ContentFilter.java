package org.sms1069.filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.lexicon.RuleSet;
import org.sms1069.filter.lexicon.TermMatcher;
import org.sms1069.filter.normalize.NormalizedMessage;
import org.sms1069.filter.normalize.TextNormalizer;
import org.sms1069.filter.normalize.VariantRewriter;
import org.sms1069.filter.rules.CodeFinder;
import org.sms1069.filter.rules.LengthRule;
import org.sms1069.filter.rules.LexiconRule;
import org.sms1069.filter.rules.LinkDetector;
import org.sms1069.filter.rules.LinkRule;
import org.sms1069.filter.rules.MessageScan;
import org.sms1069.filter.rules.PatternRule;
import org.sms1069.filter.rules.Rule;
import org.sms1069.filter.rules.SignatureRule;
import org.sms1069.filter.rules.Signals;
import org.sms1069.filter.rules.TemplateRule;
import org.sms1069.filter.rules.VerdictDecider;
import org.sms1069.filter.rules.VerificationCodeRule;
import org.sms1069.filter.rules.SignaturePlace;
import org.sms1069.filter.score.MarketingScorer;
import org.sms1069.filter.score.ModelScore;
import org.sms1069.filter.score.ModelText;
import org.sms1069.model.MessageType;

/**
 * The 1069 content filter: normalises a message, runs every rule family over it and decides.
 * Built once from a {@link RuleSet}; immutable and thread-safe, so one instance serves all
 * threads. Deterministic: the same message and rules always give the same verdict.
 */
public final class ContentFilter {

    private final RuleSet rules;
    private final TextNormalizer normalizer;
    private final MessageTypeInference typeInference;
    private final List<Rule> contentRules;
    private final Rule templateRule = new TemplateRule();
    private final VerdictDecider decider = new VerdictDecider();
    private final MarketingScorer scorer; // null: rules only

    private ContentFilter(RuleSet rules) {
        this.rules = rules;
        this.normalizer = new TextNormalizer(new VariantRewriter(compactVariants(rules)));
        CodeFinder codes = new CodeFinder();
        this.typeInference = new MessageTypeInference(codes);
        FilterSettings settings = rules.settings();
        this.scorer = rules.model() == null ? null : new MarketingScorer(rules.model());
        this.contentRules = List.of(
                new LengthRule(),
                new SignatureRule(),
                new LinkRule(new LinkDetector(settings.topLevelDomains())),
                new VerificationCodeRule(codes),
                new LexiconRule(new TermMatcher(rules.lexicon(), normalizer::normalizeTerm)),
                new PatternRule(rules.patterns()));
    }

    public static ContentFilter load(RuleSet rules) {
        return new ContentFilter(rules);
    }

    /** The filter with the rules shipped in this jar. */
    public static ContentFilter withDefaultRules() {
        return load(RuleSet.defaults());
    }

    public Verdict check(FilterMessage message) {
        Scanned scanned = scan(message);
        MessageScan scan = scanned.scan();
        boolean signed = scan.signature() != null;
        if (scorer == null) {
            return decider.decide(scanned.hits(), scan.type(), rules.settings(), null, signed);
        }
        ModelText text = modelText(scan);
        ModelScore score = scorer.unexplained(scorer.probability(text, scanned.hits()));
        Verdict verdict = decider.decide(scanned.hits(), scan.type(), rules.settings(), score, signed);
        if (verdict.ruleIds().contains(VerdictDecider.MODEL_RULE_ID)) {
            // the model decided: name the n-grams that pushed it (only then, it costs more than the score)
            return decider.decide(scanned.hits(), scan.type(), rules.settings(), scorer.explain(text, scanned.hits()), signed);
        }
        return verdict;
    }

    private record Scanned(MessageScan scan, List<RuleHit> hits) {
    }

    private Scanned scan(FilterMessage message) {
        NormalizedMessage text = normalizer.normalize(message.text());
        MessageType type = message.declaredType() != null ? message.declaredType() : typeInference.infer(text);
        MessageScan scan = new MessageScan(text, type, message.context(), rules.settings());
        Signals signals = new Signals();
        for (Rule rule : contentRules) {
            rule.apply(scan, signals);
        }
        templateRule.apply(scan, signals);
        return new Scanned(scan, signals.resolve());
    }

    /** The text the model reads: the compact view without the signature (a sender's name is not content). */
    public static ModelText modelText(MessageScan scan) {
        SignaturePlace signature = scan.signature();
        return signature == null
                ? ModelText.of(scan.text().compact(), -1, -1)
                : ModelText.of(scan.text().compact(), signature.start(), signature.end());
    }

    /** The rule hits and model text of a message, as the trainer needs them; no model is consulted. */
    public Features features(FilterMessage message) {
        Scanned scanned = scan(message);
        return new Features(scanned.scan().type(), modelText(scanned.scan()), scanned.hits(), scanned.scan().signature() != null);
    }

    /** What the model reads of one message, and the type the filter gave it. */
    public record Features(MessageType type, ModelText text, List<RuleHit> hits, boolean signed) {
    }

    /** The marketing model's version, or null when the rules run alone. */
    public String modelVersion() {
        return scorer == null ? null : scorer.modelVersion();
    }

    /** The type the filter will apply when none is declared. */
    public MessageType inferType(String text) {
        return typeInference.infer(normalizer.normalize(text));
    }

    public String rulesVersion() {
        return rules.version();
    }

    /** Variant spellings are folded and compacted like message text, without rewriting each other. */
    private static Map<String, String> compactVariants(RuleSet rules) {
        TextNormalizer plain = new TextNormalizer(new VariantRewriter(Map.of()));
        Map<String, String> compacted = new LinkedHashMap<>();
        rules.variants().forEach((variant, canonical) ->
                compacted.put(plain.normalizeTerm(variant), plain.normalizeTerm(canonical)));
        return compacted;
    }
}
