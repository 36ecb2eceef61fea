package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Coded;
import fr.vitrine.model.Engagement;
import fr.vitrine.model.Obligation;
import fr.vitrine.model.Standard;
import fr.vitrine.model.Text;
import fr.vitrine.read.SourceRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The standards of data/engagements.yml, checked, and the evidence fields each product file gives. */
final class Engagements {

    private static final List<String> STANDARD_FIELDS = List.of("id", "name", "evidence", "fields", "obligations",
            "source");
    private static final List<String> FIELD_FIELDS = List.of("name", "kind", "values");
    /** What a text value of a product file may mean (evidence needs an address). */
    private static final List<Engagement.Status> VALUE_STATUSES = List.of(Engagement.Status.DECLARED,
            Engagement.Status.PARTIAL, Engagement.Status.ABSENT);

    private Engagements() {
    }

    static List<Standard> standards(List<SourceRecord> records, Diagnostics diagnostics) {
        List<Standard> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SourceRecord r : records) {
            Fields f = Fields.of(r, diagnostics);
            f.allowOnly(STANDARD_FIELDS);
            String id = f.text("id", true);
            if (id != null && !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                f.problemAt("id", "a standard's id is lower-case ASCII words joined by hyphens, got '"
                        + Text.abbreviate(id) + "'");
            } else if (id != null && !ids.add(id)) {
                f.problemAt("id", "duplicate standard id '" + id + "'");
            }
            List<Standard.Field> fields = new ArrayList<>();
            for (Fields field : f.maps("fields", true)) {
                field.allowOnly(FIELD_FIELDS);
                String name = field.text("name", true);
                Standard.Kind kind = field.oneOf("kind", Standard.Kind.class, true);
                Map<String, Engagement.Status> values = new LinkedHashMap<>();
                Fields written = field.map("values", false);
                if (written != null && kind != Standard.Kind.VALUE) {
                    field.problemAt("values", "'values' is for fields of kind 'value' only");
                } else if (written != null) {
                    for (String text : written.keys()) {
                        String code = written.text(text, true);
                        var status = VALUE_STATUSES.stream().filter(v -> v.code().equals(code)).findFirst();
                        if (status.isPresent()) {
                            values.put(text.strip().toLowerCase(java.util.Locale.ROOT), status.get());
                        } else if (code != null) {
                            written.problemAt(text, Coded.unknown("status", code,
                                    VALUE_STATUSES.stream().map(Engagement.Status::code).toList()));
                        }
                    }
                }
                fields.add(new Standard.Field(name, kind, Map.copyOf(values)));
            }
            List<Obligation.Type> obligations = new ArrayList<>();
            List<String> types = f.texts("obligations", false);
            for (int i = 0; i < types.size(); i++) {
                var type = Coded.parse(Obligation.Type.class, types.get(i));
                if (type.isEmpty()) {
                    f.problem(f.pathOf("obligations") + "[" + i + "]", Coded.unknown(Obligation.Type.class,
                            "obligation type", types.get(i)));
                } else {
                    obligations.add(type.get());
                }
            }
            String name = f.text("name", true);
            String evidence = f.text("evidence", true);
            String source = f.text("source", true);
            if (!f.failed()) {
                out.add(new Standard(id, name, evidence, List.copyOf(fields), source, List.copyOf(obligations)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The evidence fields a product file gives, as written ({@code true}/{@code false} for flags). A value that does
     * not fit its kind (an address that is not http(s), a flag that is not true or false) is a warning and left out:
     * the product counts as not declaring it, and the rest of its file is kept.
     */
    static Map<String, String> declared(SourceRecord r, List<Standard> standards, Diagnostics diagnostics) {
        Map<String, Object> fields = r.fields();
        Map<String, String> out = new LinkedHashMap<>();
        for (Standard s : standards) {
            for (Standard.Field field : s.fields()) {
                Object v = fields.get(field.name());
                if (v == null || out.containsKey(field.name())) {
                    continue;
                }
                String text = v instanceof Map || v instanceof List ? null : String.valueOf(v).strip();
                if (field.kind() == Standard.Kind.ADDRESS && text != null && text.indexOf('&') >= 0) {
                    // beta.gouv.fr's editor once wrote addresses HTML-escaped ("https:&#x2F;&#x2F;…"), as for 'link'.
                    text = org.jsoup.parser.Parser.unescapeEntities(text, false);
                }
                String problem = switch (field.kind()) {
                    case ADDRESS -> text != null && (text.startsWith("https://") || text.startsWith("http://")) ? null
                            : "must be an http(s) address";
                    case FLAG -> v instanceof Boolean ? null : "must be true or false";
                    case VALUE -> text != null && !text.isEmpty() ? null : "must be a text";
                };
                if (problem == null) {
                    out.put(field.name(), text);
                } else {
                    diagnostics.warning(r.file(), r.tree().valueAt(r.child(field.name())), "'" + field.name() + "' "
                            + problem + ", got '" + Text.abbreviate(String.valueOf(v)) + "'; left out of the standard '"
                            + s.name() + "'");
                }
            }
        }
        return out;
    }
}
