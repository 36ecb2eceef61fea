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
                f.text("short_description", false), f.texts("highlighted_startups", false), r.file());
    }
}
