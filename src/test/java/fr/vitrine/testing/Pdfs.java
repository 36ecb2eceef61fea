package fr.vitrine.testing;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * PDFs made in tests with PDFBox: a text layer from given lines, a page that is only an image (a scan), and hostile
 * ones, small on disk: a text stream that inflates to megabytes, objects nested thousands deep.
 */
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

    /**
     * One page whose compressed content stream inflates to {@code bytes} of text operators (a line of a convention
     * shown again and again): {@code 17 << 20} bytes make a file of about 60 KB.
     */
    public static void inflating(Path file, int bytes) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDResources resources = new PDResources();
            COSName font = resources.add(new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            page.setResources(resources);
            StringBuilder ops = new StringBuilder(bytes + 100).append("BT /").append(font.getName())
                    .append(" 9 Tf 11 TL 40 800 Td\n");
            String line = "(Convention de partenariat entre la DINUM et le Cerema pour UrbanVitaliz) Tj T*\n";
            while (ops.length() < bytes) {
                ops.append(line);
            }
            ops.append("ET\n");
            page.setContents(new PDStream(doc, new ByteArrayInputStream(ops.toString()
                    .getBytes(StandardCharsets.US_ASCII)), COSName.FLATE_DECODE));
            doc.save(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A one-page PDF with a line of text whose page dictionary also holds arrays nested {@code depth} deep (written
     * by hand: PDFBox would not write it), with a correct cross-reference table.
     */
    public static void nested(Path file, int depth) {
        String content = "BT /F1 12 Tf 40 800 Td (Convention de partenariat) Tj ET\n";
        List<String> objects = List.of("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
                        + "/Contents 4 0 R /Annots " + "[".repeat(depth) + "]".repeat(depth) + " >>",
                "<< /Length " + content.length() + " >>\nstream\n" + content + "endstream",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.size(); i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.length()));
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int start = pdf.length();
        pdf.append(xref).append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(start).append("\n%%EOF\n");
        try {
            Files.writeString(file, pdf, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
