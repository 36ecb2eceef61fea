package fr.vitrine.publish;

import fr.vitrine.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Everything a publish test saw printed (stdout, stderr) or thrown (messages and stack traces, causes included), to
 * check after each test that the API key appears in none of it; and the command line, run with its outputs kept.
 */
final class Printed {

    /** Exit code and what {@code vitrine} printed. */
    record Run(int code, String out, String err) {
    }

    private final StringBuilder all = new StringBuilder();

    synchronized String add(String text) {
        all.append(text).append('\n');
        return text;
    }

    synchronized <T extends Throwable> T add(T thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        all.append(trace).append('\n');
        return thrown;
    }

    /** Fails if any output holds {@code key} (or the key without its surrounding blanks). */
    synchronized void assertNoKey(String key) {
        String text = all.toString();
        assertFalse(text.contains(key), "the API key was printed");
        assertFalse(text.contains(key.strip()), "the API key was printed");
    }

    synchronized boolean isEmpty() {
        return all.isEmpty();
    }

    /** Runs {@code vitrine args}, keeping what it prints; a stack trace fails the test. */
    Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            Run run = new Run(code, add(out.toString(StandardCharsets.UTF_8)), add(err.toString(StandardCharsets.UTF_8)));
            assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
            return run;
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
