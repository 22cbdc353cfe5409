package org.sms1069.filter.normalize;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.List;

/**
 * Character-level traditional → simplified mapping taken from OpenCC (opencc4j). Only
 * one-to-one mappings are used so that normalised offsets stay aligned with the original text;
 * phrase-level conversions do not matter for keyword matching.
 */
final class TraditionalToSimplified {

    private static final int[][] CJK_RANGES = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};

    private TraditionalToSimplified() {
    }

    static void fill(char[] table) {
        for (int[] range : CJK_RANGES) {
            for (int c = range[0]; c <= range[1]; c++) {
                char ch = (char) c;
                if (!ZhConverterUtil.isTraditional(ch)) {
                    continue;
                }
                List<String> simple = ZhConverterUtil.toSimple(ch);
                if (simple != null && !simple.isEmpty() && simple.get(0).length() == 1 && simple.get(0).charAt(0) != ch) {
                    table[c] = simple.get(0).charAt(0);
                }
            }
        }
    }
}
