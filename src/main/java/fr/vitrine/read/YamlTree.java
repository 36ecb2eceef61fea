package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Position;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as plain Java values (maps, lists, strings, numbers, booleans, nulls) that remembers where
 * every value and key was written, so validation can point at a line and column.
 * <p>
 * Parsing goes through SnakeYAML's composer (the engine under Jackson's YAML module) because it keeps source
 * marks on every node; aliases, nesting depth and size are bounded so a hostile file can't exhaust memory.
 */
public final class YamlTree {

    private static final int MAX_ALIASES = 20;
    private static final int MAX_DEPTH = 32;
    private static final int MAX_CODE_POINTS = 1_000_000;

    private final Object root;
    private final Map<String, Position> valuePositions;
    private final Map<String, Position> keyPositions;
    private final List<Duplicate> duplicates;

    /** A key written twice in one map: where its second writing is, and the line of the first. */
    public record Duplicate(String key, Position at, int firstLine) {
        public String message() {
            return "duplicate key '" + key + "' (first written on line " + firstLine + ")";
        }
    }

    private YamlTree(Object root, Map<String, Position> values, Map<String, Position> keys) {
        this(root, values, keys, List.of());
    }

    private YamlTree(Object root, Map<String, Position> values, Map<String, Position> keys, List<Duplicate> duplicates) {
        this.root = root;
        this.valuePositions = values;
        this.keyPositions = keys;
        this.duplicates = duplicates;
    }

    /** An empty tree, for records that have no YAML of their own. */
    public static YamlTree of(Map<String, Object> root) {
        return new YamlTree(root, Map.of(), Map.of());
    }

    /**
     * Parses one YAML document whose first line is line {@code firstLine} of {@code file}; reports syntax errors,
     * duplicate keys and exceeded limits, and returns {@code null} when the document can't be used.
     */
    public static YamlTree parse(Path file, String yaml, int firstLine, Diagnostics diagnostics) {
        return parse(file, yaml, firstLine, diagnostics, false);
    }

