package fr.vitrine.publish;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Everything a publish test saw printed (stdout, stderr) or thrown (messages and stack traces, causes included), to
 * check after each test that the API key appears in none of it.
 */
final class Printed {

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
}
