package dev.cycles.admin.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Prometheus text exposition parsed strictly: every line is a comment or
 * {@code name{label="value",...} value}; anything else fails the test that parsed it.
 */
record Scrape(List<Sample> samples) {
    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                fail("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null && !m.group(2).isEmpty()) {
                Matcher l = LABEL.matcher(m.group(2));
                int at = 0;
                while (at < m.group(2).length()) {
                    if (!l.find(at) || l.start() != at) {
                        fail("bad labels in: " + line);
                    }
                    labels.put(l.group(1), l.group(2));
                    at = l.end();
                }
            }
            out.add(new Sample(m.group(1), labels, value(m.group(3), line)));
        }
        assertTrue(!out.isEmpty(), "a scrape has samples");
        return new Scrape(out);
    }

    private static double value(String s, String line) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new AssertionError("bad value in: " + line, e);
                }
        }
    }

    /** Samples of {@code name} whose labels include all of {@code labels} (pairs: key, value, ...). */
    List<Sample> all(String name, String... labels) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && has(s, labels)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The one sample of {@code name} with these labels, or 0 when there is none yet (a counter not yet touched). */
    double value(String name, String... labels) {
        List<Sample> found = all(name, labels);
        if (found.size() > 1) {
            fail(found.size() + " samples of " + name + " match " + String.join(",", labels) + ": " + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    private static boolean has(Sample s, String[] labels) {
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
