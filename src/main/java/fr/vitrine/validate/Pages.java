package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Heading;
import fr.vitrine.model.Page;
import fr.vitrine.privacy.Policy;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.SourceRecord;

import java.util.List;

import static fr.vitrine.validate.References.checkFileId;

/** The site's own pages ({@code content/pages/}). */
final class Pages {

    private static final List<String> PAGE_FIELDS = List.of("title", "description", Policy.FIELD);

    private final Diagnostics diagnostics;

    Pages(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Page page(SourceRecord r) {
        Fields f = Fields.of(r, diagnostics);
        f.allowOnly(PAGE_FIELDS);
        checkFileId(r, f, r.id(), diagnostics);
        String title = f.text("title", true);
        @SuppressWarnings("unchecked")
        List<Heading> toc = (List<Heading>) r.document().getOrDefault(CommonmarkEngine.HEADINGS, List.of());
        Page p = new Page(r.id(), title, f.text("description", false), CommonmarkEngine.html(r.document()).text(), toc,
                r.file());
        return f.failed() ? null : p;
    }
}
