package fr.vitrine.fuzz;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary folders in memory ({@code /dev/shm}) where the system has one: the fuzz tests write their input to a
 * file on every execution, and rewriting a file on disk costs ~0.4 ms here against ~0.02 ms in memory.
 */
final class MemoryTempDir implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return Files.createTempDirectory(shm, "vitrine-fuzz-");
        }
        return Files.createTempDirectory("vitrine-fuzz-");
    }
}
