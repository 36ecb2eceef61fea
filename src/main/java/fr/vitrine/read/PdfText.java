package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text layer of a PDF, page by page, with Apache PDFBox, within {@link Limits}: a PDF built to exhaust memory
 * or time (a small file whose streams inflate to gigabytes, millions of characters on a page, thousands of pages,
 * objects nested thousands deep) is refused with a message naming the limit, before PDFBox decodes it. PDFBox keeps
 * its buffers in a scratch file, not on the heap, and its own log is off (simplelogger.properties): what goes wrong
 * is said here, in one sentence.
 */
public final class PdfText {

    /** A signed convention is a few MB at most, even scanned; larger files are refused. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** A dense page holds about 5 000 characters: far more is not a text page, and would fill the memory. */
    static final int MAX_PAGE_CHARACTERS = 100_000;

    /** PDFBox's own parser refuses objects nested deeper than this (BaseParser's maximum recursion depth). */
    static final int MAX_NESTING = 500;

    /**
     * The bounds of one document, set in jbake.properties: {@code vitrine.pdf.max_inflated_mb} (the streams text
     * extraction decodes, images excepted), {@code vitrine.pdf.max_characters} (the text extracted),
     * {@code vitrine.pdf.max_pages}.
     */
    public record Limits(long inflatedBytes, long characters, int pages) {

        public static final Limits DEFAULT = new Limits(64L << 20, 2_000_000, 1_000);
        static final String PREFIX = "vitrine.pdf.";

        /** The project's limits; a value that is not a positive whole number is an error at its line. */
        public static Limits of(SiteConfig config, Diagnostics diagnostics) {
            long mb = setting(config, "max_inflated_mb", DEFAULT.inflatedBytes >> 20, 1 << 20, diagnostics);
            return new Limits(mb << 20, setting(config, "max_characters", DEFAULT.characters, Integer.MAX_VALUE,
                    diagnostics), (int) setting(config, "max_pages", DEFAULT.pages, 1_000_000, diagnostics));
        }

        private static long setting(SiteConfig config, String name, long fallback, long max, Diagnostics diagnostics) {
            String key = PREFIX + name;
            String value = config.own(key).orElse(null);
            if (value == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.replace("_", ""));
                if (n >= 1 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(key), key
                    + " must be a whole number from 1 to " + max + ", not '" + shorten(value) + "'; the "
                    + "default is " + fallback);
            return fallback;
        }
    }

    /** Why a PDF's text can't be read, in words a user can act on. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message);
        }
    }

    private PdfText() {
    }

    /** {@link #pages(Path, Limits)} within the {@link Limits#DEFAULT default limits}. */
    public static List<String> pages(Path file) throws Unreadable {
        return pages(file, Limits.DEFAULT);
    }

