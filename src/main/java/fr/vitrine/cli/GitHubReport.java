package fr.vitrine.cli;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Indicator;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reports a run the way GitHub Actions shows it: workflow-command annotations on the exact cells (at most nine of
 * each kind, GitHub shows ten per step, then one notice with the full count), the whole list inside
 * {@code ::stop-commands::} so user data can't issue commands, a job summary and step outputs.
 */
final class GitHubReport {

    static final int MAX_ANNOTATIONS = 9;
    static final int MAX_SUMMARY_BYTES = 1_000_000;

    private final PrintStream out;

    GitHubReport(PrintStream out) {
        this.out = out;
    }

    /** True when running inside GitHub Actions. */
    static boolean active(Map<String, String> env) {
        return "true".equals(env.get("GITHUB_ACTIONS"));
    }

    /** Prints every diagnostic as plain text with commands stopped, then the annotations and the count notice. */
    void print(List<Diagnostic> all) {
        if (all.isEmpty()) {
            return;
        }
        withoutCommands(() -> all.forEach(out::println));
        long errors = all.stream().filter(Diagnostic::isError).count();
        long warnings = all.size() - errors;
        all.stream().filter(Diagnostic::isError).limit(MAX_ANNOTATIONS).forEach(d -> out.println(annotation(d)));
        all.stream().filter(d -> !d.isError()).limit(MAX_ANNOTATIONS).forEach(d -> out.println(annotation(d)));
        if (errors > MAX_ANNOTATIONS || warnings > MAX_ANNOTATIONS) {
            out.println("::notice title=Vitrine::" + escapeData(errors + " error(s) and " + warnings
                    + " warning(s) in total; only the first " + MAX_ANNOTATIONS
                    + " of each are annotated. All are listed in the job summary and the log above."));
        }
    }

    /** Runs {@code body}, whose output GitHub reads as plain text: no line of it can issue a workflow command. */
    void withoutCommands(Runnable body) {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        out.println("::stop-commands::" + token);
        body.run();
        out.println("::" + token + "::");
    }

    static String annotation(Diagnostic d) {
        StringBuilder sb = new StringBuilder("::").append(d.isError() ? "error" : "warning");
        if (d.file() != null) {
            sb.append(" file=").append(escapeProperty(d.displayPath()));
            if (d.line() > 0) {
                sb.append(",line=").append(d.line());
            }
            if (d.column() > 0) {
                sb.append(",col=").append(d.column());
            }
        }
        return sb.append("::").append(escapeData(d.message())).toString();
    }

    /** Escaping of a command's message: '%', CR and LF. */
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escaping of a command's property values: also ':' and ','. */
    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** Appends {@code name=value} lines to the file named by GITHUB_OUTPUT. */
    static void outputs(Path file, Map<String, String> values) throws IOException {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ").replace("\r", " ")).append('\n'));
        Files.writeString(file, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Appends the job summary: the indicators and every problem, as Markdown whose user text is inert (see
     * {@link #cell}), in at most {@link #MAX_SUMMARY_BYTES} bytes of UTF-8 (GitHub refuses a step summary over
     * 1 MiB). When the tables do not fit, a line says how many rows were left out and where they are.
     */
    static void summary(Path file, Catalog catalog, List<Diagnostic> all, int code) throws IOException {
        Budget md = new Budget(MAX_SUMMARY_BYTES);
        Product product = catalog == null || catalog.products().isEmpty() ? null : catalog.products().get(0);
        md.add("## Statistiques d'impact" + (product == null ? "" : " : " + cell(product.title())) + "\n\n");
        md.add(code == 0 ? "Page générée.\n\n" : "**Échec** : la page n'a pas été générée.\n\n");
        ProductMetrics metrics = product == null ? null : catalog.metrics(product.id());
        long errors = all.stream().filter(Diagnostic::isError).count();
        String problems = "### Problèmes : " + errors + " erreur(s), " + (all.size() - errors) + " avertissement(s)\n\n";
        if (metrics != null) {
            List<Indicator> national = metrics.national();
            md.add("| Indicateur | Type | Dernière valeur | Date | Cible |\n|---|---|---|---|---|\n");
            // The indicators take at most half of what is left, so the problems always get their share.
            long stop = md.used() + (md.left() - problems.length() - TAIL) / 2;
            int shown = 0;
            for (Indicator i : national) {
                int last = i.measures().last();
                int target = i.targets().last();
                String row = "| " + cell(i.name()) + " | " + i.kind().code + " | "
                        + (last < 0 ? "—" : number(i.measures().value(last)) + " " + cell(i.unit())) + " | "
                        + (last < 0 ? "—" : i.measures().date(last)) + " | "
                        + (target < 0 ? "—" : number(i.targets().value(target)) + " au " + i.targets().date(target))
                        + " |\n";
                if (!md.fits(row, stop)) {
                    break;
                }
                md.add(row);
                shown++;
            }
            if (shown < national.size()) {
                md.add("\n… et " + (national.size() - shown) + " autre(s) indicateur(s), non affiché(s) ici pour "
                        + "rester sous la taille maximale d'un résumé : tous sont dans donnees/indicateurs.csv.\n");
            }
            md.add("\n");
        }
        md.add(problems);
        if (!all.isEmpty()) {
            md.add("| Niveau | Fichier | Ligne | Colonne | Message |\n|---|---|---|---|---|\n");
            int shown = 0;
            for (Diagnostic d : all) {
                String row = "| " + (d.isError() ? "erreur" : "avertissement") + " | "
                        + (d.file() == null ? "—" : cell(d.displayPath())) + " | " + d.line() + " | " + d.column()
                        + " | " + cell(d.message()) + " |\n";
                if (!md.fits(row, md.limit - TAIL)) {
                    md.add("\n… et " + (all.size() - shown) + " autre(s) problème(s), dans le journal de l'étape.\n");
                    break;
                }
                md.add(row);
                shown++;
            }
        }
        Files.writeString(file, md.text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Characters that mean something inside a line of GitHub Markdown (CommonMark, GFM, math, mentions). */
    private static final String MARKDOWN = "\\`*_{}[]()<>#!|~&$:@";

    /** Room kept for the line that says what was left out. */
    private static final int TAIL = 200;

    /** Markdown being written, counted in UTF-8 bytes. */
    private static final class Budget {
        final StringBuilder text = new StringBuilder();
        final long limit;
        long bytes;

        Budget(long limit) {
            this.limit = limit;
        }

        void add(String s) {
            text.append(s);
            bytes += utf8Length(s);
        }

        boolean fits(String s, long until) {
            return bytes + utf8Length(s) <= until;
        }

        long used() {
            return bytes;
        }

        long left() {
            return limit - bytes;
        }

        private static long utf8Length(String s) {
            long n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            }
            return n;
        }
    }

    /**
     * User text in a Markdown table cell, inert: every character with a meaning inside a line of GitHub's Markdown
     * is backslash-escaped (no link, image, emphasis, code, math, HTML tag or entity, mention, table pipe), line
     * breaks become spaces, control and bidirectional characters go, and a zero-width space breaks what GitHub
     * would turn into a link by itself ({@code https://}, {@code www.}).
     */
    static String cell(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                sb.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069')) {
                continue;
            } else if (MARKDOWN.indexOf(c) >= 0) {
                sb.append('\\').append(c);
                if (c == ':' && s.startsWith("//", i + 1)) {
                    sb.append('\u200B');
                }
            } else {
                sb.append(c);
                if ((c == 'w' || c == 'W') && s.regionMatches(true, i - 2, "www.", 0, 4)) {
                    sb.append('\u200B');
                }
            }
        }
        return sb.toString();
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