    /**
     * The same; with {@code keepDuplicates}, a key written twice is not reported: the value written last is kept and
     * each second writing is in {@link #duplicates()}, for the caller to report as its records require.
     */
    public static YamlTree parse(Path file, String yaml, int firstLine, Diagnostics diagnostics,
                                 boolean keepDuplicates) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        Node node;
        try {
            // What Yaml.compose does, without building a Yaml (its constructor and representer) for every file.
            node = new Composer(new ParserImpl(new StreamReader(new StringReader(yaml)), options), new Resolver(), options)
                    .getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null ? new Position(firstLine, 1) : position(mark, firstLine);
            diagnostics.error(file, at, "malformed YAML: " + describe(e) + "; check indentation, colons and quotes");
            return null;
        } catch (YAMLException e) {
            diagnostics.error(file, firstLine, 1, "YAML refused: " + e.getMessage()
                    + " (aliases, nesting and size are limited to keep builds safe)");
            return null;
        } catch (RuntimeException e) {
            // SnakeYAML 2.4 throws NumberFormatException on a text ending inside an escape ("\x at the very end).
            diagnostics.error(file, firstLine, 1, "malformed YAML (" + e.getMessage() + "); check for a quoted text "
                    + "or an escape sequence left unfinished at the end of the file");
            return null;
        }
        if (node == null) {
            return new YamlTree(new LinkedHashMap<>(), Map.of(), Map.of());
        }
        Builder builder = new Builder(file, firstLine, diagnostics, keepDuplicates);
        Object root;
        try {
            root = builder.convert(node, "", 0);
        } catch (Builder.TooLarge e) {
            diagnostics.error(file, position(e.at.getStartMark(), firstLine), "YAML aliases ('*name') expand this "
                    + "record beyond " + MAX_CODE_POINTS + " characters; write the values out instead of repeating them");
            return null;
        }
        if (builder.failed) {
            return null;
        }
        return new YamlTree(root, builder.values, builder.keys, List.copyOf(builder.duplicates));
    }

    /** The keys written twice, when parsed with {@code keepDuplicates}; else always empty. */
    public List<Duplicate> duplicates() {
        return duplicates;
    }

    public Object root() {
        return root;
    }

    /** Where the value at {@code path} (e.g. {@code funding[1].amount}) was written; falls back to its parent. */
    public Position valueAt(String path) {
        String p = path;
        while (true) {
            Position at = valuePositions.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return Position.UNKNOWN;
            }
            p = parent(p);
        }
    }

    /** Where the key of the map entry at {@code path} was written; falls back to the value's position. */
    public Position keyAt(String path) {
        Position at = keyPositions.get(path);
        return at != null ? at : valueAt(path);
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static Position position(Mark mark, int firstLine) {
        return new Position(mark.getLine() + firstLine, mark.getColumn() + 1);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String context = e.getContext();
        return context == null ? problem : problem + " (" + context + ")";
    }

    private static final class Builder {
        final Path file;
        final int firstLine;
        final Diagnostics diagnostics;
        final Map<String, Position> values = new HashMap<>();
        final Map<String, Position> keys = new HashMap<>();
        final boolean keepDuplicates;
        final List<Duplicate> duplicates = new ArrayList<>();
        boolean failed;
        /** Values and characters produced so far, aliases followed: bounded like the text itself. */
        long budget = MAX_CODE_POINTS;

        static final class TooLarge extends RuntimeException {
            final Node at;

            TooLarge(Node at) {
                super(null, null, false, false);
                this.at = at;
            }
        }

        Builder(Path file, int firstLine, Diagnostics diagnostics, boolean keepDuplicates) {
            this.file = file;
            this.firstLine = firstLine;
            this.diagnostics = diagnostics;
            this.keepDuplicates = keepDuplicates;
        }

        Object convert(Node node, String path, int depth) {
            if (depth > MAX_DEPTH) {
                // Only reachable through aliases: '&a [*a]' is a value that contains itself.
                error(node, "value nested more than " + MAX_DEPTH + " levels deep (an alias inside its own anchor?); "
                        + "write the values out");
                return null;
            }
            budget -= 1 + (node instanceof ScalarNode s ? s.getValue().length() : 0);
            if (budget < 0) {
                throw new TooLarge(node);
            }
            values.put(path, position(node.getStartMark(), firstLine));
            if (!(node instanceof ScalarNode) && !node.getTag().equals(Tag.MAP) && !node.getTag().equals(Tag.SEQ)) {
                error(node, "YAML tag '" + node.getTag().getValue() + "' is not allowed in records; remove it");
            }
            if (node instanceof MappingNode map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (NodeTuple tuple : map.getValue()) {
                    Node keyNode = tuple.getKeyNode();
                    if (!(keyNode instanceof ScalarNode scalarKey)) {
                        error(keyNode, "a key must be a plain word, not a list or a map");
                        continue;
                    }
                    String key = scalarKey.getValue();
                    if (hasLoneSurrogate(scalarKey)) {
                        continue;
                    }
                    if (key.equals("<<")) {
                        error(keyNode, "YAML merge keys ('<<') are not supported in records: write the fields out");
                        continue;
                    }
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (out.containsKey(key)) {
                        Duplicate d = new Duplicate(key, position(keyNode.getStartMark(), firstLine),
                                keys.get(childPath).line());
                        if (!keepDuplicates) {
                            error(keyNode, d.message() + "; keep only one");
                            continue;
                        }
                        duplicates.add(d);
                        out.remove(key);
                    }
                    keys.put(childPath, position(keyNode.getStartMark(), firstLine));
                    out.put(key, convert(tuple.getValueNode(), childPath, depth + 1));
                }
                return out;
            }
            if (node instanceof SequenceNode seq) {
                List<Object> out = new ArrayList<>();
                int i = 0;
                for (Node item : seq.getValue()) {
                    out.add(convert(item, path + "[" + i++ + "]", depth + 1));
                }
                return Collections.unmodifiableList(out);
            }
            return scalar((ScalarNode) node);
        }

        private Object scalar(ScalarNode node) {
            Tag tag = node.getTag();
            String value = node.getValue();
            if (hasLoneSurrogate(node)) {
                return value;
            }
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                }
                if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(value) || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on");
                }
                if (tag.equals(Tag.INT)) {
                    BigInteger n = new BigInteger(value.replace("_", "").replace("+", ""));
                    return n.bitLength() < 63 ? (Object) n.longValue() : n;
                }
                if (tag.equals(Tag.FLOAT)) {
                    return new BigDecimal(value.replace("_", ""));
                }
            } catch (NumberFormatException e) {
                return value;
            }
            if (!tag.equals(Tag.STR) && !tag.equals(Tag.TIMESTAMP) && !tag.equals(Tag.BINARY)) {
                error(node, "YAML tag '" + tag.getValue() + "' is not allowed in records; remove it");
            }
            return value;
        }

        /**
         * Reports a scalar holding half of a character (an escape such as backslash-uD800, a lone UTF-16 surrogate): no page, CSV
         * or JSON can be written with it.
         */
        private boolean hasLoneSurrogate(ScalarNode node) {
            int at = loneSurrogate(node.getValue());
            if (at >= 0) {
                error(node, String.format("escape \\u%04X is half of a character (a lone UTF-16 surrogate); write the "
                        + "whole character, or both halves of its pair", (int) node.getValue().charAt(at)));
            }
            return at >= 0;
        }

        /** Index of the first surrogate that is not part of a pair, or -1. */
        private static int loneSurrogate(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return i;
                }
            }
            return -1;
        }

        private void error(Node node, String message) {
            failed = true;
            diagnostics.error(file, position(node.getStartMark(), firstLine), message);
        }
    }
}
