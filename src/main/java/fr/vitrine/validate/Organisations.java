package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.Siret;
import fr.vitrine.model.Text;
import fr.vitrine.read.SourceRecord;

import java.util.List;
import java.util.Set;

import static fr.vitrine.validate.References.checkFileId;
import static fr.vitrine.validate.References.checkId;
import static fr.vitrine.validate.References.orgRef;
import static fr.vitrine.validate.References.unknownRef;

/**
 * The organisation registry's entries ({@code data/organisations.yml}) and beta.gouv.fr's organisation files: each
 * field checked, and one organisation defined in both merged.
 */
final class Organisations {

    private static final List<String> ORGANISATION_FIELDS = List.of("id", "name", "acronym", "type", "siret",
            "parent", "domaine_ministeriel", "address", "article");

    private final Diagnostics diagnostics;

    Organisations(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Organisation organisation(SourceRecord r, Set<String> organisations) {
        Fields f = Fields.of(r, diagnostics);
        boolean registry = r.document() == null;
        String id;
        if (registry) {
            f.allowOnly(ORGANISATION_FIELDS);
            id = f.text("id", true);
            checkId(f, "id", id);
        } else {
            id = r.id();
            if (!checkFileId(r, f, id, diagnostics)) {
                return null;
            }
        }
        String name = f.text("name", true);
        String siret = f.textOrUnknown("siret", false);
        if (siret != null) {
            siret = siret.replace(" ", "");
            String problem = Siret.problem(siret);
            if (problem != null) {
                f.problemAt("siret", "SIRET '" + siret + "' is invalid: " + problem + "; write 'unknown' rather "
                        + "than a guess");
            }
        }
        String parent = orgRef(f.text("parent", false));
        if (parent != null && !organisations.contains(parent)) {
            f.problemAt("parent", unknownRef("organisation", parent, organisations, "add it to data/organisations.yml"));
        }
        String article = registry ? f.oneOf("article", fr.vitrine.model.French.ARTICLES, false) : null;
        Organisation o = new Organisation(id, name, f.text("acronym", false), f.text("type", false), siret,
                parent, f.text("domaine_ministeriel", false), f.text("address", false), r.file(), article);
        return f.failed() ? null : o;
    }

    /**
     * One organisation defined both in the project ({@code data/}) and in beta.gouv.fr's folder: field by field, the
     * record that gives a value wins, and the project's when both do; a warning at the beta.gouv.fr value names both
     * files when they disagree on a fact (names compared without case or accents).
     */
    Organisation merge(Organisation a, SourceRecord aSource, Organisation b, SourceRecord bSource) {
        boolean aFirst = !aSource.external();
        Organisation project = aFirst ? a : b;
        Organisation external = aFirst ? b : a;
        SourceRecord externalSource = aFirst ? bSource : aSource;
        SourceRecord projectSource = aFirst ? aSource : bSource;
        String[] keys = {"name", "acronym", "type", "siret", "parent", "domaine_ministeriel", "address"};
        String[] p = {project.name(), project.acronym(), project.type(), project.siret(), project.parent(),
                project.ministry(), project.address()};
        String[] e = {external.name(), external.acronym(), external.type(), external.siret(), external.parent(),
                external.ministry(), external.address()};
        String[] merged = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            merged[i] = p[i] != null ? p[i] : e[i];
            if (p[i] != null && e[i] != null && !Text.fold(p[i]).equals(Text.fold(e[i]))) {
                diagnostics.warning(externalSource.file(), externalSource.tree().valueAt(externalSource.child(keys[i])),
                        "organisation '" + Text.abbreviate(project.id()) + "': " + keys[i] + " '" + Text.abbreviate(e[i])
                        + "' here, '" + Text.abbreviate(p[i]) + "' in " + projectSource.file() + ", which is used; "
                        + "make them agree");
            }
        }
        return new Organisation(project.id(), merged[0], merged[1], merged[2], merged[3], merged[4], merged[5],
                merged[6], project.file(), project.article());
    }
}
