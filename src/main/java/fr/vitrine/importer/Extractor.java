package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.PartyDrafts.Org;
import fr.vitrine.importer.PartyDrafts.PartyFound;
import fr.vitrine.importer.PartyDrafts.Proposed;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts a record from a signed text. Each rule reads one kind of sentence; a value is drafted only when a sentence
 * says it, with the line and the words it came from, and is otherwise {@code unknown}: a wrong value is worse than
 * none. Decides the kind, the title and the products; the dates, parties, money and obligations are read by
 * {@link Dates}, {@link PartyDrafts}, {@link Money} (with {@link Imputations}) and {@link Obligations}.
 */
final class Extractor {

    /** A product of data/products, with its names (« Recosanté (ex-Ecosanté) » is Recosanté and Ecosanté). */
    record Product(String id, List<String> names) {
    }

    private final SignedText text;
    private final List<Org> orgs;
    private final List<Product> products;
    private PartyDrafts partyDrafts;
    private List<PartyFound> parties = List.of();
    private String kind;

    Extractor(SignedText text, List<Org> orgs, List<Product> products) {
        this.text = text;
        this.orgs = orgs;
        this.products = products;
    }

    /** The organisations proposed by {@link #draft()}: parties (and so payers) the registry lacks. */
    List<Proposed> proposed() {
        return partyDrafts == null ? List.of() : partyDrafts.proposed();
    }

    /** The record's fields, in the order of the record format; {@code id} and {@code source} are the caller's. */
    Map<String, Object> draft() {
        Map<String, Object> r = new LinkedHashMap<>();
        Value kindValue = kind();
        partyDrafts = new PartyDrafts(text, orgs, kind);
        parties = partyDrafts.found();
        List<Value> productValues = new ArrayList<>();
        List<String> productNames = new ArrayList<>();
        products(productValues, productNames);
        r.put("title", title(productNames));
        r.put("kind", kindValue);
        if ("avenant".equals(kind)) {
            int t = Heading.title(text);
            r.put("parent", Draft.absent("the id of the convention this avenant amends" + (t < 0 ? "" : " ("
                    + Draft.quote(text.plain(t)) + ")") + ": write it"));
        }
        r.put("signed", Dates.signed(text));
        Dates.effectAndEnd(text, r);
        r.put("parties", partyDrafts.drafts());
        r.put("products", productValues);
        Money money = new Money(text, parties);
        r.put("total", money.total());
        r.put("funding", money.drafts());
        r.put("obligations", Obligations.read(text));
        return r;
    }

    // ---- title and kind --------------------------------------------------------------------------------------

    private static final List<String[]> KINDS = List.of(
            new String[] {"avenant", "avenant"},
            new String[] {"delegation de gestion", "delegation-de-gestion"},
            new String[] {"convention de partenariat", "partenariat"},
            new String[] {"subvention", "subvention"},
            new String[] {"attributive", "subvention"});

    private static final Pattern THIS_AVENANT = Pattern.compile("\\ble present avenant\\b");
    private static final Pattern DELEGATION_DECREE = Pattern.compile("decret n° ?2004-1085|relatif a la delegation de gestion dans les services");

    /**
     * The kind the title names (or a heading line after it, « Délégation de gestion »); without one, « Le présent
     * avenant » says an avenant, and a délégation de gestion cites its decree (n° 2004-1085) in its visas.
     */
    private Value kind() {
        int t = Heading.title(text);
        for (int i = Math.max(t, 0); t >= 0 && i < text.lines.size() && i <= t + 6; i++) {
            String line = text.plain(i);
            if (i > t && (Heading.between(line) || Text.fold(line).startsWith("vu "))) {
                break;
            }
            if (i > t && Heading.furniture(line)) {
                continue;
            }
            String title = Text.fold(line);
            for (String[] k : KINDS) {
                if (title.contains(k[0]) && (i == t || title.startsWith(k[0]))) {
                    kind = k[1];
                    return Draft.found(k[1], text.lines.get(i), line);
                }
            }
        }
        for (int i = 0; i < text.lines.size() && text.part(i) != Part.SIGNATURE; i++) {
            String f = Text.fold(text.plain(i)).replace('’', '\'');
            if (THIS_AVENANT.matcher(f).find()) {
                kind = "avenant";
                return Draft.found(kind, text.lines.get(i), "le présent avenant");
            }
            if (text.part(i) == Part.HEAD && f.startsWith("vu ") && DELEGATION_DECREE.matcher(f).find()) {
                kind = "delegation-de-gestion";
                return Draft.found(kind, text.lines.get(i), Draft.quote(text.plain(i)));
            }
        }
        return t < 0 ? Draft.unknown("no title before the parties, and no sentence naming the kind")
                : Draft.unknown(text.lines.get(t).where() + " : « " + Draft.quote(text.plain(t)) + " » names no known kind");
    }

    private Value title(List<String> productNames) {
        int t = Heading.title(text);
        if (t < 0) {
            return Draft.unknown("no title before the parties (the journal's and bulletin's headers are not the act's)");
        }
        StringBuilder title = new StringBuilder(text.plain(t));
        List<String> labels = parties.stream().filter(p -> p.org != null).map(this::label).toList();
        if (!labels.isEmpty() && labels.size() == parties.size()) {
            title.append(" entre ").append(join(labels));
        }
        if (!productNames.isEmpty()) {
            title.append(" pour ").append(String.join(" / ", productNames));
        }
        return Draft.found(title.toString(), text.lines.get(t), text.plain(t));
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " et " + items.get(items.size() - 1);
    }

    private static final Set<String> FEMININE = Set.of("direction", "delegation", "caisse", "mission", "prefecture",
            "region", "commune", "ville", "universite", "inspection", "cour", "haute", "agence", "mairie", "banque",
            "societe", "federation", "chambre", "autorite", "collectivite", "metropole", "communaute");

    /** « le Cerema », « la DINUM »: the article by the first word of the registry's name. */
    private String label(PartyFound p) {
        String shortName = p.org.acronym() != null ? p.org.acronym() : p.org.name();
        if (p.alias != null && Text.fold(p.alias).endsWith(Text.fold(shortName))) {
            return p.alias;
        }
        String first = Text.fold(p.org.name()).split("[\\s']")[0];
        String article = first.matches("[aeiouyh].*") ? "l'" : FEMININE.contains(first) ? "la " : "le ";
        return article + shortName;
    }

    // ---- products --------------------------------------------------------------------------------------------

    private void products(List<Value> values, List<String> names) {
        Map<String, int[]> first = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) == Part.ANNEX) {
                continue;
            }
            String t = text.lines.get(i).text();
            for (Product p : products) {
                for (String name : p.names()) {
                    Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(t);
                    if (m.find()) {
                        int[] at = first.get(p.id());
                        if (at == null || at[0] > i || (at[0] == i && at[1] > m.start())) {
                            first.put(p.id(), new int[] {i, m.start()});
                            written.put(p.id(), m.group());
                        }
                    }
                }
            }
        }
        first.entrySet().stream().sorted((a, b) -> a.getValue()[0] != b.getValue()[0]
                        ? Integer.compare(a.getValue()[0], b.getValue()[0]) : Integer.compare(a.getValue()[1], b.getValue()[1]))
                .forEach(e -> {
                    Line line = text.lines.get(e.getValue()[0]);
                    values.add(Draft.found(e.getKey(), line, written.get(e.getKey())));
                    names.add(written.get(e.getKey()));
                });
    }
}
