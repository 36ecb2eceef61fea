package fr.vitrine.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A drafted record: maps, lists and values, each value with the comment saying where it was read. Written as YAML
 * by hand because no YAML library writes comments; the result is parsed back (Jackson) before it is saved.
 */
final class Draft {

    /** A value and where it comes from; {@link #UNKNOWN} when the text doesn't give it. */
    record Value(Object value, String comment) {
    }

    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** A value not found for a field that can't be written 'unknown' (an amount, a person): written as a comment. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "not found";
        }
    };

    static Value absent(String why) {
        return new Value(ABSENT, why);
    }

    static boolean missing(Value v) {
        return v.value() == UNKNOWN || v.value() == ABSENT;
    }

    static Value unknown(String why) {
        return new Value(UNKNOWN, why);
    }

    static Value found(Object value, SignedText.Line line, String words) {
        return new Value(value, line.where() + " : « " + quote(words) + " »");
    }

    static String quote(String words) {
        String w = words.replaceAll("\\s+", " ").replace("**", "").strip();
        return w.length() > 90 ? w.substring(0, 87) + "…" : w;
    }

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}][\\p{L}\\p{N}_./+\\-]*");
    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
    private static final java.util.Set<String> SPECIAL = java.util.Set.of("yes", "no", "true", "false", "null", "on",
            "off", "y", "n", "unknown");

    static String yaml(Map<String, Object> root) {
        StringBuilder out = new StringBuilder();
        map(root, 0, out, false);
        return out.toString();
    }

    private static void map(Map<String, Object> m, int indent, StringBuilder out, boolean firstInline) {
        boolean first = firstInline;
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (!first) {
                out.append(" ".repeat(indent));
            }
            first = false;
            entry(e.getKey(), e.getValue(), indent, out);
        }
    }

    @SuppressWarnings("unchecked")
    private static void entry(String key, Object v, int indent, StringBuilder out) {
        if (v instanceof Value val && val.value() == ABSENT) {
            out.append("# ").append(key).append(": not found");
            comment(val.comment(), out);
            return;
        }
        out.append(key).append(':');
        if (v instanceof Value val) {
            out.append(' ').append(scalar(key, val.value()));
            comment(val.comment(), out);
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                out.append(" {}\n");
            } else {
                out.append('\n');
                map((Map<String, Object>) m, indent + 2, out, false);
            }
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                out.append(" []\n");
                return;
            }
            out.append('\n');
            for (Object item : l) {
                out.append(" ".repeat(indent + 2)).append("- ");
                if (item instanceof Value val) {
                    out.append(scalar(key, val.value()));
                    comment(val.comment(), out);
                } else {
                    map((Map<String, Object>) item, indent + 4, out, true);
                }
            }
        }
    }

    private static void comment(String c, StringBuilder out) {
        if (c != null && !c.isBlank()) {
            out.append("   # ").append(c.replaceAll("[\\r\\n]+", " "));
        }
        out.append('\n');
    }

    /** Keys whose values are dates, written plain; other values starting with a digit are quoted ("0181"). */
    private static final java.util.Set<String> DATE_KEYS = java.util.Set.of("signed", "effective", "ends", "when",
            "start", "end");

    static String scalar(String key, Object v) {
        if (v == UNKNOWN) {
            return "unknown";
        }
        if (v instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        String s = String.valueOf(v);
        if (DATE.matcher(s).matches() && DATE_KEYS.contains(key)) {
            return s;
        }
        if (PLAIN.matcher(s).matches() && !SPECIAL.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        q.append(' ');
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /** Every value of the draft, for the found / not found summary: path → value. */
    static Map<String, Value> leaves(Map<String, Object> root) {
        Map<String, Value> out = new LinkedHashMap<>();
        walk("", root, out);
        return out;
    }

    private static void walk(String path, Object node, Map<String, Value> out) {
        if (node instanceof Value v) {
            out.put(path, v);
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, out));
        } else if (node instanceof List<?> l) {
            List<Object> items = new ArrayList<>(l);
            for (int i = 0; i < items.size(); i++) {
                walk(path + "[" + i + "]", items.get(i), out);
            }
        }
    }
}
