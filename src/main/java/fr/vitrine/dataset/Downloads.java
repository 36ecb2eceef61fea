package fr.vitrine.dataset;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.PackedText;
import fr.vitrine.model.Text;
import fr.vitrine.model.Urls;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.TextFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files offered beside the pages: each convention's record (JSON), its Markdown and its source text, as the
 * privacy check left them. Each product's impact rows, beside its /stats page, are written with the consolidated
 * indicators in one pass over the impact CSVs ({@link OpenData}).
 */
public final class Downloads {

    private Downloads() {
    }

    /** Site path of a product's impact rows, beside its /stats page. */
    public static String statsCsv(String productId) {
        String address = Text.address(productId);
        return "/produits/" + address + "/stats/" + address + "-statistiques-impact.csv";
    }

    /**
     * Writes every download of the catalog under the site folder {@code out}, conventions in parallel: creating
     * thousands of small files is mostly the system's work, which one thread would do alone.
     */
    public static void write(Catalog catalog, SiteConfig config, Path out) {
        catalog.conventions().parallelStream().forEach(c -> write(c, catalog, config, out));
    }

    /** Writes the downloads of one convention (its record, its text, its original text) under {@code out}. */
    public static void write(Convention c, Catalog catalog, SiteConfig config, Path out) {
        Path dir = out.resolve("conventions").resolve(c.id());
        TextFile.writeUtf8(dir.resolve(c.id() + ".json"), RecordJson.write(RecordJson.convention(c, catalog)));
        try {
            // The privacy check's redacted texts, when it masked something (fr.vitrine.privacy.PrivacyCheck).
            if (c.hasText()) {
                publish(c.file(), c.published().markdown(), dir.resolve(c.id() + ".md"));
            }
            if (c.source().text() != null) {
                Path text = config.contentFolder().resolve(c.source().text());
                publish(text, c.published().sourceText(), dir.resolve(text.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code redacted} when there is one, else copies the file as it is. */
    private static void publish(Path file, PackedText redacted, Path target) throws IOException {
        if (redacted != null) {
            TextFile.write(target, redacted.utf8());
        } else {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
