package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.testing.TestProject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real texts the readers' unit tests read: the two seed conventions and the import corpus' texts. */
final class Texts {

    private Texts() {
    }

    /** A seed convention, as the repository keeps it under content/sources/ (the same files as the seeds). */
    static SignedText seed(String name) throws IOException {
        return read(TestProject.REPO.resolve("content/sources").resolve(name + ".txt"));
    }

    /** A text of import-corpus/ or import-corpus-unseen/, by its folder. */
    static SignedText corpus(String folder) throws IOException {
        Path dev = ImportEval.CORPUS.resolve(folder).resolve("text.txt");
        return read(Files.exists(dev) ? dev : ImportEval.UNSEEN.resolve(folder).resolve("text.txt"));
    }

    private static SignedText read(Path file) throws IOException {
        return SignedText.ofText(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The repository's registry (data/organisations.yml), as {@code import} reads it. */
    static List<PartyDrafts.Org> registry() throws IOException {
        return Importer.organisations(TestProject.REPO.resolve("data"));
    }

    /** A drafted value as text: "unknown" when the text did not give it. */
    static String value(Object drafted) {
        Object v = ((Value) drafted).value();
        return v == Draft.UNKNOWN ? "unknown" : v == Draft.ABSENT ? "absent" : String.valueOf(v);
    }

    /** The comment of a drafted value: where it was read, or why it is unknown. */
    static String comment(Object drafted) {
        return ((Value) drafted).comment();
    }
}
