package org.sms1069.filter.training;

import java.util.ArrayList;
import java.util.List;

/** The command line of the training tools: repeated {@code --name value} pairs and flags, the rest positional. */
final class Options {

    private final List<String> args;

    Options(String[] args) {
        this.args = List.of(args);
    }

    String value(String name, String otherwise) {
        int at = args.indexOf(name);
        if (at < 0) {
            return otherwise;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(at + 1);
    }

    List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).equals(name)) {
                out.add(args.get(i + 1));
            }
        }
        return out;
    }

    boolean has(String name) {
        return args.contains(name);
    }

    /** Arguments that are neither an option nor an option's value. */
    List<String> positional(List<String> optionsWithValue) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsWithValue.contains(arg)) {
                i++;
            } else if (!arg.startsWith("--")) {
                out.add(arg);
            }
        }
        return out;
    }

    List<String> all() {
        return args;
    }
}