    /**
     * The text of each page, in reading order; {@link Unreadable} when the file is not a readable PDF, is over a
     * limit, or has no text layer (said only when its pages were read and hold no text).
     */
    public static List<String> pages(Path file, Limits limits) throws Unreadable {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Unreadable("the PDF is over " + MAX_BYTES / 1_048_576 + " MB; extract its text another way");
            }
        } catch (IOException e) {
            throw new Unreadable("cannot read the file: " + e.getMessage());
        }
        try (RandomAccessReadBufferedFile in = new RandomAccessReadBufferedFile(file.toFile())) {
            PDFParser parser = new PDFParser(in, "", null, null, IOUtils.createTempFileOnlyStreamCache());
            try (PDDocument doc = parser.parse()) {
                String damaged = inspect(parser, doc, limits);
                return text(doc, limits, damaged);
            }
        } catch (InvalidPasswordException e) {
            throw new Unreadable("the PDF is protected by a password; remove the protection first");
        } catch (IOException e) {
            throw new Unreadable("not a readable PDF (" + reason(e) + ")");
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Beyond PDFBox's own bounds: a structure deeper or larger than any signed text.
            throw new Unreadable("this PDF is too complex to read (" + e.getClass().getSimpleName() + "); print it to "
                    + "a new PDF or extract its text another way");
        }
    }

    /**
     * Reads every object of the document, as PDFBox would while extracting, and refuses it when one is nested beyond
     * {@link #MAX_NESTING} levels or the streams it would decode inflate beyond the limit; returns the first damaged
     * object's problem (null when none), which explains a text layer found empty.
     */
    private static String inspect(PDFParser parser, PDDocument doc, Limits limits) throws IOException, Unreadable {
        if (doc.getNumberOfPages() > limits.pages()) {
            throw new Unreadable("it has " + doc.getNumberOfPages() + " pages, over the limit of " + limits.pages()
                    + " (vitrine.pdf.max_pages in jbake.properties)");
        }
        COSDocument cos = doc.getDocument();
        Set<COSStream> contents = new HashSet<>();
        for (PDPage page : doc.getPages()) {
            COSBase c = page.getCOSObject().getDictionaryObject(COSName.CONTENTS);
            if (c instanceof COSStream s) {
                contents.add(s);
            } else if (c instanceof COSArray a) {
                a.forEach(b -> {
                    if (b instanceof COSObject o && o.getObject() instanceof COSStream s) {
                        contents.add(s);
                    } else if (b instanceof COSStream s) {
                        contents.add(s);
                    }
                });
            }
        }
        String damaged = null;
        long[] inflated = {0};
        for (COSObjectKey key : new ArrayList<>(cos.getXrefTable().keySet())) {
            COSObject object = cos.getObjectFromPool(key);
            COSBase base;
            try {
                base = parser.dereferenceCOSObject(object);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("recursion depth")) {
                    throw new Unreadable("object " + key.getNumber() + " is nested over " + MAX_NESTING + " levels "
                            + "deep (arrays or dictionaries within each other): not a document any program writes");
                }
                damaged = damaged != null ? damaged : "object " + key.getNumber() + " is damaged: " + reason(e);
                continue;
            }
            if (base instanceof COSStream s && (contents.contains(object.getObject()) || !isImage(s))) {
                inflate(s, limits, inflated);
            }
        }
        return damaged;
    }

    private static boolean isImage(COSStream s) {
        return COSName.IMAGE.equals(s.getCOSName(COSName.SUBTYPE));
    }

    /** Decodes {@code s} into a counter, stopping as soon as the document's total passes the limit. */
    private static void inflate(COSStream s, Limits limits, long[] total) throws Unreadable {
        List<COSName> filters = new ArrayList<>();
        COSBase f = s.getFilters();
        if (f instanceof COSName n) {
            filters.add(n);
        } else if (f instanceof COSArray a) {
            a.forEach(b -> {
                if (b instanceof COSName n) {
                    filters.add(n);
                }
            });
        }
        try {
            if (filters.isEmpty()) {
                new Counter(total, limits, false).count(s.getLength());
                return;
            }
            byte[] data = null;
            for (int i = 0; i < filters.size(); i++) {
                boolean last = i == filters.size() - 1;
                Counter out = new Counter(total, limits, !last);
                try (InputStream in = data == null ? s.createRawInputStream() : new ByteArrayInputStream(data)) {
                    FilterFactory.INSTANCE.getFilter(filters.get(i)).decode(in, out, s, i);
                }
                data = out.bytes();
            }
        } catch (Counter.Over e) {
            throw new Unreadable(String.format(Locale.ROOT, "its compressed streams inflate to over %d MB, the "
                    + "limit (vitrine.pdf.max_inflated_mb in jbake.properties): a PDF built to exhaust memory, or "
                    + "one to extract another way", limits.inflatedBytes() >> 20));
        } catch (IOException | RuntimeException e) {
            // A stream PDFBox can't decode either: it reads what it can, which is no more than counted.
        }
    }

    /** Counts the bytes a filter writes against the document's budget; keeps them when another filter follows. */
    private static final class Counter extends OutputStream {
        static final class Over extends IOException {
        }

        private final long[] total;
        private final Limits limits;
        private final ByteArrayOutputStream kept;

        Counter(long[] total, Limits limits, boolean keep) {
            this.total = total;
            this.limits = limits;
            this.kept = keep ? new ByteArrayOutputStream() : null;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            if (kept != null) {
                kept.write(b, off, len);
            }
        }

        void count(long n) throws Over {
            total[0] += n;
            if (total[0] > limits.inflatedBytes()) {
                throw new Over();
            }
        }

        byte[] bytes() {
            return kept == null ? null : kept.toByteArray();
        }
    }

    /** Thrown from inside PDFBox's extraction when the text passes a limit. */
    private static final class TooMuchText extends RuntimeException {
        TooMuchText(String message) {
            super(message, null, false, false);
        }
    }

    private static List<String> text(PDDocument doc, Limits limits, String damaged) throws Unreadable, IOException {
        long[] characters = {0};
        int[] page = {0};
        int[] onPage = {0};
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition text) {
                if (++onPage[0] > MAX_PAGE_CHARACTERS) {
                    throw new TooMuchText("page " + page[0] + " holds over " + grouped(MAX_PAGE_CHARACTERS)
                            + " characters (a page of text holds about 5 000): a PDF built to exhaust memory");
                }
                if (++characters[0] > limits.characters()) {
                    throw new TooMuchText("its text is over " + grouped(limits.characters()) + " characters, the "
                            + "limit (vitrine.pdf.max_characters in jbake.properties); extract it another way");
                }
                super.processTextPosition(text);
            }
        };
        stripper.setSortByPosition(true);
        stripper.setLineSeparator("\n");
        // A blank line between paragraphs (a vertical gap of more than 1.8 lines), as in a text export.
        stripper.setParagraphEnd("\n");
        stripper.setDropThreshold(1.8f);
        List<String> pages = new ArrayList<>();
        for (int p = 1; p <= doc.getNumberOfPages(); p++) {
            page[0] = p;
            onPage[0] = 0;
            stripper.setStartPage(p);
            stripper.setEndPage(p);
            try {
                pages.add(stripper.getText(doc));
            } catch (TooMuchText e) {
                throw new Unreadable(e.getMessage());
            } catch (IOException e) {
                throw new Unreadable("not a readable PDF (page " + p + ": " + reason(e) + ")");
            }
        }
        if (pages.stream().allMatch(String::isBlank)) {
            if (damaged != null) {
                throw new Unreadable("no text could be read from this PDF: " + damaged + "; print it to a new PDF "
                        + "or extract its text another way");
            }
            int n = doc.getNumberOfPages();
            throw new Unreadable(n == 0 ? "this PDF has no pages" : "this PDF has no text layer (" + n + " page"
                    + (n > 1 ? "s" : "") + " of images, probably a scan): run OCR on it first (e.g. 'ocrmypdf -l fra "
                    + "in.pdf out.pdf') or ask the signatory service for the text");
        }
        return pages;
    }

    /** An exception's message on one line, shortened; PDFBox's recursion error said as a nesting limit. */
    private static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("recursion depth")) {
            return "objects nested over " + MAX_NESTING + " levels deep";
        }
        return shorten(m);
    }

    /** 100 000, with a narrow no-break space between thousands. */
    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u202F');
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
