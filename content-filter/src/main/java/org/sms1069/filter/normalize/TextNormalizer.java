package org.sms1069.filter.normalize;

/** Builds the {@link NormalizedMessage} views of a text. Immutable and thread-safe. */
public final class TextNormalizer {

    private final VariantRewriter variants;

    public TextNormalizer(VariantRewriter variants) {
        this.variants = variants;
    }

    public NormalizedMessage normalize(String original) {
        String folded = CharFolder.fold(original);
        NormalizedText compact = variants.rewrite(compact(original, folded), folded);
        NormalizedText identity = NormalizedText.identity(original, folded);
        return new NormalizedMessage(identity, compact, links(original, folded, identity));
    }

    /** Folds and compacts a lexicon term exactly as message text is, so both sides meet. */
    public String normalizeTerm(String term) {
        String folded = CharFolder.fold(term);
        return variants.rewrite(compact(term, folded), folded).text();
    }

    private static NormalizedText compact(String original, String folded) {
        OffsetTextBuilder out = new OffsetTextBuilder(folded.length());
        int i = 0;
        while (i < folded.length()) {
            char c = folded.charAt(i);
            if (!Character.isSurrogate(c)) {
                if (SeparatorPolicy.keepsMeaning(c)) {
                    out.append(c, i, i + 1);
                }
                i++;
                continue;
            }
            int cp = folded.codePointAt(i);
            int width = Character.charCount(cp);
            if (SeparatorPolicy.keepsMeaning(cp)) {
                for (int k = 0; k < width; k++) {
                    out.append(folded.charAt(i + k), i, i + width);
                }
            }
            i += width;
        }
        return out.build(original);
    }

    private static NormalizedText links(String original, String folded, NormalizedText identity) {
        if (!hasDotLike(folded)) {
            return identity;
        }
        int n = folded.length();
        // the view only differs from the folded text where a char is dropped or a stand-in
        // becomes a dot; without either it is the folded text itself (same chars, same offsets)
        int first = 0;
        while (first < n) {
            char c = folded.charAt(first);
            if (SeparatorPolicy.dropsFromLinks(c) || (isDotStandIn(c) && betweenLinkLabels(folded, first))) {
                break;
            }
            first++;
        }
        if (first == n) {
            return identity;
        }
        OffsetTextBuilder out = new OffsetTextBuilder(n);
        for (int i = 0; i < first; i++) {
            out.append(folded.charAt(i), i, i + 1);
        }
        for (int i = first; i < n; i++) {
            char c = folded.charAt(i);
            if (SeparatorPolicy.dropsFromLinks(c)) {
                continue;
            }
            if (isDotStandIn(c) && betweenLinkLabels(folded, i)) {
                c = '.';
            }
            out.append(c, i, i + 1);
        }
        return out.build(original);
    }

    private static boolean isDotStandIn(char c) {
        return c == '。' || c == '点' || c == '｡';
    }

    /** Without a dot or a stand-in for one there is no link; the folded view then serves as is. */
    private static boolean hasDotLike(String folded) {
        return folded.indexOf('.') >= 0 || folded.indexOf('。') >= 0 || folded.indexOf('点') >= 0 || folded.indexOf('｡') >= 0;
    }

    /** "t 。cn", "abc点com": a dot stand-in sits between ASCII label chars (spaces skipped). */
    private static boolean betweenLinkLabels(String folded, int at) {
        int before = at - 1;
        while (before >= 0 && Character.isWhitespace(folded.charAt(before))) {
            before--;
        }
        int after = at + 1;
        while (after < folded.length() && Character.isWhitespace(folded.charAt(after))) {
            after++;
        }
        return before >= 0 && after < folded.length()
                && isLabelChar(folded.charAt(before)) && isAsciiLetter(folded.charAt(after));
    }

    private static boolean isLabelChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
