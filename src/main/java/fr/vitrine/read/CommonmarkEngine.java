package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.PackedText;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.model.DocumentModel;
import org.jbake.parser.MarkupEngine;
import org.jbake.parser.ParserContext;

import java.io.File;
import java.nio.file.Path;

/**
 * JBake markup engine for {@code .md} backed by commonmark-java, reading YAML front matter ({@code ---}) instead of
 * JBake's {@code key=value} header. The document it returns always carries a {@link Diagnostics} under
 * {@link #DIAGNOSTICS}; when the file is usable it also carries the {@link YamlTree} record, the rendered body and
 * the headings.
 */
public final class CommonmarkEngine extends MarkupEngine {

    public static final String RECORD = "vitrine.record";
    public static final String HEADINGS = "vitrine.headings";
    public static final String DIAGNOSTICS = "vitrine.diagnostics";
    public static final String SOURCE = "vitrine.source";
    public static final String BODY_MARKDOWN = "vitrine.markdown";
    public static final String BODY_LINE = "vitrine.bodyLine";
    /** The rendered body of a convention or page, packed ({@link PackedText}). */
    public static final String BODY_HTML = "vitrine.html";
    /**
     * The file's text before the body, as read (its {@code ---} lines, the YAML record): with {@link #BODY_MARKDOWN},
     * the whole file, so that no later check reads it again.
     */
    public static final String FRONT_MATTER = "vitrine.frontMatter";

    @Override
    public DocumentModel parse(JBakeConfiguration config, File file) {
        Path path = file.toPath();
        Diagnostics diagnostics = new Diagnostics();
        DocumentModel doc = DocumentModel.createDefaultDocumentModel();
        doc.put(DIAGNOSTICS, diagnostics);
        doc.put(SOURCE, path);
        doc.setStatus("published");
        doc.setFile(file.getPath());
        String text = TextFile.readUtf8(path, diagnostics);
        if (text == null) {
            return doc;
        }
        FrontMatter fm = FrontMatter.split(path, text, diagnostics);
        if (fm == null) {
            return doc;
        }
        YamlTree record = YamlTree.parse(path, fm.yaml(), fm.yamlFirstLine(), diagnostics, true);
        if (record == null) {
            return doc;
        }
        doc.put(RECORD, record);
        doc.put(FRONT_MATTER, text.substring(0, text.length() - fm.body().length()));
        doc.put(BODY_MARKDOWN, fm.body());
        doc.put(BODY_LINE, fm.bodyFirstLine());
        return doc;
    }

    /**
     * Renders the document's Markdown body ({@link #BODY_MARKDOWN}, once the privacy check has redacted it) into its
     * HTML body and headings: once per record, after reading.
     */
    public static void renderBody(SourceRecord r) {
        renderBody(r.document(), r.file());
    }

    /** {@link #renderBody(SourceRecord)} of a document. */
    public static void renderBody(DocumentModel doc, Path file) {
        Markdown.Rendered rendered = Markdown.render((String) doc.getOrDefault(BODY_MARKDOWN, ""),
                Markdown.linkLabelFor(file));
        doc.put(BODY_HTML, PackedText.of(rendered.html()));
        doc.put(HEADINGS, rendered.headings());
        // What only reading and the privacy check needed: not kept for the rest of the build (memory).
        doc.remove(FRONT_MATTER);
        doc.remove(BODY_MARKDOWN);
    }

    /** The rendered body ({@link #renderBody}); empty before, or when there is none. */
    public static PackedText html(DocumentModel doc) {
        return doc.get(BODY_HTML) instanceof PackedText html ? html : PackedText.EMPTY;
    }

    /** Used when JBake's own header parsing path is taken: the body is rendered with commonmark too. */
    @Override
    public void processBody(ParserContext context) {
        context.setBody(Markdown.render(context.getBody()).html());
    }
}
