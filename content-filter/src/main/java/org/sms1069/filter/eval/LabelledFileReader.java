package org.sms1069.filter.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a UTF-8 TSV with a header naming at least {@code label} and {@code text} (other columns
 * ignored except an optional {@code category}). Label ALLOW/BLOCK or 0/1 (1 = BLOCK). Rows with
 * an empty text or an unreadable label are counted as skipped.
 */
public final class LabelledFileReader {

    public record Contents(List<LabelledMessage> messages, int skipped) {
    }

    public Contents read(Path file) throws IOException {
        List<LabelledMessage> messages = new ArrayList<>();
        int skipped = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null) {
                return new Contents(messages, 0);
            }
            List<String> columns = List.of(stripBom(header).split("\t", -1));
            int labelColumn = indexOf(columns, "label");
            int textColumn = indexOf(columns, "text");
            int categoryColumn = columns.indexOf("category");
            if (labelColumn < 0 || textColumn < 0) {
                throw new IllegalArgumentException(file + ": header needs 'label' and 'text' columns, got " + columns);
            }
            String row;
            int line = 1;
            while ((row = reader.readLine()) != null) {
                line++;
                String[] cells = row.split("\t", -1);
                String text = textColumn < cells.length ? cells[textColumn].strip() : "";
                Boolean block = labelColumn < cells.length ? parseLabel(cells[labelColumn]) : null;
                if (text.isEmpty() || block == null) {
                    skipped++;
                    continue;
                }
                String category = categoryColumn >= 0 && categoryColumn < cells.length && !cells[categoryColumn].isBlank()
                        ? cells[categoryColumn].strip().toUpperCase(Locale.ROOT) : null;
                messages.add(new LabelledMessage(line, block, category, text));
            }
        }
        return new Contents(messages, skipped);
    }

    private static int indexOf(List<String> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).strip().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Boolean parseLabel(String value) {
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "BLOCK", "1", "SPAM" -> Boolean.TRUE;
            case "ALLOW", "0", "HAM" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
