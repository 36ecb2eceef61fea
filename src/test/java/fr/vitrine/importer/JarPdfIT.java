package fr.vitrine.importer;

import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.TestProject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jar, as shipped (without the character maps of Chinese, Japanese and Korean fonts), reads a PDF written as word
 * processors write French text: an embedded font in the Identity-H encoding with a ToUnicode map.
 */
class JarPdfIT {

    @TempDir
    Path dir;

    @Test
    void theShippedJarImportsAFrenchPdfInAnEmbeddedFont() throws Exception {
        Path jar = TestProject.REPO.resolve("target/vitrine.jar");
        assertTrue(Files.isRegularFile(jar), "no jar: the package phase comes before this test");
        TestProject project = TestProject.copyOfRepository(dir);
        Path pdf = dir.resolve("convention.pdf");
        List<String> lines = List.of("CONVENTION DE PARTENARIAT", "",
                "Entre la Direction interministérielle du numérique (DINUM) et le Cerema,", "",
                "Article 1 : Objet", "La présente convention définit les modalités de financement du service.", "",
                "Article 2 : Durée", "Elle prend effet à la date de sa signature, pour une durée de douze mois.", "",
                "Fait à Paris, le 5 mars 2024");
        Pdfs.writeEmbedded(pdf, lines);
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            org.apache.pdfbox.pdmodel.PDResources resources = doc.getPage(0).getResources();
            org.apache.pdfbox.cos.COSName name = resources.getFontNames().iterator().next();
            assertEquals("Identity-H", resources.getFont(name).getCOSObject()
                    .getNameAsString(org.apache.pdfbox.cos.COSName.ENCODING), "the font's encoding");
        }

        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "import", "--source", project.root().toString(),
                "--id", "essai-pdf", pdf.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "import did not end");
        assertEquals(0, p.exitValue(), out);
        String draft = project.read("content/conventions/essai-pdf.md");
        assertTrue(draft.contains("Direction interministérielle du numérique"), draft);
        assertTrue(draft.contains("## Article 2 : Durée"), draft);
        assertTrue(draft.contains("Elle prend effet à la date de sa signature"), draft);
    }
}
