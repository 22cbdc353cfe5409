package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sms1069.filter.Category;
import org.sms1069.filter.Decision;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;
import org.sms1069.filter.Verdict;
import org.sms1069.filter.lexicon.FilterSettings;
import org.sms1069.filter.score.ModelScore;
import org.sms1069.model.MessageType;

/**
 * Turns resolved hits into a verdict. Each rule id counts once (see {@link #scores}), so
 * repeating a word does not add up; different words and different signals do. Prohibited content outranks
 * marketing, which outranks format; weak prohibited signals also count towards marketing
 * (a loan pitch that is not explicit is still an advertisement).
 *
 * <p>With a marketing model the rules keep the last word for prohibited content and format errors,
 * and the model's calibrated probability, against the threshold of the message's type, decides
 * marketing; the rule ids are among the model's features, so a strong pitch word still counts.
 */
public final class VerdictDecider {

    private static final Comparator<RuleHit> TEXT_ORDER = Comparator
            .comparingInt((RuleHit h) -> h.span() == null ? Integer.MAX_VALUE : h.span().start())
            .thenComparing(RuleHit::ruleId);

    public static final String MODEL_RULE_ID = "MODEL_MARKETING";

    public Verdict decide(List<RuleHit> hits, MessageType type, FilterSettings settings) {
        return decide(hits, type, settings, null, true);
    }

    /**
     * @param score  the model's view of the message, null when the rule set has no model
     * @param signed whether the message carries a {@code 【signature】}, as every 1069 send does
     */
    public Verdict decide(List<RuleHit> hits, MessageType type, FilterSettings settings, ModelScore score, boolean signed) {
        Map<Category, Integer> scores = scores(hits);
        int prohibited = scores.getOrDefault(Category.PROHIBITED, 0);
        int marketing = scores.getOrDefault(Category.MARKETING, 0);
        int format = scores.getOrDefault(Category.FORMAT, 0);
        int block = settings.blockScore();
        List<RuleHit> sorted = new ArrayList<>(hits);
        sorted.sort(TEXT_ORDER);

        Category category = null;
        Set<Category> reasons = Set.of();
        if (prohibited >= block) {
            category = Category.PROHIBITED;
            reasons = Set.of(Category.PROHIBITED, Category.MARKETING);
        } else if (rulesBlockContent(hits, prohibited + marketing, type, settings, score != null, signed)) {
            category = prohibited > marketing ? Category.PROHIBITED : Category.MARKETING;
            reasons = Set.of(Category.PROHIBITED, Category.MARKETING);
        } else if (format >= block) {
            category = Category.FORMAT;
            reasons = Set.of(Category.FORMAT);
        } else if (score != null && modelBlocks(score, type, settings)) {
            category = prohibited > marketing ? Category.PROHIBITED : Category.MARKETING;
            reasons = Set.of(Category.PROHIBITED, Category.MARKETING);
            sorted.addAll(0, modelHits(score, settings.modelThresholds().forType(type)));
        }
        if (category == null) {
            return new Verdict(Decision.ALLOW, null, List.of(), List.of(), "通过 / allowed", sorted, score);
        }
        if (format >= block) {
            reasons = new LinkedHashSet<>(reasons);
            reasons.add(Category.FORMAT);
        }
        return blockVerdict(category, sorted, reasons, scores, score);
    }

    /**
     * Without a model: marketing + prohibited weights reach the bar of the type. With one, the rules
     * alone block marketing only outside verification codes, and only for several pitch terms at once
     * (model.rules-alone.score) or, in a signed message (a 1069 send), a term that blocks on its own
     * (weight >= block.score); the rest is the model's call. Unsigned free text (forwarded posts,
     * news, chat in the public corpus) quotes such words too often for one word to decide.
     */
    private static boolean rulesBlockContent(List<RuleHit> hits, int content, MessageType type, FilterSettings settings,
                                             boolean withModel, boolean signed) {
        if (!withModel) {
            int bar = type == MessageType.VERIFICATION ? settings.verificationBlockScore() : settings.blockScore();
            return content >= bar;
        }
        if (type == MessageType.VERIFICATION) {
            return false;
        }
        if (content >= settings.modelThresholds().rulesAloneScore()) {
            return true;
        }
        if (!signed) {
            return false;
        }
        for (RuleHit hit : hits) {
            if (hit.category() == Category.MARKETING && hit.weight() >= settings.blockScore()) {
                return true;
            }
        }
        return false;
    }

    public static boolean modelBlocks(ModelScore score, MessageType type, FilterSettings settings) {
        return score.probability() >= settings.modelThresholds().forType(type);
    }

    /** The n-grams that pushed the model's score, as weightless hits of one rule id, so the reason lists them with spans. */
    private static List<RuleHit> modelHits(ModelScore score, double threshold) {
        String reason = String.format(java.util.Locale.ROOT, "营销概率 / marketing probability %.3f ≥ %.3f (model %s)",
                score.probability(), threshold, score.modelVersion());
        List<RuleHit> out = new ArrayList<>(score.pushes().size() + 1);
        for (ModelScore.Push push : score.pushes()) {
            if (push.span() != null && !push.isRule()) {
                out.add(new RuleHit(MODEL_RULE_ID, Category.MARKETING, 0, push.span(), reason));
            }
        }
        if (out.isEmpty()) {
            out.add(new RuleHit(MODEL_RULE_ID, Category.MARKETING, 0, null, reason));
        }
        return out;
    }

