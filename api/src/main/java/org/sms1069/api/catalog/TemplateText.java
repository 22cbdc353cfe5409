package org.sms1069.api.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's content with named variables, {@code 您的验证码是${code}，${minutes}分钟内有效。}
 * Renders with exactly its variables: a missing or an unknown parameter is an error.
 */
public record TemplateText(String content, List<String> variables) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]{0,31})}");
    private static final Pattern BROKEN = Pattern.compile("\\$\\{(?![A-Za-z][A-Za-z0-9_]{0,31}})");

    public static TemplateText parse(String content) {
        if (BROKEN.matcher(content).find()) {
            throw new IllegalArgumentException("variables are written ${name}: a letter, then letters, digits or '_' (up to 32)");
        }
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(content);
        while (m.find()) {
            names.add(m.group(1));
        }
        return new TemplateText(content, List.copyOf(names));
    }

    public String render(Map<String, String> params) {
        List<String> missing = new ArrayList<>();
        for (String name : variables) {
            if (!params.containsKey(name) || params.get(name) == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing template parameters " + missing);
        }
        List<String> unknown = params.keySet().stream().filter(k -> !variables.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("the template has no variables " + unknown);
        }
        Matcher m = VARIABLE.matcher(content);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(params.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
