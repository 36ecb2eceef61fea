package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits of {@link PdfText} on hostile PDFs made here, small on disk: each is refused with a message naming the
 * limit, in bounded time, and « no text layer » is said only of a PDF whose pages hold no text. (The same PDFs through
 * the command line under a small heap: HostileBuildTest.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PdfTextTest {

    @TempDir
    Path dir;

    private String refusal(Path pdf, PdfText.Limits limits) {
        long started = System.nanoTime();
        PdfText.Unreadable e = assertThrows(PdfText.Unreadable.class, () -> PdfText.pages(pdf, limits));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(seconds < 20, "refused in " + seconds + " s");
        return e.getMessage();
    }

    /** 17 MB of text operators in a 60 KB file: before, extraction ran for minutes at 2 to 4 GB. */
    @Test
    void aSmallPdfWhoseStreamInflatesToSeventeenMegabytesIsRefused() throws IOException {
        Path pdf = dir.resolve("bomb.pdf");
        Pdfs.inflating(pdf, 17 << 20);
        assertTrue(Files.size(pdf) < 100_000, Files.size(pdf) + " bytes");
        assertEquals("page 1 holds over 100\u202F000 characters (a page of text holds about 5 000): a PDF built to "
                + "exhaust memory", refusal(pdf, PdfText.Limits.DEFAULT));
        // Within a project's lower inflation limit, refused before PDFBox decodes it.
        assertEquals("its compressed streams inflate to over 8 MB, the limit (vitrine.pdf.max_inflated_mb in "
                + "jbake.properties): a PDF built to exhaust memory, or one to extract another way",
                refusal(pdf, new PdfText.Limits(8 << 20, 2_000_000, 1_000)));
    }

    @Test
    void theTextAndPageLimitsAreNamed() {
        Path pdf = dir.resolve("three-pages.pdf");
        List<String> page = java.util.Collections.nCopies(40, "Article 1 : objet de la convention de partenariat");
        Pdfs.write(pdf, List.of(page, page, page));
        String text = refusal(pdf, new PdfText.Limits(64 << 20, 3_000, 1_000));
        assertTrue(text.startsWith("its text is over 3\u202F000 characters, the limit (vitrine.pdf.max_characters in "
                + "jbake.properties)"), text);
        assertEquals("it has 3 pages, over the limit of 2 (vitrine.pdf.max_pages in jbake.properties)",
                refusal(pdf, new PdfText.Limits(64 << 20, 2_000_000, 2)));
    }

    /** Before: hundreds of lines of PDFBox stack trace, then « no text layer, probably a scan ». */
    @Test
    void objectsNestedThousandsDeepAreRefusedAsSuchNotAsAScan() throws IOException, PdfText.Unreadable {
        Path pdf = dir.resolve("nested.pdf");
        Pdfs.nested(pdf, 5_000);
        assertTrue(Files.size(pdf) < 20_000);
        String message = refusal(pdf, PdfText.Limits.DEFAULT);
        assertEquals("object 3 is nested over 500 levels deep (arrays or dictionaries within each other): not a "
                + "document any program writes", message);
        // The same page nested within PDFBox's bound is read.
        Path fine = dir.resolve("fine.pdf");
        Pdfs.nested(fine, 50);
        assertEquals("Convention de partenariat", PdfText.pages(fine).get(0).strip());
    }

    @Test
    void aScanIsStillSaidToHaveNoTextLayer() {
        Path pdf = dir.resolve("scan.pdf");
        Pdfs.scan(pdf);
        assertTrue(refusal(pdf, PdfText.Limits.DEFAULT).startsWith("this PDF has no text layer (1 page of images"));
    }

    @Test
    void limitsAreReadFromJbakePropertiesAndBadValuesAreErrorsAtTheirLine() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Path file = project.file(SiteConfig.FILE);
        Files.writeString(file, Files.readString(file) + "\nvitrine.pdf.max_pages=12\nvitrine.pdf.max_characters=lots\n");
        Diagnostics diagnostics = new Diagnostics();
        PdfText.Limits limits = PdfText.Limits.of(SiteConfig.load(project.root(), dir.resolve("out"), true), diagnostics);
        assertEquals(new PdfText.Limits(64 << 20, 2_000_000, 12), limits);
        assertEquals(1, diagnostics.all().size(), diagnostics.all().toString());
        String error = diagnostics.all().get(0).toString();
        int line = (int) Files.readString(file).lines().takeWhile(l -> !l.startsWith("vitrine.pdf.max_characters")).count() + 1;
        assertTrue(error.endsWith(SiteConfig.FILE + ":" + line + ":1: error: vitrine.pdf.max_characters must be a "
                + "whole number from 1 to 2147483647, not 'lots'; the default is 2000000"), error);
        assertFalse(diagnostics.all().get(0).message().contains("\n"));
    }
}