    private static Verdict blockVerdict(Category category, List<RuleHit> sorted, Set<Category> reasons,
                                        Map<Category, Integer> score, ModelScore model) {
        // rule ids in first-seen order, each with its reason text: the first hit's detail, then
        // 「matched」 of every further hit whose detail differs from the text so far
        List<String> ruleIds = new ArrayList<>(4);
        List<String> details = new ArrayList<>(4);
        List<MatchedSpan> spans = new ArrayList<>(sorted.size());
        for (RuleHit hit : sorted) {
            if (!reasons.contains(hit.category())) {
                continue;
            }
            MatchedSpan span = hit.span();
            if (span != null) {
                spans.add(span);
            }
            int id = ruleIds.indexOf(hit.ruleId());
            if (id < 0) {
                ruleIds.add(hit.ruleId());
                details.add(span == null ? hit.reason() : hit.reason() + " 「" + span.matched() + "」");
            } else {
                String so_far = details.get(id);
                if (!isDetail(so_far, hit.reason(), span)) {
                    details.set(id, so_far + ", 「" + hit.span().matched() + "」");
                }
            }
        }
        StringBuilder reason = new StringBuilder(128).append(category.name()).append(' ').append(score).append(": ");
        for (int i = 0; i < ruleIds.size(); i++) {
            if (i > 0) {
                reason.append("; ");
            }
            reason.append(ruleIds.get(i)).append(' ').append(details.get(i));
        }
        // distinct spans (a span is its offsets: all are substrings of the same text) in text order
        spans.sort(null);
        List<MatchedSpan> orderedSpans = new ArrayList<>(spans.size());
        for (MatchedSpan span : spans) {
            MatchedSpan last = orderedSpans.isEmpty() ? null : orderedSpans.get(orderedSpans.size() - 1);
            if (last == null || last.start() != span.start() || last.end() != span.end()) {
                orderedSpans.add(span);
            }
        }
        return new Verdict(Decision.BLOCK, category, ruleIds, orderedSpans, reason.toString(), sorted, model);
    }

    /** {@code text.equals(span == null ? reason : reason + " 「" + span.matched() + "」")} without building the string. */
    private static boolean isDetail(String text, String reason, MatchedSpan span) {
        if (span == null) {
            return text.equals(reason);
        }
        String matched = span.matched();
        return text.length() == reason.length() + matched.length() + 3
                && text.startsWith(reason)
                && text.startsWith(" 「", reason.length())
                && text.startsWith(matched, reason.length() + 2)
                && text.charAt(text.length() - 1) == '」';
    }

    /**
     * A rule's score is its weight, plus half its weight for each further distinct term of the
     * same rule, up to twice its weight: one word of a family is a hint, several are a pitch.
     * A match inside another match of the same rule (咨询 in 咨询电话) is not a further term.
     */
    static Map<Category, Integer> scores(List<RuleHit> hits) {
        int n = hits.size();
        // group the hits by rule id, groups in order of first appearance (no maps: a message has a few hits)
        int[] group = new int[n];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            String id = hits.get(i).ruleId();
            int g = -1;
            for (int j = 0; j < i; j++) {
                if (hits.get(j).ruleId().equals(id)) {
                    g = group[j];
                    break;
                }
            }
            group[i] = g >= 0 ? g : groups++;
        }
        int[] sum = new int[Category.values().length];
        boolean[] present = new boolean[sum.length];
        List<RuleHit> ruleHits = new ArrayList<>(4);
        for (int g = 0; g < groups; g++) {
            ruleHits.clear();
            for (int i = 0; i < n; i++) {
                if (group[i] == g) {
                    ruleHits.add(hits.get(i));
                }
            }
            RuleHit strongest = ruleHits.get(0);
            for (RuleHit hit : ruleHits) {
                if (hit.weight() > strongest.weight()) {
                    strongest = hit;
                }
            }
            int weight = strongest.weight();
            int extra = distinctTerms(ruleHits) - 1;
            int c = strongest.category().ordinal();
            sum[c] += Math.min(2 * weight, weight + ((weight + 1) / 2) * extra);
            present[c] = true;
        }
        Map<Category, Integer> score = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            if (present[category.ordinal()]) {
                score.put(category, sum[category.ordinal()]);
            }
        }
        return score;
    }

    private static int distinctTerms(List<RuleHit> ruleHits) {
        if (ruleHits.size() == 1) {
            return 1;
        }
        List<String> terms = new ArrayList<>(ruleHits.size());
        for (RuleHit hit : ruleHits) {
            String term = null;
            if (hit.span() == null) {
                term = "";
            } else if (!containedInAnother(hit.span(), ruleHits)) {
                term = hit.span().matched();
            }
            if (term != null && !terms.contains(term)) {
                terms.add(term);
            }
        }
        return Math.max(1, terms.size());
    }

    private static boolean containedInAnother(MatchedSpan span, List<RuleHit> ruleHits) {
        for (RuleHit other : ruleHits) {
            MatchedSpan o = other.span();
            if (o != null && !o.equals(span) && o.start() <= span.start() && span.end() <= o.end()) {
                return true;
            }
        }
        return false;
    }
}
