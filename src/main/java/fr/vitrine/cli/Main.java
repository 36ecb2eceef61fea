package fr.vitrine.cli;

import fr.vitrine.build.Build;
import fr.vitrine.build.StatsSite;
import fr.vitrine.build.Version;
import fr.vitrine.diagnostics.Console;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Exit;
import fr.vitrine.publish.DataGouvApi;
import fr.vitrine.publish.Publisher;
import fr.vitrine.read.OlderImpactSchemas;
import fr.vitrine.read.SiteConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The {@code vitrine} command line. */
@Command(name = "vitrine", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Static open-data site generator for funding conventions and impact metrics.",
        subcommands = {Main.InitCommand.class, Main.BuildCommand.class, Main.CheckCommand.class, Main.LinksCommand.class,
                Main.StatsCommand.class, Main.PublishCommand.class, Main.ImportCommand.class, Main.EvidenceCommand.class,
                ServeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:invalid input (every problem is printed as path:line:column)",
                "2:usage error"})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExitCodeExceptionMapper(e -> Build.USAGE)
                .execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return Build.USAGE;
    }

    /** Standard output, cleaned of control characters (see {@link Console}). */
    static PrintStream out() {
        return Console.of(System.out);
    }

    /** Standard error, cleaned of control characters. */
    static PrintStream err() {
        return Console.of(System.err);
    }

    /**
     * A build whose diagnostics are printed, under GitHub Actions, inside a stop-commands block and then as
     * annotations ({@link GitHubReport}), so that no file name or value can issue a workflow command.
     */
    static Build build(Map<String, String> env) {
        Build build = new Build(out(), err());
        if (GitHubReport.active(env)) {
            build.printing(new GitHubReport(out())::print);
        }
        return build;
    }

    public static class SourceOptions {
        @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
                description = "Project folder holding content/, data/ and optionally jbake.properties and site-templates/ (default: ${DEFAULT-VALUE}).")
        public Path source;
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Validate the sources and write the site; the previous site is replaced only on success.")
    static final class BuildCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Option(names = "--output", paramLabel = "DIR",
                description = "Where to write the site (default: output/ in the project folder).")
        Path output;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "Public address of the site, used in the sitemap, feed and canonical links (default: site.host in jbake.properties).")
        String baseUrl;

        @Option(names = "--timings", description = "Print how long each stage of the build took.")
        boolean timings;

        @Option(names = "--fail-on-warnings", description = "Fail (exit 1, no site written) when there are warnings, "
                + "not only errors (also the setting " + Build.FAIL_ON_WARNINGS + "=true).")
        boolean failOnWarnings;

        @Option(names = "--for-disk", description = "Link to each folder's index.html, so the site works opened from "
                + "the disk (file://) without a web server; not for publishing (also the setting vitrine.links=files).")
        boolean forDisk;

        @Override
        public Integer call() {
            Build build = build(System.getenv());
            return (forDisk ? build.forDisk() : build).run(new Build.Options(sources.source, output, baseUrl, false, timings, null,
                    failOnWarnings));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate every source and report all problems, without writing anything.")
    static final class CheckCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Override
        public Integer call() {
            return build(System.getenv()).run(new Build.Options(sources.source, null, null, true));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Draft content/conventions/<id>.md from a signed text (.txt, .md or .pdf with a text layer): "
                    + "every value found with the line it comes from, 'unknown' otherwise; never overwrites a file.")
    static final class ImportCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @CommandLine.Parameters(paramLabel = "FILE", description = "The signed text.")
        Path file;

        @Option(names = "--id", paramLabel = "ID", description = "The record's id and file name (default: from FILE's name).")
        String id;

        @Override
        public Integer call() {
            return new fr.vitrine.importer.Importer(out(), err(), new Build(out(), err())::check)
                    .run(sources.source, file, id);
        }
    }

    @Command(name = "evidence", mixinStandardHelpOptions = true,
            description = "Fetch every evidence address the product files give (https only, robots.txt honoured, "
                    + "bounded in time and size) and write data/evidence.json, which 'build' reads without going "
                    + "online. Addresses checked today are not fetched again unless --force.")
    static final class EvidenceCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Option(names = "--force", description = "Check again the addresses already checked today.")
        boolean force;

        @Override
        public Integer call() {
            return fr.vitrine.evidence.Evidence.of(Version.get(), Version.repository().orElse(null), out())
                    .command(sources.source, force, err());
        }
    }

    @Command(name = "links", mixinStandardHelpOptions = true,
            description = "Check a built site's internal links and #fragments, and list its external links with the "
                    + "pages using them (they are not fetched).")
    static final class LinksCommand implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "SITE", defaultValue = "output", description = "The built site (default: ${DEFAULT-VALUE}).")
        Path site;

        @Override
        public Integer call() {
            PrintStream out = out();
            if (!java.nio.file.Files.isDirectory(site)) {
                err().println("vitrine: no site at " + site + "; run 'vitrine build' first");
                return Build.USAGE;
            }
            fr.vitrine.check.LinkCheck.Report report = fr.vitrine.check.LinkCheck.run(site);
            boolean github = GitHubReport.active(System.getenv());
            // Addresses come from the pages: under GitHub Actions they are listed with commands stopped.
            PrintStream problems = github ? out : err();
            Runnable list = () -> {
                report.broken().forEach(b -> problems.println("broken link: " + b));
                out.printf("%s; %d broken internal link(s), %d external address(es):%n", report.summary(),
                        report.broken().size(), report.external().size());
                report.external().forEach((url, pages) -> out.println(url + "\t" + pages.size() + " page(s): "
                        + String.join(", ", pages.stream().limit(3).toList()) + (pages.size() > 3 ? ", …" : "")));
            };
            if (github) {
                new GitHubReport(out).withoutCommands(list);
            } else {
                list.run();
            }
            return report.broken().isEmpty() ? Build.OK : Build.INVALID_INPUT;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"Build a product team's /stats site from impact CSVs (schema impact-service-public-numerique): "
                    + "the page at the site's root, the normalised CSV and JSON and a datapackage.json under donnees/.",
                    "Inside GitHub Actions (GITHUB_ACTIONS=true), problems are annotations on the cells, and a job "
                            + "summary and step outputs are written."})
    static final class StatsCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Option(names = "--metrics", paramLabel = "GLOB",
                description = "Impact CSV file or glob (e.g. 'stats/**/*.csv'), relative to the working directory; repeatable.")
        List<String> metrics;

        @Option(names = "--upgrade", paramLabel = "FILE", description = "Write FILE-0.5.0.csv beside an impact CSV of "
                + "an older schema version (0.1 to 0.4), in schema 0.5.0, leaving empty only what the file cannot say.")
        Path upgrade;

        /** {@code --upgrade FILE}: an older impact CSV copied into schema 0.5.0 ({@link OlderImpactSchemas}). */
        private int upgrade(Path file) {
            if (!Files.isRegularFile(file)) {
                err().println("vitrine: " + file + ": no such file");
                return Exit.USAGE;
            }
            try {
                OlderImpactSchemas.Upgrade u = OlderImpactSchemas.upgrade(file);
                PrintStream out = out();
                out.println("Wrote " + u.written() + " (" + u.rows() + " row(s)) in schema 0.5.0.");
                u.notes().forEach(n -> out.println("  " + n));
                if (u.toFill().isEmpty()) {
                    out.println("Check it with: vitrine stats --metrics " + u.written());
                } else {
                    out.println("Only your team can fill these columns, left empty in every row:");
                    u.toFill().forEach(c -> out.println("  " + c + ": " + OlderImpactSchemas.holds(c)));
                    out.println("then check it with: vitrine stats --metrics " + u.written());
                }
                return Exit.OK;
            } catch (IOException e) {
                err().println("vitrine: cannot upgrade " + file + ": " + e.getMessage());
                return Exit.INVALID_INPUT;
            }
        }

        @Option(names = "--product", paramLabel = "NAME", description = "Name shown on the page (default: the service name in the files).")
        String product;

        @Option(names = "--output", paramLabel = "DIR", defaultValue = "_site", description = "Where to write the site (default: ${DEFAULT-VALUE}).")
        Path output;

        @Option(names = "--base-url", paramLabel = "URL", description = "Public address of the site.")
        String baseUrl;

        @Option(names = "--fail-on-warnings", description = "Fail (exit 1) when there are warnings, not only errors.")
        boolean failOnWarnings;

        @Override
        public Integer call() {
            if (upgrade != null) {
                return upgrade(upgrade);
            }
            if (metrics == null || metrics.isEmpty()) {
                err().println("vitrine: stats needs --metrics GLOB (or --upgrade FILE)");
                return Exit.USAGE;
            }
            Map<String, String> env = System.getenv();
            boolean github = GitHubReport.active(env);
            Build build = build(env);
            Build.Result result = build.runDetailed(new Build.Options(sources.source, output.toAbsolutePath(), baseUrl,
                    false, false, new StatsSite.Request(metrics, product, failOnWarnings)));
            if (github) {
                try {
                    long errors = result.diagnostics().count(Diagnostic.Severity.ERROR);
                    long warnings = result.diagnostics().count(Diagnostic.Severity.WARNING);
                    if (env.get("GITHUB_OUTPUT") != null) {
                        Map<String, String> outputs = new LinkedHashMap<>();
                        outputs.put("site-dir", result.output() == null ? "" : result.output().toString());
                        outputs.put("dataset", result.output() == null ? ""
                                : result.output().resolve("donnees/indicateurs.csv").toString());
                        outputs.put("errors", Long.toString(errors));
                        outputs.put("warnings", Long.toString(warnings));
                        GitHubReport.outputs(Path.of(env.get("GITHUB_OUTPUT")), outputs);
                    }
                    if (env.get("GITHUB_STEP_SUMMARY") != null) {
                        GitHubReport.summary(Path.of(env.get("GITHUB_STEP_SUMMARY")), result.catalog(),
                                result.diagnostics().all(), result.code());
                    }
                } catch (IOException e) {
                    err().println("vitrine: cannot write the GitHub step files: " + e.getMessage());
                }
            }
            return result.code();
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Publish the built datasets on data.gouv.fr: create the dataset the first time, then upload "
                    + "only changed files. The API key is read from the environment variable " + Publisher.API_KEY_ENV + ".",
                    "A failed run undoes its changes."})
    static final class PublishCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Option(names = "--output", paramLabel = "DIR",
                description = "The built site (default: output/ in the project folder, or _site without a project).")
        Path output;

        @Option(names = "--api", paramLabel = "URL",
                description = "API root, https (default: vitrine.datagouv.api, else https://www.data.gouv.fr/api/1; demo: https://demo.data.gouv.fr/api/1).")
        String api;

        @Option(names = "--dataset", paramLabel = "ID", description = "Id or slug of the dataset to update (default: vitrine.datagouv.dataset, else the one this tool created, found by its extras).")
        String dataset;

        @Option(names = "--organization", paramLabel = "ID", description = "Organisation owning the dataset (default: vitrine.datagouv.organization).")
        String organization;

        @Option(names = "--dry-run", description = "Print the requests that would change data.gouv.fr, without sending them.")
        boolean dryRun;

        @Override
        public Integer call() {
            // The project's settings when there is one; a team's /stats site is published with flags only.
            SiteConfig config = null;
            if (SiteConfig.isProject(sources.source)) {
                config = new Build(out(), err()).config(new Build.Options(sources.source, output, null, false));
                if (config == null) {
                    return Build.USAGE;
                }
            }
            Path site = config != null ? config.jbake().getDestinationFolder().toPath()
                    : output != null ? output : Path.of("_site");
            String key = System.getenv(Publisher.API_KEY_ENV);
            if ((key == null || key.isBlank()) && !dryRun) {
                err().println("vitrine: set the environment variable " + Publisher.API_KEY_ENV
                        + " to your data.gouv.fr API key (or use --dry-run)");
                return Build.USAGE;
            }
            String base = api != null ? api : setting(config, "vitrine.datagouv.api", "https://www.data.gouv.fr/api/1");
            Publisher.Options options = new Publisher.Options(site,
                    dataset != null ? dataset : setting(config, "vitrine.datagouv.dataset", null),
                    organization != null ? organization : setting(config, "vitrine.datagouv.organization", null),
                    dryRun);
            try {
                new Publisher(new DataGouvApi(base, key), out()).publish(options);
                return Build.OK;
            } catch (DataGouvApi.UsageException e) {
                err().println("vitrine: " + e.getMessage());
                return Build.USAGE;
            } catch (IOException e) {
                err().println("vitrine: " + e.getMessage());
                return Build.INVALID_INPUT;
            }
        }

        private static String setting(SiteConfig config, String key, String fallback) {
            return config == null ? fallback : config.string(key, fallback);
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Write a minimal project that builds at once into a new or empty folder: for a programme, one "
                    + "example convention, organisation and product with comments on each field and the GitHub Pages "
                    + "workflow; for a product team, an example impact CSV and the workflow using the /stats Action."})
    static final class InitCommand implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "DIR", defaultValue = ".", description = "The folder (default: the current one).")
        Path dir;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "programme",
                description = "programme or team (default: ${DEFAULT-VALUE}).")
        Init.Kind kind;

        @Option(names = "--release", paramLabel = "X.Y.Z",
                description = "The Vitrine release the workflow downloads (default: this jar's, if it is a release).")
        String release;

        @Option(names = "--repository", paramLabel = "OWNER/NAME",
                description = "The GitHub repository publishing that release (default: the one this jar was built for).")
        String repository;

        @Override
        public Integer call() {
            try {
                Optional<Init.Release> named = Init.Release.resolve(release, repository);
                List<Path> files = Init.write(dir, kind, named);
                files.forEach(f -> out().println("  " + f));
                out().println("Project written to " + dir.toAbsolutePath().normalize() + " (" + files.size()
                        + " files). Next: " + (kind == Init.Kind.programme
                        ? "vitrine build --source " + dir + ", then edit the examples."
                        : "vitrine stats --metrics 'stats/*.csv' in that folder, then replace the example rows."));
                named.ifPresentOrElse(
                        r -> out().println("The workflow in " + Init.WORKFLOWS + " uses Vitrine " + r.version()
                                + " from github.com/" + r.repository() + "."),
                        () -> out().println("No workflow written: this Vitrine (" + Version.get() + ") was not built as a "
                                + "release, so no workflow could download it. Run init with a released "
                                + "vitrine.jar, or give --release X.Y.Z --repository OWNER/NAME."));
                return Build.OK;
            } catch (IllegalArgumentException e) {
                err().println("vitrine: " + e.getMessage());
                return Build.USAGE;
            } catch (IOException e) {
                err().println("vitrine: cannot write " + dir + ": " + e.getMessage());
                return Build.INVALID_INPUT;
            }
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vitrine " + Version.get() + " (commit " + Version.commit() + ")"};
        }
    }
}
