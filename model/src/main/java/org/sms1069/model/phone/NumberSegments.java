package org.sms1069.model.phone;

import org.sms1069.model.Carrier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The original carrier of a mainland number by its prefix (longest prefix wins). The table is data:
 * {@code number-segments.tsv} beside this class. Portability overrides are applied by the caller.
 */
public final class NumberSegments {
    private static final String RESOURCE = "number-segments.tsv";
    private final Map<String, Carrier> byPrefix;
    private final int longestPrefix;

    private NumberSegments(Map<String, Carrier> byPrefix) {
        this.byPrefix = Map.copyOf(byPrefix);
        this.longestPrefix = byPrefix.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** The table shipped with this library. */
    public static NumberSegments bundled() {
        try (InputStream in = NumberSegments.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads lines of {@code prefix<TAB>carrier}; '#' starts a comment. */
    public static NumberSegments parse(InputStream in) throws IOException {
        Map<String, Carrier> table = new HashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            String[] cols = content.split("\\s+");
            if (cols.length != 2 || !cols[0].chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("number segment line " + lineNumber + " is not 'prefix<TAB>carrier'");
            }
            table.put(cols[0], Carrier.valueOf(cols[1]));
        }
        return new NumberSegments(table);
    }

    /** The carrier that owns the number's segment; INTL for non-mainland numbers. */
    public Optional<Carrier> carrierOf(PhoneNumber phone) {
        if (!phone.mainland()) {
            return Optional.of(Carrier.INTL);
        }
        String digits = phone.value();
        for (int len = Math.min(longestPrefix, digits.length()); len > 0; len--) {
            Carrier carrier = byPrefix.get(digits.substring(0, len));
            if (carrier != null) {
                return Optional.of(carrier);
            }
        }
        return Optional.empty();
    }
}
