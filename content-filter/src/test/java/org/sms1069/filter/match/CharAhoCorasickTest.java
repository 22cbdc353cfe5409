package org.sms1069.filter.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The primitive-array automaton against a straightforward reference (every keyword tried at
 * every offset with regionMatches) on generated keywords and texts: the same occurrences in the
 * same order (by end offset, then longest first, then keyword index).
 */
class CharAhoCorasickTest {

    // few distinct chars so that keywords overlap, share prefixes and suffixes; CJK, a surrogate pair, a char > 0xFF00
    private static final String ALPHABET = "ab微信优惠惠qx1\uD83D\uDCA5\uFF21";

    @Test
    void findsTheSameOccurrencesAsTheReferenceOnGeneratedInputs() {
        Random random = new Random(1069);
        for (int round = 0; round < 300; round++) {
            List<String> keywords = new ArrayList<>();
            int count = 1 + random.nextInt(round < 100 ? 5 : 60);
            for (int k = 0; k < count; k++) {
                keywords.add(randomText(random, 1 + random.nextInt(5)));
            }
            if (random.nextInt(4) == 0) {
                keywords.add(keywords.get(random.nextInt(keywords.size()))); // a duplicate keyword
            }
            CharAhoCorasick automaton = new CharAhoCorasick(keywords);
            for (int t = 0; t < 40; t++) {
                String text = randomText(random, random.nextInt(80));
                assertThat(scan(automaton, text)).as("keywords %s, text %s", keywords, text)
                        .isEqualTo(reference(keywords, text));
                assertThat(automaton.containsAny(text)).isEqualTo(!reference(keywords, text).isEmpty());
            }
        }
    }

    @Test
    void handlesRealisticKeywordsAndCharsOutsideEveryKeyword() {
        List<String> keywords = List.of("优惠", "优惠券", "惠券", "券", "qq", "qq群", "回t退订", "t退");
        CharAhoCorasick automaton = new CharAhoCorasick(keywords);
        String text = "领优惠券加qq群回t退订，无关文字zzz";
        assertThat(scan(automaton, text)).isEqualTo(reference(keywords, text));
        assertThat(scan(automaton, "没有命中的文字")).isEmpty();
        assertThat(automaton.keywordCount()).isEqualTo(8);
    }

    @Test
    void noKeywordsFindNothingAndEmptyKeywordsAreRejected() {
        assertThat(scan(new CharAhoCorasick(List.of()), "abc")).isEmpty();
        assertThatThrownBy(() -> new CharAhoCorasick(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isDeterministic() {
        Random random = new Random(7);
        List<String> keywords = new ArrayList<>();
        for (int k = 0; k < 200; k++) {
            keywords.add(randomText(random, 1 + random.nextInt(4)));
        }
        CharAhoCorasick one = new CharAhoCorasick(keywords);
        CharAhoCorasick two = new CharAhoCorasick(keywords);
        for (int t = 0; t < 200; t++) {
            String text = randomText(random, 100);
            assertThat(scan(one, text)).isEqualTo(scan(two, text)).isEqualTo(scan(one, text));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int i = random.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(i);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(i + 1));
            } else if (!Character.isLowSurrogate(c) || random.nextInt(8) == 0) {
                sb.append(c); // now and then a lone low surrogate
            }
        }
        return sb.toString();
    }

    private static List<String> scan(CharAhoCorasick automaton, String text) {
        List<String> hits = new ArrayList<>();
        automaton.scan(text, (keyword, start, end) -> hits.add(keyword + "@" + start + "-" + end));
        return hits;
    }

    /** By end offset, then longest first, then keyword index. */
    private static List<String> reference(List<String> keywords, String text) {
        List<String> hits = new ArrayList<>();
        for (int end = 1; end <= text.length(); end++) {
            for (int length = end; length >= 1; length--) {
                for (int k = 0; k < keywords.size(); k++) {
                    String keyword = keywords.get(k);
                    if (keyword.length() == length && text.regionMatches(end - length, keyword, 0, length)) {
                        hits.add(k + "@" + (end - length) + "-" + end);
                    }
                }
            }
        }
        return hits;
    }
}
