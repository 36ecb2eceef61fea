package fr.vitrine.cli;

import fr.vitrine.Build;
import fr.vitrine.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The {@code vitrine} command line. */
@Command(name = "vitrine", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Static open-data site generator for funding conventions and impact metrics.",
        subcommands = {Main.BuildCommand.class, Main.CheckCommand.class, CommandLine.HelpCommand.class},
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

    static class SourceOptions {
        @Option(names = "--source", paramLabel = "DIR", defaultValue = ".",
                description = "Project folder holding jbake.properties, content/, data/ and site-templates/ (default: ${DEFAULT-VALUE}).")
        Path source;
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

        @Override
        public Integer call() {
            return new Build(System.out, System.err)
                    .run(new Build.Options(sources.source, output, baseUrl, false, timings));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate every source and report all problems, without writing anything.")
    static final class CheckCommand implements Callable<Integer> {
        @CommandLine.Mixin
        SourceOptions sources = new SourceOptions();

        @Override
        public Integer call() {
            return new Build(System.out, System.err).run(new Build.Options(sources.source, null, null, true));
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vitrine " + Version.get()};
        }
    }
}
