package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Incubator;
import fr.vitrine.model.Text;
import fr.vitrine.read.SourceRecord;

import java.util.Set;

import static fr.vitrine.validate.References.checkFileId;
import static fr.vitrine.validate.References.orgRef;
import static fr.vitrine.validate.References.unknownRef;
import static fr.vitrine.validate.References.url;

/** beta.gouv.fr's incubator files. */
final class Incubators {

    private final Diagnostics diagnostics;

    Incubators(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** An incubator file of beta.gouv.fr: kept whatever a value is, its file name when it has no title. */
    Incubator incubator(SourceRecord r, Set<String> organisations) {
        Fields f = Fields.degrading(r, diagnostics);
        if (!checkFileId(r, f, r.id(), diagnostics)) {
            return null;
        }
        String name = f.text("title", false);
        if (name == null) {
            f.warnAt("title", "no usable 'title': the file name '" + Text.abbreviate(r.id()) + "' is shown instead");
            name = r.id();
        }
        String owner = orgRef(f.text("owner", false));
        if (owner != null && !organisations.contains(owner)) {
            f.problem(f.pathOf("owner"), unknownRef("organisation", owner, organisations, "its file must be "
                    + "_organisations/" + owner + ".md"), "owner not shown");
            owner = null;
        }
        return new Incubator(r.id(), name, owner, f.text("address", false), url(f, "website"),
                description(f), f.texts("highlighted_startups", false), r.file());
    }

    /** Elements beta.gouv.fr writes in a short description for emphasis: their text is kept without a word. */
    private static final Set<String> INLINE = Set.of("span", "strong", "b", "em", "i", "br", "a", "abbr", "small");

    /**
     * {@code short_description} as plain text: beta.gouv.fr writes HTML in it (« les <span class="fr-text--bold">
     * projets territoriaux</span> »), which pages would show as text once escaped. jsoup parses it and keeps its
     * text only (a script's or style's content is not text); the pages escape that text as any other. Any element
     * other than inline emphasis is named in a warning.
     */
    private static String description(Fields f) {
        String html = f.text("short_description", false);
        if (html == null || html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html;
        }
        org.jsoup.nodes.Element body = org.jsoup.Jsoup.parseBodyFragment(html).body();
        java.util.Set<String> dropped = new java.util.TreeSet<>();
        body.getAllElements().forEach(e -> {
            if (e != body && !INLINE.contains(e.normalName())) {
                dropped.add("<" + Text.abbreviate(e.normalName()) + ">");
            }
        });
        if (!dropped.isEmpty()) {
            f.warnAt("short_description", "HTML element(s) " + String.join(", ", dropped) + " dropped from "
                    + "'short_description': only its text is shown");
        }
        String text = body.text().strip();
        return text.isEmpty() ? null : text;
    }
}
