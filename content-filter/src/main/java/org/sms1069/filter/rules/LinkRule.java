package org.sms1069.filter.rules;

import java.util.List;
import org.sms1069.filter.Category;
import org.sms1069.filter.RuleHit;
import org.sms1069.model.MessageType;

/**
 * Links: never a URL shortener, never in a verification code; otherwise only on the app's
 * filed domains. Without a context nothing is filed, so an unknown link is only a marketing
 * signal ({@link #ID}) that lexicon entries combine with (click here, download, account frozen);
 * a link on a filed domain is only marked ({@link #FILED_ID}) for the template check.
 */
public final class LinkRule implements Rule {

    public static final String ID = "LINK";
    public static final String FILED_ID = "LINK_FILED";
    public static final String SHORTENER_ID = "LINK_SHORTENER";
    public static final String UNFILED_ID = "LINK_UNFILED";
    public static final String IN_VERIFICATION_ID = "LINK_IN_VERIFICATION";
    static final int UNVERIFIED_LINK_WEIGHT = 4;

    private final LinkDetector detector;

    public LinkRule(LinkDetector detector) {
        this.detector = detector;
    }

    @Override
    public void apply(MessageScan scan, Signals signals) {
        List<Link> links = detector.find(scan.text().links());
        int block = scan.settings().blockScore();
        boolean contextKnown = !scan.context().isEmpty();
        for (Link link : links) {
            boolean filed = contextKnown && link.onDomain(scan.context().linkDomains());
            if (filed) {
                signals.add(new RuleHit(FILED_ID, Category.FORMAT, 0, link.span(), "filed link"));
            } else {
                signals.add(new RuleHit(ID, Category.MARKETING, contextKnown ? 0 : UNVERIFIED_LINK_WEIGHT, link.span(),
                        "含未备案链接 / link to an unverified domain"));
            }
            if (link.onDomain(scan.settings().shortenerDomains())) {
                signals.add(new RuleHit(SHORTENER_ID, Category.FORMAT, block, link.span(), "禁止短链接 / URL shortener"));
            }
            if (scan.type() == MessageType.VERIFICATION) {
                signals.add(new RuleHit(IN_VERIFICATION_ID, Category.FORMAT, block, link.span(),
                        "验证码短信不得含链接 / no links in a verification code"));
            }
            if (contextKnown && !filed) {
                signals.add(new RuleHit(UNFILED_ID, Category.FORMAT, block, link.span(),
                        "链接域名未备案 / link domain not filed for this app"));
            }
        }
    }
}
