package fr.vitrine.testing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** PDFs made in tests with PDFBox: a text layer from given lines, or a page that is only an image (a scan). */
public final class Pdfs {

    private Pdfs() {
    }

    /** One PDF page per list of lines, in Helvetica (characters WinAnsi can't encode become '?'). */
    public static void write(Path file, List<List<String>> pages) {
        write(file, pages, 9, 11, doc -> new PDType1Font(Standard14Fonts.FontName.HELVETICA));
    }

    /**
     * One PDF page of lines in an embedded font in the Identity-H encoding with a ToUnicode map, as word processors
     * write text in any language (PDFBox's own Liberation Sans).
     */
    public static void writeEmbedded(Path file, List<String> lines) {
        write(file, List.of(lines), 10, 13, doc -> {
            try (InputStream ttf = PDDocument.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                return PDType0Font.load(doc, ttf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void write(Path file, List<List<String>> pages, float size, float leading,
                              Function<PDDocument, PDFont> fontOf) {
        try (PDDocument doc = new PDDocument()) {
            PDFont font = fontOf.apply(doc);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    s.beginText();
                    s.setFont(font, size);
                    s.setLeading(leading);
                    s.newLineAtOffset(40, 800);
                    for (String line : lines) {
                        s.showText(encodable(font, line));
                        s.newLine();
                    }
                    s.endText();
                }
            }
            doc.save(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A one-page PDF holding only a picture of text, as a scanner makes it. */
    public static void scan(Path file) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            BufferedImage image = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 200, 100);
            g.setColor(Color.BLACK);
            g.drawString("Convention de partenariat", 10, 50);
            g.dispose();
            PDImageXObject xobject = LosslessFactory.createFromImage(doc, image);
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.drawImage(xobject, 50, 500, 400, 200);
            }
            doc.save(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encodable(PDFont font, String line) {
        StringBuilder sb = new StringBuilder();
        line.codePoints().forEach(c -> {
            String ch = c == '\t' ? "    " : new String(Character.toChars(c));
            try {
                font.encode(ch);
                sb.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }
}
