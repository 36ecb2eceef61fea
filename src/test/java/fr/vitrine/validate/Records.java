package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The records of a real project (the repository's, often with one file broken), read as a build reads them. */
final class Records {

    private Records() {
    }

    static SourceSet read(TestProject project, Diagnostics diagnostics) {
        SiteConfig config = SiteConfig.load(project.root(), project.root().resolve("site"), true);
        return Sources.read(config, diagnostics, CommonmarkEngine::renderBody);
    }

    static SourceRecord byId(List<SourceRecord> records, String id) {
        return records.stream().filter(r -> id.equals(r.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no record '" + id + "'"));
    }

    static Set<String> ids(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::id).collect(Collectors.toSet());
    }

    /** Each diagnostic as « SEVERITY line:column message ». */
    static List<String> messages(Diagnostics diagnostics) {
        return diagnostics.all().stream().map(d -> d.severity() + " " + d.line() + ":" + d.column() + " " + d.message())
                .toList();
    }
}
