package org.sms1069.filter.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sms1069.filter.MatchedSpan;

/**
 * Matches a message body against an approved template such as
 * {@code 您的验证码是${code}，5分钟内有效}: literal parts must be identical, each {@code ${var}}
 * takes at least one char. Returns where the variable values sit in the original text.
 */
final class TemplateMatch {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}");

    private TemplateMatch() {
    }

    /** @return the variable spans, or null when the body does not follow the template */
    static List<MatchedSpan> variables(String template, String original, int bodyStart, int bodyEnd) {
        SignaturePlace templateSignature = SignaturePlace.locate(template);
        String templateBody = (templateSignature == null ? template : templateSignature.body(template)).strip();
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(templateBody);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(templateBody.substring(last, placeholder.start()))).append("(.+?)");
            last = placeholder.end();
        }
        regex.append(Pattern.quote(templateBody.substring(last)));
        String body = original.substring(bodyStart, bodyEnd);
        int lead = body.length() - body.stripLeading().length();
        Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(body.strip());
        if (!m.matches()) {
            return null;
        }
        List<MatchedSpan> spans = new ArrayList<>(m.groupCount());
        for (int g = 1; g <= m.groupCount(); g++) {
            int offset = bodyStart + lead;
            spans.add(MatchedSpan.of(original, offset + m.start(g), offset + m.end(g)));
        }
        return spans;
    }
}
