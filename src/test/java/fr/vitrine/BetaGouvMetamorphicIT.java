package fr.vitrine;

import fr.vitrine.build.CatalogLoader;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Product;
import fr.vitrine.model.Vocabulary;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 27: the history of beta.gouv.fr's product files we cannot see, made from the one we have. Each
 * {@link Change} is one odd value older files show, applied to EVERY product file of the shared snapshot it applies
 * to; all the changed files of a change are read and validated in-process, in one pass (the reading and validation
 * a build does, without rendering: the whole snapshot's site is built once by {@link BetaGouvSnapshotIT}). Each
 * changed file must keep its product, and the warning the change calls for must be at the line the change wrote.
 */
class BetaGouvMetamorphicIT {

    @TempDir
    static Path tmp;
    static Path corpus;
    static List<Path> productFiles;

    @BeforeAll
    static void corpus() throws IOException {
        String setting = System.getProperty(BetaGouvSnapshotIT.PROPERTY, "").strip();
        if (setting.isEmpty()) {
            System.err.println("\n*** SKIPPED BetaGouvMetamorphicIT: no -D" + BetaGouvSnapshotIT.PROPERTY
                    + "=<beta.gouv.fr content folder>; .ci/run passes ../shared/corpus/beta.gouv.fr ***\n");
            Assumptions.abort("-D" + BetaGouvSnapshotIT.PROPERTY + " is not set: the metamorphic suite did not run");
        }
        corpus = Path.of(setting).toAbsolutePath();
        if (!Files.isDirectory(corpus.resolve("_startups"))) {
            fail(BetaGouvSnapshotIT.PROPERTY + "=" + setting + " holds no _startups/: fix the path");
        }
        try (Stream<Path> files = Files.list(corpus.resolve("_startups"))) {
            productFiles = files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .filter(f -> !f.getFileName().toString().matches("[._@].*")).sorted().toList();
        }
        assertTrue(productFiles.size() > 500, "the snapshot has " + productFiles.size() + " product files");
    }

    /** A changed file: its lines, the line (1-based) and words of the warning expected there, and a check. */
    record Changed(List<String> lines, int line, String warning, Predicate<Product> check) {
        static Changed silent(List<String> lines, Predicate<Product> check) {
            return new Changed(lines, 0, null, check);
        }
    }

    static final Pattern ITEM = Pattern.compile("^  - (\\w+): ?(.*)$");
    static final Pattern START = Pattern.compile("^    start: (\\d{4})(-\\d\\d-\\d\\d)\\s*$");
    static final Pattern SPONSOR = Pattern.compile("^  - /organisations/(\\S+)\\s*$");
    /** The phase beta.gouv.fr's _phases/ entry removed by {@link Change#REMOVED_PHASE_FILE}. */
    static final String REMOVED_PHASE = "construction";

    /** Each change older files show. */
    enum Change {
        PHASES_OUT_OF_ORDER {
            Changed apply(List<String> l) {
                List<int[]> items = phaseItems(l);
                if (items.size() < 2) {
                    return null;
                }
                int[] first = items.get(0);
                int[] last = items.get(items.size() - 1);
                String firstStart = startOf(l, first);
                String lastStart = startOf(l, last);
                if (firstStart == null || lastStart == null || lastStart.compareTo(firstStart) <= 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(l.subList(0, first[0]));
                out.addAll(l.subList(last[0], last[1]));
                out.addAll(l.subList(first[0], last[0]));
                out.addAll(l.subList(last[1], l.size()));
                int moved = last[1] - last[0];
                return new Changed(out, startLine(l, first) + moved + 1, "phases sorted by start date",
                        p -> isSorted(p.phases()));
            }
        },
        END_BEFORE_START {
            Changed apply(List<String> l) {
                int at = firstStartLine(l);
                if (at < 0) {
                    return null;
                }
                Matcher m = start(l.get(at));
                String end = "    end: " + (Integer.parseInt(m.group(1)) - 1) + m.group(2);
                List<String> out = new ArrayList<>(l);
                int endAt = lineOf(l, phaseItems(l).get(0), "    end:");
                if (endAt >= 0) {
                    out.set(endAt, end);
                } else {
                    out.add(at + 1, end);
                    endAt = at + 1;
                }
                return new Changed(out, endAt + 1, "end date before start, duration not shown",
                        p -> !p.phases().get(0).isConsistent());
            }
        },
        LAST_PHASE_WITHOUT_START {
            Changed apply(List<String> l) {
                List<int[]> items = phaseItems(l);
                int[] last = items.isEmpty() ? null : items.get(items.size() - 1);
                int at = last == null ? -1 : startLine(l, last);
                if (at < 0 || !l.get(last[0]).startsWith("  - name:") || at == last[0]) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.remove(at);
                int count = items.size();
                return new Changed(out, last[0] + 1, "start date unknown",
                        p -> p.phases().size() == count && p.phases().get(count - 1).start() == null);
            }
        },
        SPONSOR_FILE_MISSING {
            Changed apply(List<String> l) {
                int at = firstMatch(l, SPONSOR);
                if (at < 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.set(at, l.get(at).stripTrailing() + "-disparue");
                return new Changed(out, at + 1, "shown as written, without a link", p -> true);
            }
        },
        SPONSOR_OTHER_CASE {
            Changed apply(List<String> l) {
                int at = firstMatch(l, SPONSOR);
                if (at < 0) {
                    return null;
                }
                Matcher m = SPONSOR.matcher(l.get(at));
                m.matches();
                String id = m.group(1);
                String other = id.toUpperCase(Locale.ROOT).equals(id) ? id.toLowerCase(Locale.ROOT)
                        : id.toUpperCase(Locale.ROOT);
                if (other.equals(id) || !Files.exists(corpus.resolve("_organisations/" + id + ".md"))) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.set(at, "  - /organisations/" + other);
                return new Changed(out, at + 1, "matched to organisation file " + id + ".md",
                        p -> p.sponsors().contains(id));
            }
        },
        SPONSOR_WITHOUT_FOLDER {
            Changed apply(List<String> l) {
                int at = firstMatch(l, SPONSOR);
                if (at < 0) {
                    return null;
                }
                Matcher m = SPONSOR.matcher(l.get(at));
                m.matches();
                String id = m.group(1);
                List<String> out = new ArrayList<>(l);
                out.set(at, "  - " + id);
                return Changed.silent(out, p -> p.sponsors().contains(id));
            }
        },
        IMPLAUSIBLE_YEAR {
            Changed apply(List<String> l) {
                int at = firstStartLine(l);
                if (at < 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.set(at, l.get(at).replaceFirst("\\d{4}", "2120"));
                return new Changed(out, at + 1, "year 2120 is implausible (not between 1900 and 2100): date ignored",
                        p -> !p.phases().isEmpty() && p.phases().stream().noneMatch(ph -> ph.start() != null
                                && ph.start().year() == 2120));
            }
        },
        MISSING_OPTIONAL_FIELD {
            Changed apply(List<String> l) {
                int at = firstMatch(l, Pattern.compile("^mission: .*"));
                if (at < 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.remove(at);
                return Changed.silent(out, p -> p.mission() == null);
            }
        },
        WRONG_TYPE {
            Changed apply(List<String> l) {
                int at = firstMatch(l, Pattern.compile("^title: .*"));
                if (at < 0) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                out.set(at, "title: [1, 2]");
                return new Changed(out, at + 1, "'title' must be a text, not a list: value ignored",
                        p -> !p.title().isBlank());
            }
        },
        EMPTY_LIST {
            Changed apply(List<String> l) {
                List<int[]> items = phaseItems(l);
                if (items.isEmpty()) {
                    return null;
                }
                List<String> out = new ArrayList<>(l.subList(0, items.get(0)[0] - 1));
                out.add("phases: []");
                out.addAll(l.subList(items.get(items.size() - 1)[1], l.size()));
                return Changed.silent(out, p -> p.phases().isEmpty());
            }
        },
        DATE_AS_STRING {
            Changed apply(List<String> l) {
                return firstStartWritten(l, "\"%s\"", null);
            }
        },
        DATE_AS_TIMESTAMP {
            Changed apply(List<String> l) {
                return firstStartWritten(l, "%sT09:30:00.000Z", "is a timestamp");
            }
        },
        UNKNOWN_PHASE {
            Changed apply(List<String> l) {
                List<int[]> items = phaseItems(l);
                if (items.isEmpty() || !l.get(items.get(0)[0]).startsWith("  - name:")) {
                    return null;
                }
                List<String> out = new ArrayList<>(l);
                int at = items.get(0)[0];
                out.set(at, "  - name: hibernation");
                return new Changed(out, at + 1, "unknown phase 'hibernation', shown as '" + Vocabulary.UNKNOWN_PHASE
                        + "'", p -> p.phases().get(0).label().equals(Vocabulary.UNKNOWN_PHASE));
            }
        },
        REMOVED_PHASE_FILE {
            Changed apply(List<String> l) {
                // The folder misses _phases/construction.md: its built-in label is shown (no warning, no raw id).
                if (!l.contains("  - name: " + REMOVED_PHASE)) {
                    return null;
                }
                return Changed.silent(l, p -> p.phases().stream().filter(ph -> ph.name().equals(REMOVED_PHASE))
                        .allMatch(ph -> ph.label().equals(Vocabulary.BUILT_IN.phase(REMOVED_PHASE))));
            }
        },
        DUPLICATED_KEY {
            Changed apply(List<String> l) {
                int at = firstMatch(l, Pattern.compile("^title: .*"));
                if (at < 0) {
                    return null;
                }
                // A title of its own (two products of one title would be an error of their own: metrics).
                String title = "Titre écrit deux fois " + Integer.toHexString(l.hashCode());
                List<String> out = new ArrayList<>(l);
                out.add(at + 1, "title: " + title);
                return new Changed(out, at + 2, "duplicate key 'title' (first written on line " + (at + 1)
                        + "): the value written last is used", p -> p.title().equals(title));
            }
        };

        /** The file changed, or {@code null} when this change does not apply to it. */
        abstract Changed apply(List<String> lines);
    }

    @ParameterizedTest
    @EnumSource(Change.class)
    void everyProductFileKeepsItsPageAndGetsItsWarning(Change change) throws IOException {
        Path checkout = tmp.resolve(change.name().toLowerCase(Locale.ROOT));
        Path startups = checkout.resolve("_startups");
        Files.createDirectories(startups);
        Files.createDirectories(checkout.resolve("_phases"));
        try (Stream<Path> phases = Files.list(corpus.resolve("_phases"))) {
            for (Path f : phases.toList()) {
                if (change != Change.REMOVED_PHASE_FILE || !f.getFileName().toString().equals(REMOVED_PHASE + ".md")) {
                    Files.copy(f, checkout.resolve("_phases").resolve(f.getFileName()));
                }
            }
        }
        Map<String, Changed> changed = new TreeMap<>();
        for (Path f : productFiles) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            Changed c = change.apply(lines);
            if (c != null) {
                String name = f.getFileName().toString();
                changed.put(name.substring(0, name.length() - 3), c);
                Files.write(startups.resolve(name), c.lines(), StandardCharsets.UTF_8);
            }
        }
        assertTrue(changed.size() >= productFiles.size() / 20, change + " applies to only " + changed.size()
                + " of " + productFiles.size() + " files: the corpus changed?");

        Path project = checkout.resolve("project");
        Files.createDirectories(project);
        Files.writeString(project.resolve(SiteConfig.FILE), "vitrine.betagouv.startups=" + startups
                + "\nvitrine.betagouv.organisations=" + corpus.resolve("_organisations") + "\n");
        Diagnostics diagnostics = new Diagnostics();
        Catalog catalog = new CatalogLoader().load(SiteConfig.load(project, checkout.resolve("out"), false),
                TestProject.TODAY, diagnostics);
        assertTrue(catalog != null, "errors: " + diagnostics.all().stream().filter(Diagnostic::isError).limit(5).toList());

        List<String> failures = new ArrayList<>();
        changed.forEach((id, c) -> {
            Product p = catalog.product(id);
            Path file = startups.resolve(id + ".md");
            if (p == null) {
                failures.add(id + ": no product (no page)");
                return;
            }
            if (!c.check().test(p)) {
                failures.add(id + ": product not as the change calls for: " + p.title() + " " + p.phases());
            }
            List<Diagnostic> here = diagnostics.all().stream().filter(d -> file.equals(d.file())).toList();
            if (c.warning() != null && here.stream().noneMatch(d -> d.line() == c.line()
                    && d.message().contains(c.warning()))) {
                failures.add(id + ": no warning '" + c.warning() + "' at line " + c.line() + "; got " + here);
            }
            if (c.warning() == null && here.stream().anyMatch(d -> d.isError())) {
                failures.add(id + ": errors " + here);
            }
        });
        System.out.println(change + ": " + changed.size() + " product files changed, " + failures.size() + " failures");
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " of " + changed.size()
                + " changed files");
    }

    /** The first phase's start written in another form; the same day must be read, with {@code warning} if any. */
    static Changed firstStartWritten(List<String> l, String format, String warning) {
        int at = firstStartLine(l);
        if (at < 0) {
            return null;
        }
        Matcher m = start(l.get(at));
        PartialDate day = PartialDate.parse(m.group(1) + m.group(2));
        List<String> out = new ArrayList<>(l);
        out.set(at, "    start: " + String.format(format, m.group(1) + m.group(2)));
        return new Changed(out, warning == null ? 0 : at + 1, warning,
                p -> p.phases().stream().anyMatch(ph -> day.equals(ph.start())));
    }

    /** The 0-based line of the first phase's {@code start}, or -1. */
    static int firstStartLine(List<String> l) {
        List<int[]> items = phaseItems(l);
        return items.isEmpty() ? -1 : startLine(l, items.get(0));
    }

    /** Each phase item of the front matter: [first line, line after it], 0-based. */
    static List<int[]> phaseItems(List<String> l) {
        int at = l.indexOf("phases:");
        List<int[]> items = new ArrayList<>();
        if (at < 0) {
            return items;
        }
        int i = at + 1;
        while (i < l.size() && ITEM.matcher(l.get(i)).matches()) {
            int start = i++;
            while (i < l.size() && l.get(i).startsWith("    ")) {
                i++;
            }
            items.add(new int[] {start, i});
        }
        return items;
    }

    /** The 0-based line of an item's {@code start: YYYY-MM-DD} (not its first line), or -1. */
    static int startLine(List<String> l, int[] item) {
        for (int i = item[0] + 1; i < item[1]; i++) {
            if (start(l.get(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    /** The matched {@code start: YYYY-MM-DD} line, or {@code null}. */
    static Matcher start(String line) {
        Matcher m = START.matcher(line);
        return m.matches() ? m : null;
    }

    static String startOf(List<String> l, int[] item) {
        int at = startLine(l, item);
        return at < 0 ? null : l.get(at).replaceFirst("^.*start: ", "").strip();
    }

    static int lineOf(List<String> l, int[] item, String prefix) {
        for (int i = item[0]; i < item[1]; i++) {
            if (l.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    static int firstMatch(List<String> l, Pattern p) {
        int end = l.subList(1, l.size()).indexOf("---") + 1;
        for (int i = 1; i < end; i++) {
            if (p.matcher(l.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    static boolean isSorted(List<Product.Phase> phases) {
        PartialDate last = null;
        for (Product.Phase p : phases) {
            if (p.start() != null && last != null && p.start().compareTo(last) < 0) {
                return false;
            }
            last = p.start() != null ? p.start() : last;
        }
        return true;
    }
}
