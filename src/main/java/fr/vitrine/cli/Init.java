package fr.vitrine.cli;

import fr.vitrine.Version;
import fr.vitrine.read.BuiltIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** {@code vitrine init}: writes a minimal project that builds at once, from the examples the jar carries. */
final class Init {

    /** What the project is for: a programme's convention site, or a product team's /stats page. */
    enum Kind { programme, team }

    private Init() {
    }

    /** Writes the example project into {@code dir} (created if needed); returns the files written, relative. */
    static List<Path> write(Path dir, Kind kind) throws IOException {
        if (Files.isSymbolicLink(dir) && !Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " is a link to " + Files.readSymbolicLink(dir) + ", which does not "
                    + "exist: create that folder first, or name a new or empty folder (nothing was written)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file: name a new or empty folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(dir + " is not empty: name a new or empty folder (nothing was written)");
                }
            }
        }
        Path from = BuiltIn.root().resolve("init").resolve(kind.name());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> written = new ArrayList<>();
        for (Path f : files) {
            Path rel = Path.of(from.relativize(f).toString());
            Path to = dir.resolve(rel);
            Files.createDirectories(to.getParent());
            String text = Files.readString(f, StandardCharsets.UTF_8)
                    .replace("@VERSION@", Version.get())
                    .replace("@REPOSITORY@", Version.repository());
            Files.writeString(to, text, StandardCharsets.UTF_8);
            written.add(rel);
        }
        return written;
    }
}
