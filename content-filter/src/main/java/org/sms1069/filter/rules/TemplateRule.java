package org.sms1069.filter.rules;

import java.util.List;
import org.sms1069.filter.Category;
import org.sms1069.filter.MatchedSpan;
import org.sms1069.filter.RuleHit;

/**
 * When the app has approved templates the text must follow one of them, and the variable
 * values must be data (names, codes, amounts): a link or a marketing/prohibited term inside a
 * variable is how a template gets abused. Runs after the other rules, whose hits it inspects.
 */
public final class TemplateRule implements Rule {

    public static final String MISMATCH_ID = "FMT_TEMPLATE_MISMATCH";
    public static final String VARIABLE_LINK_ID = "FMT_TEMPLATE_VAR_LINK";
    public static final String VARIABLE_CONTENT_ID = "TEMPLATE_VAR_CONTENT";

    @Override
    public void apply(MessageScan scan, Signals signals) {
        List<String> templates = scan.context().templates();
        if (templates.isEmpty()) {
            return;
        }
        String text = scan.original();
        SignaturePlace signature = scan.signature();
        int bodyStart = signature == null ? 0 : signature.bodyStart();
        int bodyEnd = signature == null ? text.length() : signature.bodyEnd();
        int block = scan.settings().blockScore();
        List<MatchedSpan> variables = null;
        for (String template : templates) {
            variables = TemplateMatch.variables(template, text, bodyStart, bodyEnd);
            if (variables != null) {
                break;
            }
        }
        if (variables == null) {
            signals.add(new RuleHit(MISMATCH_ID, Category.FORMAT, block, null,
                    "与报备模板不符 / text matches no approved template"));
            return;
        }
        for (RuleHit hit : signals.candidates()) {
            if (hit.span() == null || !inside(hit.span(), variables)) {
                continue;
            }
            if (hit.ruleId().equals(LinkRule.ID) || hit.ruleId().equals(LinkRule.FILED_ID)) {
                signals.add(new RuleHit(VARIABLE_LINK_ID, Category.FORMAT, block, hit.span(),
                        "链接不得放在模板变量中 / link passed in a template variable"));
            } else if (hit.category() != Category.FORMAT && hit.weight() > 0) {
                signals.add(new RuleHit(VARIABLE_CONTENT_ID, hit.category(), block, hit.span(),
                        "模板变量夹带营销或违规内容 / template variable carries: " + hit.reason()));
            }
        }
    }

    private static boolean inside(MatchedSpan span, List<MatchedSpan> variables) {
        for (MatchedSpan v : variables) {
            if (span.start() >= v.start() && span.end() <= v.end()) {
                return true;
            }
        }
        return false;
    }
}
