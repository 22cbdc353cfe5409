package org.sms1069.filter.normalize;

/**
 * One-char-to-one-char folding applied before any matching: full-width to half-width,
 * traditional to simplified, case folding, and a few look-alike symbols that spam uses inside
 * links (○ for o, Greek/Cyrillic capitals for Latin). A single table lookup per char keeps
 * normalisation cheap; the table is built once per JVM.
 */
public final class CharFolder {

    private static final char[] TABLE = buildTable();

    private CharFolder() {
    }

    public static char fold(char c) {
        return TABLE[c];
    }

    public static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = TABLE[s.charAt(i)];
        }
        return new String(out);
    }

    private static char[] buildTable() {
        char[] table = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            table[c] = (char) c;
        }
        for (int c = 0xFF01; c <= 0xFF5E; c++) {
            table[c] = (char) (c - 0xFEE0);
        }
        table[0x3000] = ' ';
        TraditionalToSimplified.fill(table);
        String lookAlikes = "○o〇oΟoОoοoоoΜmМmΑaАaΕeЕeΚkКkΤtТtΗhНhΝnΡpРpСcсcℂcΧxХxΥyУyΙiІiΒbВbΖzⅤvⅴv";
        for (int i = 0; i < lookAlikes.length(); i += 2) {
            table[lookAlikes.charAt(i)] = lookAlikes.charAt(i + 1);
        }
        table['℃'] = 'c';
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char folded = table[c];
            if (folded < 0x80 || (folded >= 0x100 && folded < 0x2000)) {
                table[c] = Character.toLowerCase(folded);
            }
        }
        return table;
    }
}
