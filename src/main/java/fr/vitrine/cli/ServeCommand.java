package fr.vitrine.cli;

import fr.vitrine.build.Build;
import fr.vitrine.diagnostics.Console;
import fr.vitrine.serve.Serve;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vitrine serve}. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Build the site, serve it, and rebuild it when a source changes: open pages reload by themselves "
                + "and show the sources' errors (path:line:column) over the last good site until they are fixed.",
                "Ctrl-C stops it. Nothing is written to the project: the site is built in a temporary folder."})
public final class ServeCommand implements Callable<Integer> {

    @CommandLine.Mixin
    Main.SourceOptions sources = new Main.SourceOptions();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--host", paramLabel = "NAME", description = "With --bind on a network address: a name the "
            + "server may be asked for besides localhost and its addresses (repeatable); requests naming any other "
            + "host are refused, against DNS rebinding.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--open", description = "Open the site in the default browser.")
    boolean open;

    @Override
    public Integer call() {
        PrintStream out = Console.of(System.out);
        PrintStream err = Console.of(System.err);
        Serve serve;
        try {
            serve = Serve.start(new Serve.Options(sources.source, bind, port, open, hosts), out, err);
        } catch (Serve.UsageException e) {
            err.println("vitrine: " + e.getMessage());
            return Build.USAGE;
        } catch (IOException e) {
            err.println("vitrine: cannot serve: " + e.getMessage());
            return Build.INVALID_INPUT;
        }
        Thread hook = new Thread(() -> {
            serve.close();
            out.println("Stopped.");
        }, "vitrine-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            serve.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Build.OK;
    }
}
