package fr.vitrine.privacy;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Coded;
import fr.vitrine.privacy.Kind.Mode;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.YamlTree;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with each kind of finding: {@code vitrine.privacy.<kind>=redact|warn|allow} in jbake.properties, and
 * per record {@code privacy: {<kind>: redact|warn|allow}} in the front matter, which wins.
 */
public final class Policy {

    public static final String SETTING = "vitrine.privacy.";
    /** The front-matter field of a per-record override. */
    public static final String FIELD = "privacy";

    private final Map<Kind, Mode> modes;
    /** Kinds whose mode the record itself states: its redactions are a recorded decision, not reported again. */
    private final Set<Kind> decided;

    private Policy(Map<Kind, Mode> modes, Set<Kind> decided) {
        this.modes = modes;
        this.decided = decided;
    }

    public static Policy defaults() {
        Map<Kind, Mode> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            m.put(k, k.defaultMode);
        }
        return new Policy(m, Set.of());
    }

    /** The project's policy; a value that is not redact, warn or allow is an error at its line. */
    public static Policy of(SiteConfig config, Diagnostics diagnostics) {
        Map<Kind, Mode> m = new EnumMap<>(defaults().modes);
        for (Kind k : Kind.values()) {
            String key = SETTING + k.code();
            config.string(key).ifPresent(v -> {
                Optional<Mode> mode = Coded.parse(Mode.class, v);
                if (mode.isEmpty()) {
                    diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(key),
                            Coded.unknown(Mode.class, key, v));
                } else {
                    m.put(k, mode.get());
                }
            });
        }
        return new Policy(m, Set.of());
    }

    /** This policy with a record's {@code privacy:} override applied; bad kinds or modes are errors at their place. */
    public Policy with(Path file, YamlTree tree, Diagnostics diagnostics) {
        if (!(tree.root() instanceof Map<?, ?> root) || !root.containsKey(FIELD)) {
            return this;
        }
        if (!(root.get(FIELD) instanceof Map<?, ?> override)) {
            diagnostics.error(file, tree.valueAt(FIELD), "privacy must be a map such as {email: redact, iban: allow}; "
                    + "kinds: " + kinds());
            return this;
        }
        Map<Kind, Mode> m = new EnumMap<>(modes);
        Set<Kind> stated = EnumSet.noneOf(Kind.class);
        override.forEach((key, value) -> {
            Optional<Kind> kind = Coded.parse(Kind.class, String.valueOf(key));
            Optional<Mode> mode = Coded.parse(Mode.class, String.valueOf(value));
            if (kind.isEmpty()) {
                diagnostics.error(file, tree.keyAt(FIELD + "." + key),
                        Coded.unknown(Kind.class, "privacy kind", String.valueOf(key)));
            } else if (mode.isEmpty()) {
                diagnostics.error(file, tree.valueAt(FIELD + "." + key),
                        Coded.unknown(Mode.class, FIELD + "." + key, String.valueOf(value)));
            } else {
                m.put(kind.get(), mode.get());
                stated.add(kind.get());
            }
        });
        return new Policy(m, stated);
    }

    public Mode mode(Kind kind) {
        return modes.get(kind);
    }

    /** True when the record states this kind's mode ({@code privacy: {rib: redact}}). */
    public boolean decided(Kind kind) {
        return decided.contains(kind);
    }

    private static String kinds() {
        return String.join(", ", Coded.codes(Kind.class));
    }
}
