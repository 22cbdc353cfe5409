package org.sms1069.api.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Mainland mobile numbers no other test uses, so frequency limits and opt-outs never leak between tests. */
public final class Phones {
    private Phones() {
    }

    /** @param prefix three digits that decide the carrier: 138 CMCC, 186 CUCC, 189 CTCC */
    public static String unique(String prefix) {
        return prefix + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
