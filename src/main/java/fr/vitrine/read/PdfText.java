package fr.vitrine.read;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text layer of a PDF, page by page, with Apache PDFBox. */
public final class PdfText {

    /** A signed convention is a few MB at most, even scanned; larger files are refused. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Why a PDF's text can't be read, in words a user can act on. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private PdfText() {
    }

    /** The text of each page, in reading order; {@link Unreadable} when there is none or the file is not a PDF. */
    public static List<String> pages(Path file) throws Unreadable {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Unreadable("the PDF is over " + MAX_BYTES / 1_048_576 + " MB; extract its text another way");
            }
        } catch (IOException e) {
            throw new Unreadable("cannot read the file: " + e.getMessage());
        }
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            // A blank line between paragraphs (a vertical gap of more than 1.8 lines), as in a text export.
            stripper.setParagraphEnd("\n");
            stripper.setDropThreshold(1.8f);
            List<String> pages = new ArrayList<>();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
            if (pages.stream().allMatch(String::isBlank)) {
                throw new Unreadable("this PDF has no text layer (" + doc.getNumberOfPages() + " page"
                        + (doc.getNumberOfPages() > 1 ? "s" : "") + " of images, probably a scan): run OCR on it "
                        + "first (e.g. 'ocrmypdf -l fra in.pdf out.pdf') or ask the signatory service for the text");
            }
            return pages;
        } catch (InvalidPasswordException e) {
            throw new Unreadable("the PDF is protected by a password; remove the protection first");
        } catch (IOException e) {
            throw new Unreadable("not a readable PDF (" + e.getMessage() + ")");
        }
    }
}
