package fr.vitrine.importer;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A drafted record: maps, lists and values, each value with the comment saying where it was read. Written as YAML
 * by SnakeYAML's emitter, comments included; the result is parsed back (Jackson) before it is saved.
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
        String w = NOT_IN_COMMENT.matcher(words).replaceAll(" ").replaceAll("\\s+", " ").replace("**", "").strip();
        return w.length() > 90 ? w.substring(0, 87) + "…" : w;
    }

    /** Keys whose values are dates, written plain; other values starting with a digit are quoted ("0181"). */
    private static final Set<String> DATE_KEYS = Set.of("signed", "effective", "ends", "when", "start", "end");
    private static final Pattern DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");

    /**
     * Every kind of line break and every other control or invisible format character: none may reach a comment,
     * where it would end the comment and make the words after it YAML (U+2028 did: {@code summary: Texte injecté}).
     */
    private static final Pattern NOT_IN_COMMENT = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\u0085]+");

    /**
     * The record as YAML, written by SnakeYAML's emitter (quoting and escaping every value as YAML requires), each
     * value followed by the comment saying where it was read, a value not found written as a comment line.
     */
    static String yaml(Map<String, Object> root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setProcessComments(true);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        StringWriter out = new StringWriter();
        new Yaml(options).serialize(mapping(root), out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Node node(String key, Object v) {
        if (v instanceof Value val) {
            return scalarNode(key, val);
        }
        if (v instanceof Map<?, ?> m) {
            return mapping((Map<String, Object>) m);
        }
        List<Node> items = new ArrayList<>();
        for (Object item : (List<?>) v) {
            items.add(node(key, item));
        }
        return new SequenceNode(Tag.SEQ, items, items.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    }

    /** A map; a value not found is a comment line ({@code # amount: not found   # why}) where its key would be. */
    private static MappingNode mapping(Map<String, Object> m) {
        List<NodeTuple> tuples = new ArrayList<>();
        List<CommentLine> pending = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (e.getValue() instanceof Value val && val.value() == ABSENT) {
                pending.add(new CommentLine(null, null, " " + e.getKey() + ": not found" + commentText(val.comment(), " # "),
                        CommentType.BLOCK));
                continue;
            }
            ScalarNode key = new ScalarNode(Tag.STR, e.getKey(), null, null, DumperOptions.ScalarStyle.PLAIN);
            key.setBlockComments(pending);
            pending = new ArrayList<>();
            tuples.add(new NodeTuple(key, node(e.getKey(), e.getValue())));
        }
        MappingNode node = new MappingNode(Tag.MAP, tuples,
                tuples.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
        node.setEndComments(pending);
        return node;
    }

    private static final Resolver RESOLVER = new Resolver();

    /**
     * A value: unknown, numbers and dates plain, as YAML reads them; texts in double quotes unless they are one plain
     * word that YAML reads as text. The emitter escapes what a double-quoted scalar can't hold (line breaks of any kind).
     */
    /** A value's text as the draft writes it, quotes and escapes aside. */
    static String scalar(String key, Object value) {
        return scalarNode(key, new Value(value, null)).getValue();
    }

    private static ScalarNode scalarNode(String key, Value val) {
        Object v = val.value();
        String text = v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(v);
        boolean plain = v == UNKNOWN || v instanceof Number || v instanceof Boolean
                || DATE.matcher(text).matches() && DATE_KEYS.contains(key);
        Tag resolved = RESOLVER.resolve(NodeId.scalar, text, true);
        ScalarNode node = plain
                ? new ScalarNode(resolved, text, null, null, DumperOptions.ScalarStyle.PLAIN)
                : new ScalarNode(Tag.STR, text, null, null, PLAIN.matcher(text).matches() && resolved.equals(Tag.STR)
                        && !text.equalsIgnoreCase("unknown") ? DumperOptions.ScalarStyle.PLAIN
                        : DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        String comment = commentText(val.comment(), "");
        if (!comment.isEmpty()) {
            node.setInLineComments(List.of(new CommentLine(null, null, " " + comment, CommentType.IN_LINE)));
        }
        return node;
    }

    private static final Pattern PLAIN = Pattern.compile("[\\p{L}][\\p{L}\\p{N}_./+\\-]*");

    /** {@code prefix} and the comment on one line, or nothing when there is none. */
    private static String commentText(String comment, String prefix) {
        if (comment == null || comment.isBlank()) {
            return "";
        }
        return prefix + NOT_IN_COMMENT.matcher(comment).replaceAll(" ").strip();
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
