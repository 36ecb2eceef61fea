import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For bench/compare: loads and initialises the classes named in a file (one per line), in order, and does nothing
 * else. Timed on the classes a build of the bundled site loads, it is the least such a build can take in a fresh JVM
 * before doing any work. Names that can't be loaded this way (generated classes) are skipped.
 *
 * <p>Usage: java -cp target/vitrine.jar:CLASSES Classes NAMES
 */
public final class Classes {
    public static void main(String[] args) throws IOException {
        ClassLoader loader = Classes.class.getClassLoader();
        for (String name : Files.readAllLines(Path.of(args[0]))) {
            try {
                Class.forName(name, true, loader);
            } catch (ReflectiveOperationException | LinkageError e) {
                // a generated class, or one whose initialiser needs the program's state: not counted
            }
        }
    }
}
