package org.sms1069.filter.lexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sms1069.filter.score.MarketingModel;

/**
 * Reads a {@link RuleSet} from the four versioned files {@code lexicon-VERSION.tsv},
 * {@code patterns-VERSION.tsv}, {@code variants-VERSION.tsv} and {@code settings-VERSION.properties},
 * either from the class path or from a directory (so a service can reload edited rules).
 * Malformed rows fail loudly with file and line: a half-loaded rule set must never go live.
 */
public final class RuleSetLoader {

    private static final String RESOURCE_DIR = "org/sms1069/filter/";

    private RuleSetLoader() {
    }

    public static RuleSet fromClasspath(String version) {
        RuleSet rules = parse(version, name -> readResource(RESOURCE_DIR + name));
        String modelFile = modelFile(rules);
        if (modelFile == null) {
            return rules;
        }
        try (InputStream in = RuleSetLoader.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + modelFile)) {
            if (in == null) {
                throw new IllegalArgumentException("missing model resource " + RESOURCE_DIR + modelFile);
            }
            return rules.withModel(MarketingModel.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + modelFile, e);
        }
    }

    public static RuleSet fromDirectory(Path directory, String version) {
        RuleSet rules = parse(version, name -> {
            try {
                return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule file " + name, e);
            }
        });
        String modelFile = modelFile(rules);
        if (modelFile == null) {
            return rules;
        }
        try (InputStream in = Files.newInputStream(directory.resolve(modelFile))) {
            return rules.withModel(MarketingModel.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + modelFile, e);
        }
    }

    private static String modelFile(RuleSet rules) {
        return rules.settings().modelFile();
    }

    /** For callers that keep rules elsewhere (a database, a config service). */
    public static RuleSet fromText(String version, String lexicon, String patterns, String variants, String settings) {
        Map<String, String> files = Map.of(
                "lexicon-" + version + ".tsv", lexicon, "patterns-" + version + ".tsv", patterns,
                "variants-" + version + ".tsv", variants, "settings-" + version + ".properties", settings);
        return parse(version, files::get);
    }

    private interface FileSource {
        String read(String name);
    }

    private static RuleSet parse(String version, FileSource source) {
        String lexiconFile = "lexicon-" + version + ".tsv";
        String patternFile = "patterns-" + version + ".tsv";
        String variantFile = "variants-" + version + ".tsv";
        String settingsFile = "settings-" + version + ".properties";
        return new RuleSet(version,
                parseLexicon(lexiconFile, source.read(lexiconFile)),
                parsePatterns(patternFile, source.read(patternFile)),
                parseVariants(variantFile, source.read(variantFile)),
                parseSettings(settingsFile, source.read(settingsFile)), null);
    }

    static List<LexiconEntry> parseLexicon(String file, String content) {
        List<LexiconEntry> entries = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        forEachRow(file, content, 7, (row, line) -> {
            String id = row[0];
            if (!ids.add(id)) {
                throw new IllegalArgumentException(file + ":" + line + ": duplicate rule id " + id);
            }
            List<String> terms = Arrays.stream(row[3].split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).toList();
            entries.add(new LexiconEntry(id, category(file, line, row[1]), weight(file, line, row[2]), terms,
                    condition(row[4], row[5]), row[6]));
        });
        return entries;
    }

    static List<PatternEntry> parsePatterns(String file, String content) {
        List<PatternEntry> entries = new ArrayList<>();
        forEachRow(file, content, 9, (row, line) -> {
            Pattern pattern;
            try {
                pattern = Pattern.compile(row[5]);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(file + ":" + line + ": bad pattern: " + e.getMessage(), e);
            }
            PatternEntry.View view = PatternEntry.View.valueOf(row[3].strip().toUpperCase());
            entries.add(new PatternEntry(row[0], category(file, line, row[1]), weight(file, line, row[2]), view,
                    ids(row[4]), pattern, condition(row[6], row[7]), row[8]));
        });
        return entries;
    }

    static Map<String, String> parseVariants(String file, String content) {
        Map<String, String> variants = new LinkedHashMap<>();
        forEachRow(file, content, 2, (row, line) -> {
            for (String variant : row[1].split("\\|")) {
                if (!variant.isBlank()) {
                    variants.put(variant.strip(), row[0].strip());
                }
            }
        });
        return variants;
    }

    static FilterSettings parseSettings(String file, String content) {
        Properties p = new Properties();
        try (Reader reader = new StringReader(content)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FilterSettings(
                Integer.parseInt(required(p, file, "block.score")),
                Integer.parseInt(required(p, file, "verification.block.score")),
                Integer.parseInt(required(p, file, "max.length")),
                list(required(p, file, "link.shorteners")),
                list(required(p, file, "link.top-level-domains")),
                list(required(p, file, "signature.test-names")),
                new ModelThresholds(
                        optionalDouble(p, "model.threshold.notification", ModelThresholds.DEFAULTS.notification()),
                        optionalDouble(p, "model.threshold.reminder", ModelThresholds.DEFAULTS.reminder()),
                        optionalDouble(p, "model.threshold.verification", ModelThresholds.DEFAULTS.verification()),
                        (int) optionalDouble(p, "model.rules-alone.score", ModelThresholds.DEFAULTS.rulesAloneScore())),
                p.getProperty("model.file"));
    }

    private static double optionalDouble(Properties p, String key, double otherwise) {
        String value = p.getProperty(key);
        return value == null ? otherwise : Double.parseDouble(value.strip());
    }

    private interface RowHandler {
        void accept(String[] row, int line);
    }

    private static void forEachRow(String file, String content, int columns, RowHandler handler) {
        if (content == null) {
            throw new IllegalArgumentException("missing rule file " + file);
        }
        String[] lines = content.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] row = line.split("\t", -1);
            if (row.length < columns) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected " + columns + " tab-separated columns, got " + row.length);
            }
            handler.accept(row, i + 1);
        }
    }

    private static SignalCategory category(String file, int line, String value) {
        try {
            return SignalCategory.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + line + ": unknown category " + value, e);
        }
    }

    private static int weight(String file, int line, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": weight is not a number: " + value, e);
        }
    }

    private static Condition condition(String requires, String unless) {
        return new Condition(ids(requires), ids(unless));
    }

    private static List<String> ids(String column) {
        String value = column.strip();
        if (value.isEmpty() || value.equals("-")) {
            return List.of();
        }
        return Arrays.stream(value.split("[|,]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<String> list(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip().toLowerCase());
            }
        }
        return items;
    }

    private static String required(Properties p, String file, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + ": missing " + key);
        }
        return value;
    }

    private static String readResource(String path) {
        try (InputStream in = RuleSetLoader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("missing rule resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
