package fr.vitrine.cli;

import fr.vitrine.build.Version;
import fr.vitrine.read.BuiltIn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code vitrine init}: writes a minimal project that builds at once, from the examples the jar carries. */
final class Init {

    /** What the project is for: a programme's convention site, or a product team's /stats page. */
    enum Kind { programme, team }

    /** Where the example workflows sit; written only when they can name a real release. */
    static final Path WORKFLOWS = Path.of(".github", "workflows");

    /** The Vitrine release a project's workflow downloads: its version and the GitHub repository publishing it. */
    record Release(String version, String repository) {

        /**
         * The release named by the options, else the one this jar was built as; empty for a development build given
         * neither (its workflow would name no release that exists).
         */
        static Optional<Release> resolve(String version, String repository) {
            if (version != null && !Version.RELEASE.matcher(version.replaceFirst("^v", "")).matches()) {
                throw new IllegalArgumentException("--release " + version + ": name a released version, as 1.2.0");
            }
            if (repository != null && !Version.REPOSITORY.matcher(repository).matches()) {
                throw new IllegalArgumentException("--repository " + repository
                        + ": name a GitHub repository as owner/name, as etalab/vitrine");
            }
            Optional<String> v = Optional.ofNullable(version).map(x -> x.replaceFirst("^v", "")).or(Version::release);
            Optional<String> r = Optional.ofNullable(repository).or(Version::repository);
            if (v.isPresent() != r.isPresent() && (version != null || repository != null)) {
                throw new IllegalArgumentException("this Vitrine is a development build: give both --release and "
                        + "--repository, the release its workflow downloads and the repository publishing it");
            }
            return v.isPresent() && r.isPresent() ? Optional.of(new Release(v.get(), r.get())) : Optional.empty();
        }
    }

    private Init() {
    }

    /**
     * Writes the example project into {@code dir} (created if needed); returns the files written, relative. Without a
     * release, the workflows are left out rather than written with a placeholder.
     */
    static List<Path> write(Path dir, Kind kind, Optional<Release> release) throws IOException {
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
            if (release.isEmpty() && rel.startsWith(WORKFLOWS)) {
                continue;
            }
            Path to = dir.resolve(rel);
            Files.createDirectories(to.getParent());
            String text = Files.readString(f, StandardCharsets.UTF_8)
                    .replace("@VERSION@", release.map(Release::version).orElse(""))
                    .replace("@REPOSITORY@", release.map(Release::repository).orElse(""));
            Files.writeString(to, text, StandardCharsets.UTF_8);
            written.add(rel);
        }
        return written;
    }
}
