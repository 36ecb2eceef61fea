package fr.vitrine.cli;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Indicator;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.validate.Diagnostic;

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

    /** Appends the job summary (Markdown, under 1 MiB): the indicators and every problem. */
    static void summary(Path file, Catalog catalog, List<Diagnostic> all, int code) throws IOException {
        StringBuilder md = new StringBuilder();
        Product product = catalog == null || catalog.products().isEmpty() ? null : catalog.products().get(0);
        md.append("## Statistiques d'impact").append(product == null ? "" : " : " + cell(product.title())).append("\n\n");
        md.append(code == 0 ? "Page générée.\n\n" : "**Échec** : la page n'a pas été générée.\n\n");
        ProductMetrics metrics = product == null ? null : catalog.metrics(product.id());
        if (metrics != null) {
            md.append("| Indicateur | Type | Dernière valeur | Date | Cible |\n|---|---|---|---|---|\n");
            for (Indicator i : metrics.national()) {
                int last = i.measures().last();
                int target = i.targets().last();
                md.append("| ").append(cell(i.name())).append(" | ").append(i.kind().code).append(" | ")
                        .append(last < 0 ? "—" : number(i.measures().value(last)) + " " + cell(i.unit())).append(" | ")
                        .append(last < 0 ? "—" : i.measures().date(last)).append(" | ")
                        .append(target < 0 ? "—" : number(i.targets().value(target)) + " au " + i.targets().date(target))
                        .append(" |\n");
            }
            md.append('\n');
        }
        long errors = all.stream().filter(Diagnostic::isError).count();
        md.append("### Problèmes : ").append(errors).append(" erreur(s), ").append(all.size() - errors)
                .append(" avertissement(s)\n\n");
        if (!all.isEmpty()) {
            md.append("| Niveau | Fichier | Ligne | Colonne | Message |\n|---|---|---|---|---|\n");
            int shown = 0;
            for (Diagnostic d : all) {
                String row = "| " + (d.isError() ? "erreur" : "avertissement") + " | "
                        + (d.file() == null ? "—" : cell(d.displayPath())) + " | " + d.line() + " | " + d.column()
                        + " | " + cell(d.message()) + " |\n";
                if (md.length() + row.length() > MAX_SUMMARY_BYTES / 2) {
                    md.append("\n… et ").append(all.size() - shown).append(" autre(s), dans le journal de l'étape.\n");
                    break;
                }
                md.append(row);
                shown++;
            }
        }
        Files.writeString(file, md, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A Markdown table cell: no line break, pipes escaped, HTML shown as text. */
    static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }

    private static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
