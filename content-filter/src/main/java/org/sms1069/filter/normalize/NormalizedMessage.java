package org.sms1069.filter.normalize;

/**
 * The three views the rules look at.
 *
 * @param folded  same length as the original, chars folded (full-width, traditional, case):
 *                for structural rules (signature, codes, numbers)
 * @param compact letters and digits only, spam variants rewritten to their canonical form
 *                (薇信→微信, youhui→优惠): for the lexicon and the money/contact patterns
 * @param links   folded without whitespace or invisible chars and with 。/点 between Latin
 *                labels read as a dot: for link detection
 */
public record NormalizedMessage(NormalizedText folded, NormalizedText compact, NormalizedText links) {

    public String original() {
        return folded.original();
    }
}
