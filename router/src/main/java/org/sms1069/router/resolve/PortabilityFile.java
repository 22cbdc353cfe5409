package org.sms1069.router.resolve;

import org.sms1069.model.Carrier;
import org.sms1069.model.phone.PhoneNumber;
import org.sms1069.model.phone.PhoneNumbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bulk portability file: one {@code phone,carrier} per line (comma, tab or semicolon), UTF-8.
 * Blank lines and lines starting with '#' are skipped, so is a first line that is a header
 * ({@code phone,carrier}). Phones are normalised as the api does ({@code +86 138 0013 8000});
 * carriers are CMCC, CUCC, CTCC or CBN. Bad lines are reported by number and never stop the rest.
 */
public final class PortabilityFile {
    /** Errors kept in the answer; the count covers all of them. */
    static final int MAX_REPORTED_ERRORS = 50;

    private PortabilityFile() {
    }

    public static Parsed parse(String body) {
        Map<String, Carrier> entries = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        int rejected = 0;
        String[] lines = body.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (i == 0 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.toLowerCase().startsWith("phone"))) {
                continue;
            }
            String error = add(line, entries);
            if (error != null) {
                rejected++;
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add("line " + (i + 1) + ": " + error);
                }
            }
        }
        return new Parsed(entries, rejected, errors);
    }

    private static String add(String line, Map<String, Carrier> entries) {
        String[] cols = line.split("[,\t;]");
        if (cols.length != 2) {
            return "expected phone,carrier";
        }
        PhoneNumbers.Parsed phone = PhoneNumbers.parse(cols[0]);
        if (!phone.isValid()) {
            return phone.error();
        }
        PhoneNumber number = phone.number().orElseThrow();
        if (!number.mainland()) {
            return "only mainland numbers are ported";
        }
        Optional<Carrier> carrier = PortabilityOverrides.parseCarrier(cols[1]);
        if (carrier.isEmpty()) {
            return "carrier must be CMCC, CUCC, CTCC or CBN";
        }
        entries.put(number.value(), carrier.get());
        return null;
    }

    /** @param entries the valid lines (a phone listed twice keeps its last carrier) */
    public record Parsed(Map<String, Carrier> entries, int rejected, List<String> errors) {
    }
}
