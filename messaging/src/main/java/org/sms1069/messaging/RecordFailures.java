package org.sms1069.messaging;

import org.sms1069.model.PoisonRecordException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** How a handler's failure is read: poison (set aside) or transient (retried). */
public final class RecordFailures {
    private static final Pattern DIGITS = Pattern.compile("\\d{7,}");
    private static final int MAX_DEPTH = 16;

    private RecordFailures() {
    }

    /** Poison when the failure or any of its causes is a {@link PoisonRecordException} or matches {@code service}. */
    public static boolean isPoison(Throwable failure, Predicate<Throwable> service) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof PoisonRecordException || service.test(t)) {
                return true;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Long digit runs (phone numbers, codes) hidden for logs. */
    static String masked(String text) {
        return DIGITS.matcher(String.valueOf(text)).replaceAll("***");
    }
}
