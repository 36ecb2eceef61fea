package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts a record from a signed text. Each rule reads one kind of sentence; a value is drafted only when a sentence
 * says it, with the line and the words it came from, and is otherwise {@code unknown}: a wrong value is worse than
 * none.
 */
final class Extractor {

    /** An organisation of the registry, with the names a text may call it by. */
    record Org(String id, String name, String acronym, String parent) {
    }

    /** A product of data/products, with its names (« Recosanté (ex-Ecosanté) » is Recosanté and Ecosanté). */
    record Product(String id, List<String> names) {
    }

    /** A party found in the text's head. */
    private static final class PartyFound {
        Org org;
        /** An organisation not in the registry: the entry proposed for it. */
        Proposed proposed;
        String nameFound;
        Line nameLine;
        String role;
        Line roleLine;
        String roleWords;
        String alias;
        String repName;
        String repTitle;
        Line repLine;
        boolean repMasked;
        String repNote;
        String signName;
        String signTitle;
        Line signLine;
        Line signTitleLine;

        /** The registry's id, or the proposed entry's; null when neither. */
        String id() {
            return org != null ? org.id() : proposed != null ? proposed.id() : null;
        }

        /** The short names a sentence may call it by: acronyms, its « ci-après » name. */
        List<String> shortNames() {
            List<String> out = new ArrayList<>();
            if (org != null && org.acronym() != null) {
                out.add(org.acronym());
            }
            if (proposed != null) {
                out.addAll(proposed.acronyms());
            }
            String bare = alias == null ? null : alias.replaceFirst("(?i)^(?:la |le |les |l['’])", "");
            if (bare != null && bare.matches("\\S+")) {
                out.add(bare);
            }
            return out;
        }
    }

    /** An organisation the registry lacks, as the text writes it: to add to data/organisations.yml. */
    record Proposed(String id, String name, List<String> acronyms, Line line) {
    }

    private final SignedText text;
    private final List<Org> orgs;
    private final List<Product> products;
    private final List<PartyFound> parties = new ArrayList<>();
    private final List<Proposed> proposed = new ArrayList<>();
    private String kind;

    Extractor(SignedText text, List<Org> orgs, List<Product> products) {
        this.text = text;
        this.orgs = orgs;
        this.products = products;
    }

    private List<Line> lines() {
        return text.lines;
    }

    private String plain(int i) {
        return SignedText.plain(lines().get(i).text());
    }

    /** The organisations proposed by {@link #draft()}: parties (and so payers) the registry lacks. */
    List<Proposed> proposed() {
        return List.copyOf(proposed);
    }

    /** The record's fields, in the order of the record format; {@code id} and {@code source} are the caller's. */
    Map<String, Object> draft() {
        Map<String, Object> r = new LinkedHashMap<>();
        Value kindValue = kind();
        parties();
        signatures();
        List<Value> productValues = new ArrayList<>();
        List<String> productNames = new ArrayList<>();
        products(productValues, productNames);
        r.put("title", title(productNames));
        r.put("kind", kindValue);
        if ("avenant".equals(kind)) {
            int t = Heading.title(text);
            r.put("parent", Draft.absent("the id of the convention this avenant amends" + (t < 0 ? "" : " ("
                    + Draft.quote(plain(t)) + ")") + ": write it"));
        }
        r.put("signed", signed());
        effectAndEnd(r);
        r.put("parties", partyDrafts());
        r.put("products", productValues);
        Funding funding = new Funding();
        r.put("total", funding.total());
        r.put("funding", funding.drafts());
        r.put("obligations", obligations());
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
        for (int i = Math.max(t, 0); t >= 0 && i < lines().size() && i <= t + 6; i++) {
            String line = plain(i);
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
                    return Draft.found(k[1], lines().get(i), line);
                }
            }
        }
        for (int i = 0; i < lines().size() && text.part(i) != Part.SIGNATURE; i++) {
            String f = Text.fold(plain(i)).replace('’', '\'');
            if (THIS_AVENANT.matcher(f).find()) {
                kind = "avenant";
                return Draft.found(kind, lines().get(i), "le présent avenant");
            }
            if (text.part(i) == Part.HEAD && f.startsWith("vu ") && DELEGATION_DECREE.matcher(f).find()) {
                kind = "delegation-de-gestion";
                return Draft.found(kind, lines().get(i), Draft.quote(plain(i)));
            }
        }
        return t < 0 ? Draft.unknown("no title before the parties, and no sentence naming the kind")
                : Draft.unknown(lines().get(t).where() + " : « " + Draft.quote(plain(t)) + " » names no known kind");
    }

    private Value title(List<String> productNames) {
        int t = Heading.title(text);
        if (t < 0) {
            return Draft.unknown("no title before the parties (the journal's and bulletin's headers are not the act's)");
        }
        StringBuilder title = new StringBuilder(plain(t));
        List<String> labels = parties.stream().filter(p -> p.org != null).map(this::label).toList();
        if (!labels.isEmpty() && labels.size() == parties.size()) {
            title.append(" entre ").append(join(labels));
        }
        if (!productNames.isEmpty()) {
            title.append(" pour ").append(String.join(" / ", productNames));
        }
        return Draft.found(title.toString(), lines().get(t), plain(t));
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

    // ---- parties ---------------------------------------------------------------------------------------------

    /** The head's parties (see {@link Parties}), each matched to the registry or proposed for it. */
    private void parties() {
        for (Parties.Written w : Parties.read(text)) {
            PartyFound p = new PartyFound();
            p.nameFound = w.segment;
            p.nameLine = lines().get(w.line);
            p.org = organisation(w.name);
            if (p.org == null && !w.name.isEmpty()) {
                p.proposed = propose(w.name, p.nameLine);
            }
            p.role = w.role;
            p.roleLine = w.roleLine >= 0 ? lines().get(w.roleLine) : null;
            p.roleWords = w.roleWords;
            p.alias = w.alias;
            if (w.representative != null) {
                p.repName = w.representative.name();
                p.repTitle = w.representative.title();
                p.repMasked = w.representative.masked();
                p.repLine = lines().get(w.representativeLine);
            } else if (w.representativeNote != null) {
                p.repNote = w.representativeNote;
                p.repLine = lines().get(w.representativeNoteLine);
            }
            parties.add(p);
        }
        if (kind != null && kind.equals("partenariat")) {
            for (PartyFound p : parties) {
                if (p.role == null) {
                    p.role = "partenaire";
                }
            }
        }
    }

    private static final Pattern ACRONYM = Pattern.compile("\\((\\p{Lu}[\\p{L}\\d\\-]{1,14})\\)");

    /** A proposed registry entry: id from its acronym (the direction's, after « Ministère … – »), else its name. */
    private Proposed propose(String name, Line line) {
        List<String> acronyms = new ArrayList<>();
        Matcher a = ACRONYM.matcher(name);
        while (a.find()) {
            acronyms.add(a.group(1));
        }
        String base = acronyms.isEmpty() ? Text.slug(name)
                : Text.slug(name.matches(".*\\)\\s+[–-]\\s+.*") ? acronyms.get(acronyms.size() - 1) : acronyms.get(0));
        if (base.length() > 60) {
            base = base.substring(0, base.lastIndexOf('-', 60) > 0 ? base.lastIndexOf('-', 60) : 60);
        }
        if (base.isEmpty()) {
            base = "organisation";
        }
        String id = base;
        for (int n = 2; taken(id); n++) {
            id = base + "-" + n;
        }
        Proposed p = new Proposed(id, name, List.copyOf(acronyms), line);
        proposed.add(p);
        return p;
    }

    private boolean taken(String id) {
        return orgs.stream().anyMatch(o -> o.id().equals(id)) || proposed.stream().anyMatch(p -> p.id().equals(id));
    }

    /** The registry entry a line names: by acronym in parentheses or alone, else by full name; the most specific. */
    private Org organisation(String line) {
        String folded = " " + Text.fold(line).replaceAll("[^a-z0-9']+", " ") + " ";
        List<Org> hits = new ArrayList<>();
        for (Org o : orgs) {
            boolean byAcronym = o.acronym() != null && line.matches("(?s).*(?<![\\p{L}])" + Pattern.quote(o.acronym()) + "(?![\\p{L}]).*");
            boolean byName = folded.contains(" " + Text.fold(o.name()).replaceAll("[^a-z0-9']+", " ") + " ");
            if (byAcronym || byName) {
                hits.add(o);
            }
        }
        // A direction named with its ministry: keep the direction (its parent is the ministry).
        hits.removeIf(o -> hits.stream().anyMatch(h -> o.id().equals(h.parent())));
        return hits.size() == 1 ? hits.get(0) : null;
    }

    // ---- signatures ------------------------------------------------------------------------------------------

    private static final Pattern SIGNER = Pattern.compile("^(\\p{Lu}[\\p{Ll}'’\\-]+(?:[ \\-]\\p{Lu}[\\p{Ll}'’\\-]+)?)\\s+(\\p{Lu}{2}[\\p{Lu}'’\\- ]*)$");

    /** After « Fait à … »: a block per party (« La DGS, »), its signer's function, then the name in capitals. */
    private void signatures() {
        PartyFound current = null;
        List<String> function = new ArrayList<>();
        Line functionLine = null;
        for (int i = 0; i < lines().size(); i++) {
            if (text.part(i) != Part.SIGNATURE) {
                continue;
            }
            String t = plain(i);
            if (t.isEmpty() || SignedText.SIGNED_AT.matcher(t).find()) {
                continue;
            }
            PartyFound named = t.length() <= 40 ? partyNamedBy(t) : null;
            if (named != null) {
                current = named;
                function.clear();
                continue;
            }
            Matcher m = SIGNER.matcher(t);
            if (current != null && m.matches()) {
                String name = m.group(1) + " " + capitalise(m.group(2).strip());
                if (current.repName == null || !Text.fold(current.repName).equals(Text.fold(name))) {
                    current.signName = name;
                    current.signTitle = function.isEmpty() ? null : String.join(" ", function);
                    current.signLine = lines().get(i);
                    current.signTitleLine = functionLine;
                }
                current = null;
            } else if (current != null) {
                if (function.isEmpty()) {
                    functionLine = lines().get(i);
                }
                function.add(t);
            }
        }
    }

    private PartyFound partyNamedBy(String line) {
        String l = line.replaceAll("[,:]+$", "").strip();
        for (PartyFound p : parties) {
            if (p.shortNames().stream().anyMatch(n -> l.matches("(?i)(le|la|l'|les)\\s*" + Pattern.quote(n)))
                    || p.alias != null && Text.fold(l).equals(Text.fold(p.alias))) {
                return p;
            }
        }
        return null;
    }

    private static String capitalise(String upper) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (char c : upper.toLowerCase(Locale.ROOT).toCharArray()) {
            sb.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ' || c == '-' || c == '\'';
        }
        return sb.toString();
    }

    private List<Object> partyDrafts() {
        List<Object> out = new ArrayList<>();
        for (PartyFound p : parties) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("org", p.org != null ? Draft.found(p.org.id(), p.nameLine, p.nameFound)
                    : p.proposed != null ? new Value(p.proposed.id(), p.nameLine.where() + " : « " + Draft.quote(p.nameFound)
                    + " » is not in data/organisations.yml: the entry proposed for it is written beside the draft")
                    : Draft.unknown(p.nameLine.where() + " : « " + Draft.quote(p.nameFound)
                    + " » is not in data/organisations.yml: add it there, then write its id here"));
            m.put("role", p.role == null ? Draft.unknown("the text gives no role (délégant, partenaire…)")
                    : p.roleLine != null ? Draft.found(p.role, p.roleLine, p.roleWords != null ? p.roleWords : "ci-après « " + p.alias + " »")
                    : new Value(p.role, "every party of a convention de partenariat is a partenaire"));
            if (p.repName != null || p.repTitle != null || p.repMasked) {
                Map<String, Object> rep = new LinkedHashMap<>();
                rep.put("name", p.repName != null ? Draft.found(p.repName, p.repLine, p.repName)
                        : p.repMasked ? Draft.unknown(p.repLine.where() + " : the name is masked in this copy (« Xxxx »): "
                        + "write it from the signed original") : Draft.unknown(p.repLine.where() + " : the text names the function only"));
                rep.put("title", p.repTitle == null || p.repTitle.isEmpty() ? Draft.unknown("no function given")
                        : Draft.found(p.repTitle, p.repLine, p.repTitle));
                m.put("representative", rep);
            } else {
                m.put("representative", Draft.absent(p.repNote != null ? p.repLine.where() + " : " + p.repNote
                        : "no « représenté par » found"));
            }
            if (p.signName != null) {
                Map<String, Object> sign = new LinkedHashMap<>();
                sign.put("name", Draft.found(p.signName, p.signLine, p.signLine.text()));
                sign.put("title", p.signTitle == null ? Draft.unknown("no function above the signature")
                        : Draft.found(p.signTitle, p.signTitleLine, p.signTitle));
                m.put("signatory", sign);
            }
            out.add(m);
        }
        return out;
    }

    // ---- dates -----------------------------------------------------------------------------------------------

    private static final Pattern SIGNED_IN = Pattern.compile("(?:pr[ée]sente\\s+(?:convention|d[ée]l[ée]gation|avenant)[^.]{0,40}?)sign[ée]e?\\s+(?:le|en)\\s+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The date under « Fait à … », or in a sentence saying when it was signed; else the act's date in its heading. */
    private Value signed() {
        Value v = signedAt();
        if (!Draft.missing(v)) {
            return v;
        }
        Heading.Dated h = Heading.date(text);
        return h == null ? v : new Value(h.date(), lines().get(h.index()).where() + " : « " + Draft.quote(h.words())
                + " » (the act's date, in its heading)");
    }

    private Value signedAt() {
        for (int i = 0; i < lines().size(); i++) {
            String t = plain(i);
            boolean signatureLine = text.part(i) == Part.SIGNATURE && SignedText.SIGNED_AT.matcher(t).find()
                    || text.part(i) == Part.ARTICLE && SignedText.SIGNED_AT.matcher(t).find();
            if (signatureLine) {
                // The date may be on the next line, after « le ».
                String both = t + (i + 1 < lines().size() ? " " + plain(i + 1) : "");
                Matcher d = FrenchText.DAY_DATE.matcher(both);
                if (d.find() && FrenchText.date(d) != null) {
                    return Draft.found(FrenchText.date(d), lines().get(i), t);
                }
                Matcher w = FrenchText.WORD_DATE.matcher(both);
                if (w.find() && FrenchText.wordDate(w) != null) {
                    return Draft.found(FrenchText.wordDate(w), lines().get(i), t);
                }
                Matcher m = FrenchText.MONTH_DATE.matcher(both);
                if (m.find()) {
                    return Draft.found(String.format(Locale.ROOT, "%s-%02d", m.group(2), FrenchText.month(m.group(1))),
                            lines().get(i), t);
                }
                return Draft.unknown(lines().get(i).where() + " : « " + Draft.quote(t) + " » gives no date");
            }
            Matcher s = SIGNED_IN.matcher(t);
            if (text.part(i) == Part.ARTICLE && s.find()) {
                String after = t.substring(s.start());
                Matcher d = FrenchText.DAY_DATE.matcher(after);
                if (d.find() && FrenchText.date(d) != null) {
                    return Draft.found(FrenchText.date(d), lines().get(i), d.group());
                }
                Matcher m = FrenchText.MONTH_DATE.matcher(after);
                if (m.find()) {
                    return Draft.found(String.format(Locale.ROOT, "%s-%02d", m.group(2), FrenchText.month(m.group(1))),
                            lines().get(i), m.group());
                }
            }
        }
        return Draft.unknown("no « Fait à …, le … » found");
    }

    private static final Pattern EFFECT = Pattern.compile("(prend\\s+effet|entre(?:ra)?\\s+en\\s+vigueur|prendra\\s+effet)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNTIL = Pattern.compile("jusqu['’]\\s*au\\s+", Pattern.CASE_INSENSITIVE);

    private void effectAndEnd(Map<String, Object> r) {
        Value effective = Draft.unknown("no « prend effet » found");
        Value duration = Draft.unknown("no duration found");
        Value ends = Draft.unknown("no end date found");
        String effectArticle = null;
        for (int i = 0; i < lines().size(); i++) {
            if (text.part(i) != Part.ARTICLE) {
                continue;
            }
            String t = plain(i);
            Matcher e = EFFECT.matcher(t);
            if (e.find() && effectArticle == null) {
                effectArticle = text.article(i);
                String after = Text.fold(t.substring(e.end()));
                Matcher d = FrenchText.DAY_DATE.matcher(t.substring(e.end()));
                String sentence = t.substring(e.start()).split("(?<=\\.)\\s")[0];
                if (after.matches("^[^.]{0,40}publication.*")) {
                    effective = Draft.found("publication", lines().get(i), sentence);
                } else if (after.matches("^[^.]{0,40}signature.*")) {
                    effective = Draft.found("signature", lines().get(i), sentence);
                } else if (d.find() && d.start() < 40 && FrenchText.date(d) != null) {
                    effective = Draft.found(FrenchText.date(d), lines().get(i), sentence);
                }
            }
        }
        for (int i = 0; i < lines().size(); i++) {
            if (text.part(i) != Part.ARTICLE) {
                continue;
            }
            String t = plain(i);
            // « pour une durée de … »: in the article that says when it takes effect, or in any when none does.
            Matcher du = FrenchText.DURATION.matcher(t);
            boolean here = effectArticle == null || effectArticle.equals(text.article(i));
            if (here && du.find() && FrenchText.duration(du) != null && duration.value() == Draft.UNKNOWN) {
                duration = Draft.found(FrenchText.duration(du), lines().get(i), du.group());
            }
            if (effectArticle == null || !effectArticle.equals(text.article(i))) {
                continue;
            }
            Matcher u = UNTIL.matcher(t);
            if (u.find() && ends.value() == Draft.UNKNOWN) {
                Matcher d = FrenchText.DAY_DATE.matcher(t.substring(u.end()));
                if (d.lookingAt() && FrenchText.date(d) != null) {
                    ends = Draft.found(FrenchText.date(d), lines().get(i), u.group() + d.group());
                }
            }
        }
        r.put("effective", effective);
        r.put("duration", duration);
        r.put("ends", ends);
    }

    // ---- products --------------------------------------------------------------------------------------------

    private void products(List<Value> values, List<String> names) {
        Map<String, int[]> first = new LinkedHashMap<>();
        Map<String, String> written = new LinkedHashMap<>();
        for (int i = 0; i < lines().size(); i++) {
            if (text.part(i) == Part.ANNEX) {
                continue;
            }
            String t = lines().get(i).text();
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
                    Line line = lines().get(e.getValue()[0]);
                    values.add(Draft.found(e.getKey(), line, written.get(e.getKey())));
                    names.add(written.get(e.getKey()));
                });
    }

    // ---- obligations -----------------------------------------------------------------------------------------

    private static final List<String[]> OBLIGATIONS = List.of(
            new String[] {"manifesto", "manifeste"},
            new String[] {"intrapreneur", "(nomm|trouv|design|identifi).{0,80}intrapreneur"},
            new String[] {"investment-committee", "comites? d'investissements?"},
            new String[] {"product-sheet", "fiche produit"},
            new String[] {"open-source", "open source|codes? sources? .{0,30}(ouverts?|libres?)"},
            new String[] {"rgpd", "protection des donnees a caractere personnel|\\brgpd\\b"},
            new String[] {"stats-page", "/stats\\b|statistiques du service|indicateurs cles d'impact"},
            new String[] {"risk-analysis", "analyses? de risques?"},
            new String[] {"franceconnect", "france ?connect"},
            new String[] {"je-donne-mon-avis", "je donne mon avis"},
            new String[] {"publication", "publiee?s?\\b.{0,250}?data\\.gouv\\.fr"});

    private List<Object> obligations() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (int i = 0; i < lines().size(); i++) {
            if (text.part(i) != Part.ARTICLE || text.heading(i)) {
                continue;
            }
            String t = plain(i);
            String f = Text.fold(t.replace("*", "")).replace('’', '\'');
            for (String[] o : OBLIGATIONS) {
                if (!found.containsKey(o[0]) && Pattern.compile(o[1]).matcher(f).find()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    Line line = lines().get(i);
                    m.put("type", Draft.found(o[0], line, Draft.quote(t.replaceFirst("^-\\s*", ""))));
                    String article = text.article(i) + (text.section(i) != null ? ", " + text.section(i) : "");
                    m.put("article", new Value(article, "the article the line is in"));
                    m.put("text", new Value(t.replaceFirst("^-\\s*", "").replaceAll("[\\s;,.]*$", "")
                            .replaceAll("[¹²³⁴⁵⁶⁷⁸⁹]", "").replace("*", ""), null));
                    found.put(o[0], m);
                }
            }
        }
        List<Object> out = new ArrayList<>(found.values());
        return out;
    }

    // ---- money -----------------------------------------------------------------------------------------------

    /** Funding lines, their imputations and schedules, and the stated total. */
    private final class Funding {
        private final Map<String, Map<String, Object>> lines = new LinkedHashMap<>();
        private final Map<String, List<Object>> schedules = new LinkedHashMap<>();
        private final Map<String, Map<String, Object>> imputations = new LinkedHashMap<>();
        private final Map<String, Value> years = new LinkedHashMap<>();
        private Value total = Draft.absent("no amount after « montant total », « au total » or « engagement financier » "
                + "in the articles: write the total if the text states one");

        Funding() {
            findLines();
            chorus();
            places();
            table();
            prose();
        }

        private static final Pattern MONEY_LINE = Pattern.compile("autorisations? d'engagement|credits? de paiement|engagement financier"
                + "|participation financiere|contribution financiere|s'eleve a|fixee? a|met(tent)? a disposition|subvention d'un montant");
        private static final Pattern TOTAL = Pattern.compile("montant total|engagement financier|au total|montant global");
        private static final Pattern UO = Pattern.compile("\\b(\\d{4}-[A-Z0-9]{2,6}-[A-Z0-9]{2,6})\\b");

        private void findLines() {
            for (int i = 0; i < lines().size(); i++) {
                if (text.part(i) != Part.ARTICLE || lines().get(i).text().contains("\t")) {
                    continue;
                }
                String t = plain(i);
                String f = Text.fold(t).replace('’', '\'');
                Matcher a = FrenchText.AMOUNT.matcher(t);
                if (!a.find()) {
                    continue;
                }
                boolean money = MONEY_LINE.matcher(f).find() || (i > 0 && MONEY_LINE.matcher(Text.fold(context(i))).find());
                BigDecimal amount = FrenchText.amount(a);
                if (amount == null) {
                    continue;
                }
                // A stated total, whoever pays it (and whether or not the payer is in the registry).
                if (TOTAL.matcher(f).find() && Draft.missing(total)) {
                    total = Draft.found(amount, lines().get(i), a.group());
                }
                PartyFound from = funder(t);
                if (!money || from == null || from.id() == null || lines.containsKey(from.id())) {
                    continue;
                }
                Line line = lines().get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", Draft.found(from.id(), line, t.substring(0, Math.min(t.length(), 80))));
                PartyFound to = recipient(from);
                m.put("to", to == null ? Draft.unknown("no recipient found") : new Value(to.id(),
                        "the " + (to.role != null ? to.role : "other party")));
                m.put("amount", amountValue(t, a, amount, line));
                m.put("tax", tax(t, a, line));
                m.put("credits", credits(f, line, t));
                lines.put(from.id(), m);
                Matcher uo = UO.matcher(t);
                if (uo.find()) {
                    imputation(from.id()).put("uo", Draft.found(uo.group(1), line, uo.group(1)));
                }
            }
        }

        /** The key of the imputation a text names without saying who pays. */
        private static final String NO_PAYER = "";
        private static final Pattern UO_NAMED = Pattern.compile("\\bUO\\s+([A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]+)*)\\b");

        /**
         * Programmes, BOP and UO the text names (title, visas, preamble, articles) that no payer's line holds: kept
         * on a line of their own, its payer and amount left to write, so that none is dropped.
         */
        private void places() {
            for (int i = 0; i < lines().size(); i++) {
                if (text.part(i) == Part.ANNEX || text.part(i) == Part.SIGNATURE || Heading.furniture(plain(i))) {
                    continue;
                }
                String t = plain(i).replace('\t', ' ');
                Line line = lines().get(i);
                Matcher pr = PROGRAMME.matcher(t);
                while (pr.find()) {
                    unowned("programme", pr.group(1), line, pr.group());
                }
                Matcher b = BOP.matcher(t);
                while (b.find()) {
                    unowned("bop", b.group(1) != null ? b.group(1) : b.group(2), line, b.group());
                }
                Matcher uo = UO.matcher(t);
                while (uo.find()) {
                    unowned("uo", uo.group(1), line, uo.group());
                }
                Matcher named = UO_NAMED.matcher(t);
                while (named.find()) {
                    unowned("uo", named.group(1), line, named.group());
                }
            }
        }

        private void unowned(String key, String value, Line line, String words) {
            // Held by a payer's imputation, under any key (« 0181-01-02 » is a domaine fonctionnel there, not a UO).
            boolean held = imputations.values().stream().flatMap(m -> m.values().stream()).anyMatch(x -> x instanceof Value v
                    && value.replaceFirst("^0+", "").equals(String.valueOf(v.value()).replaceFirst("^0+", "")));
            if (!held) {
                imputation(NO_PAYER).putIfAbsent(key, Draft.found(value, line, words));
            }
        }

        /** The previous non-blank line (« mettent à disposition : » before a list). */
        private String context(int i) {
            for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
                if (!lines().get(j).blank() && !lines().get(j).text().startsWith(" -") && !lines().get(j).text().startsWith("-")) {
                    return plain(j);
                }
            }
            return "";
        }

        private Value amountValue(String t, Matcher a, BigDecimal amount, Line line) {
            Matcher w = FrenchText.WORDS.matcher(t);
            if (w.find()) {
                Long words = FrenchText.words(w.group(1));
                if (words != null && BigDecimal.valueOf(words).compareTo(amount) != 0) {
                    return Draft.unknown(line.where() + " : « " + a.group() + " » and « " + w.group()
                            + " » disagree: read the signed text");
                }
                if (words != null) {
                    return Draft.found(amount, line, a.group() + " (" + w.group() + ")");
                }
            }
            return Draft.found(amount, line, a.group());
        }

        private Value tax(String t, Matcher a, Line line) {
            String after = t.substring(a.end(), Math.min(t.length(), a.end() + 8));
            Matcher m = Pattern.compile("^\\s*(?:\\*\\*)?\\s*(HT|TTC)\\b").matcher(after);
            return m.find() ? Draft.found(m.group(1), line, a.group() + " " + m.group(1))
                    : Draft.unknown("neither HT nor TTC after the amount");
        }

        private Value credits(String f, Line line, String t) {
            boolean ae = f.contains("autorisations d'engagement") || f.contains("(ae)");
            boolean cp = f.contains("credits de paiement") || f.contains("(cp)");
            String c = ae && cp ? "AE+CP" : ae ? "AE" : cp ? "CP" : null;
            return c == null ? Draft.unknown("neither AE nor CP named") : Draft.found(c, line, t.substring(Math.max(0, t.length() - 80)));
        }

        private PartyFound funder(String line) {
            Matcher m = Pattern.compile("(?i)\\b(?:pour|de|du|des)\\s+(?:la\\s+|le\\s+|l['’]\\s*)?(\\p{L}[\\p{L}\\-]+)").matcher(line);
            while (m.find()) {
                for (PartyFound p : parties) {
                    if (p.shortNames().stream().anyMatch(n -> n.equalsIgnoreCase(m.group(1)))
                            && !"délégataire".equals(p.role)) {
                        return p;
                    }
                }
            }
            return null;
        }

        private PartyFound recipient(PartyFound from) {
            List<PartyFound> delegataires = parties.stream().filter(p -> "délégataire".equals(p.role) && p.id() != null).toList();
            if (delegataires.size() == 1) {
                return delegataires.get(0);
            }
            List<PartyFound> others = parties.stream().filter(p -> p != from && p.id() != null).toList();
            return parties.size() == 2 && others.size() == 1 && !"délégant".equals(from.role) ? others.get(0) : null;
        }

        private Map<String, Object> imputation(String funder) {
            return imputations.computeIfAbsent(funder, k -> new LinkedHashMap<>());
        }

        private static final Map<String, String> CHORUS = Map.of("domaine fonctionnel", "domaine_fonctionnel",
                "centre financier", "centre_financier", "activite", "activite", "activites", "activite",
                "centre de cout", "centre_de_cout", "centre de couts", "centre_de_cout", "programme", "programme",
                "unite operationnelle", "uo", "uo", "uo", "fonds de concours", "fonds_de_concours");
        private static final Pattern CHORUS_LINE = Pattern.compile("^([\\p{L} ()']+?)\\s*(?:\\(s\\))?\\s*[:\\t]\\s*([0-9A-Z][0-9A-Z\\-]{2,})\\s*$");
        private static final Pattern FOR_PARTY = Pattern.compile("(?i)^pour\\s+(?:la|le|l['’])\\s*(\\S+)\\s*:\\s*$");
        private static final Pattern PROGRAMME = Pattern.compile("programme\\s+(?:budg[ée]taire\\s+)?(?:n°\\s*)?(\\d{3,4})\\b");
        private static final Pattern BOP = Pattern.compile("\\(BOP\\)\\s+([A-Z0-9]{2,10})\\b|\\bBOP\\s+([A-Z0-9]{2,10})\\b");
        private static final Pattern FONDS = Pattern.compile("fonds de concours\\s+(?:n°\\s*)?(\\d[\\d\\-]{4,})");

        /** « Pour la DGPR : » then « Domaine fonctionnel : 0181-01-02 » …; and programme, BOP, fonds de concours in prose. */
        private void chorus() {
            String funder = null;
            for (int i = 0; i < lines().size(); i++) {
                if (text.part(i) != Part.ARTICLE) {
                    continue;
                }
                String t = plain(i).replace('\t', ' ').strip();
                String raw = lines().get(i).text();
                Matcher fp = FOR_PARTY.matcher(t);
                if (fp.matches()) {
                    PartyFound p = funder("pour la " + fp.group(1));
                    funder = p == null ? null : p.id();
                    continue;
                }
                Matcher c = CHORUS_LINE.matcher(raw.contains("\t") ? raw.replace("\t", " : ").replaceAll(":\\s*:", ":").strip() : t);
                if (funder != null && c.matches()) {
                    String label = Text.fold(c.group(1)).replaceAll("\\s*\\(s\\)", "").strip();
                    String key = CHORUS.get(label);
                    if (key != null) {
                        imputation(funder).putIfAbsent(key, Draft.found(c.group(2), lines().get(i), t));
                    }
                    continue;
                }
                // The block goes on over its headings (« Références Chorus : », « Axe ministériel 1 »).
                boolean blockLine = t.endsWith(":") || Text.fold(t).contains("chorus") || Text.fold(t).startsWith("axe ");
                if (funder != null && !t.isEmpty() && !blockLine) {
                    funder = null;
                }
                prosePlaces(i, t);
            }
        }

        /** Programme, BOP and fonds de concours named in a sentence that names one funder or one of its UO. */
        private void prosePlaces(int i, String t) {
            String owner = null;
            Matcher uo = UO.matcher(t);
            if (uo.find()) {
                for (Map.Entry<String, Map<String, Object>> e : imputations.entrySet()) {
                    Object v = e.getValue().get("uo");
                    if (v instanceof Value val && uo.group(1).equals(val.value())) {
                        owner = e.getKey();
                    }
                }
            }
            if (owner == null && (Text.fold(t).contains("imput") || FONDS.matcher(Text.fold(t)).find())) {
                PartyFound p = funder(t);
                owner = p == null ? null : p.id();
            }
            if (owner == null) {
                return;
            }
            Line line = lines().get(i);
            Matcher pr = PROGRAMME.matcher(t);
            if (pr.find()) {
                imputation(owner).putIfAbsent("programme", Draft.found(pr.group(1), line, pr.group()));
            }
            Matcher b = BOP.matcher(t);
            if (b.find()) {
                String bop = b.group(1) != null ? b.group(1) : b.group(2);
                imputation(owner).putIfAbsent("bop", Draft.found(bop, line, b.group()));
            }
            Matcher f = FONDS.matcher(t);
            if (f.find()) {
                imputation(owner).putIfAbsent("fonds_de_concours", Draft.found(f.group(1), line, f.group()));
            }
        }

        private static final Pattern FUNDER_COLON = Pattern.compile("(?i)pour\\s+(?:la|le|l['’])\\s*(\\p{L}+)\\s*:");
        private static final Pattern FUNDER_INLINE = Pattern.compile("(?i)pour\\s+(?:la|le|l['’])\\s*(\\p{L}+)(?!\\s*:)");

        /** An AE/CP schedule table: a header with AE and CP, rows starting with a year. */
        private void table() {
            int ae = -1;
            int cp = -1;
            for (int i = 0; i < lines().size(); i++) {
                String raw = lines().get(i).text();
                if (text.part(i) != Part.ARTICLE || !raw.contains("\t")) {
                    ae = raw.isBlank() ? ae : -1;
                    continue;
                }
                String[] cells = raw.split("\t", -1);
                int a = -1;
                int c = -1;
                for (int k = 0; k < cells.length; k++) {
                    if (cells[k].strip().equals("AE")) {
                        a = k;
                    } else if (cells[k].strip().equals("CP")) {
                        c = k;
                    }
                }
                if (a >= 0 && c >= 0) {
                    ae = a;
                    cp = c;
                    continue;
                }
                if (ae >= 0 && cells[0].strip().matches("\\d{4}")) {
                    String year = cells[0].strip();
                    if (ae < cells.length) {
                        cell("AE", cells[ae], year, lines().get(i));
                    }
                    if (cp < cells.length) {
                        cell("CP", cells[cp], year, lines().get(i));
                    }
                }
            }
        }

        private void cell(String credit, String cell, String year, Line line) {
            List<int[]> colons = new ArrayList<>();
            Matcher fc = FUNDER_COLON.matcher(cell);
            while (fc.find()) {
                colons.add(new int[] {fc.start(), fc.end()});
            }
            Matcher a = FrenchText.AMOUNT.matcher(cell);
            List<int[]> amounts = new ArrayList<>();
            while (a.find()) {
                amounts.add(new int[] {a.start(), a.end()});
            }
            for (int k = 0; k < amounts.size(); k++) {
                int start = amounts.get(k)[0];
                int end = k + 1 < amounts.size() ? amounts.get(k + 1)[0] : cell.length();
                for (int[] col : colons) {
                    if (col[0] > start && col[0] < end) {
                        end = col[0];
                    }
                }
                String words = cell.substring(amounts.get(k)[1], end);
                String funder = null;
                Matcher inline = FUNDER_INLINE.matcher(words);
                if (inline.find()) {
                    funder = funderId(inline.group(1));
                } else {
                    for (int[] col : colons) {
                        if (col[1] <= start) {
                            Matcher m = FUNDER_COLON.matcher(cell.substring(col[0], col[1]));
                            funder = m.find() ? funderId(m.group(1)) : null;
                        }
                    }
                }
                Matcher am = FrenchText.AMOUNT.matcher(cell.substring(start));
                BigDecimal amount = am.find() ? FrenchText.amount(am) : null;
                if (funder == null || amount == null) {
                    continue;
                }
                String fw = Text.fold(words);
                Object when = null;
                if (fw.contains("signature")) {
                    when = "signature";
                } else {
                    Matcher mo = FrenchText.MONTH_NAME.matcher(words);
                    if (mo.find()) {
                        when = String.format(Locale.ROOT, "%s-%02d", year, FrenchText.month(mo.group(1)));
                    }
                }
                String quoted = cell.substring(start, end).strip();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("credit", new Value(credit, "column " + credit));
                item.put("when", when == null ? Draft.unknown("no date or event after the amount")
                        : Draft.found(when, line, quoted));
                item.put("amount", Draft.found(amount, line, quoted));
                if (fw.contains("maximum")) {
                    item.put("maximum", Draft.found(true, line, quoted));
                }
                String note = words.replaceAll("(?i)pour\\s+(?:la|le|l['’])\\s*\\p{L}+", "").strip();
                if (!note.isEmpty()) {
                    item.put("note", new Value(Draft.quote(cell.substring(start, end).replaceAll(
                            "(?i)\\s*pour\\s+(?:la|le|l['’])\\s*\\p{L}+\\s*", " ")), null));
                }
                schedules.computeIfAbsent(funder, f -> new ArrayList<>()).add(item);
                years.putIfAbsent(funder, Draft.found(Integer.valueOf(year), line, year));
            }
        }

        private String funderId(String word) {
            PartyFound p = funder("pour la " + word);
            return p == null ? null : p.id();
        }

        private static final Pattern ONE_PAYMENT = Pattern.compile("en un (?:seul )?versement (?:des|a) (?:la )?signature");

        /** « en un versement dès signature »: one installment of the whole amount. */
        private void prose() {
            if (lines.size() != 1) {
                return;
            }
            String funder = lines.keySet().iterator().next();
            for (int i = 0; i < lines().size(); i++) {
                String t = plain(i);
                Matcher m = ONE_PAYMENT.matcher(Text.fold(t));
                if (text.part(i) == Part.ARTICLE && m.find() && !schedules.containsKey(funder)) {
                    Value amount = (Value) lines.get(funder).get("amount");
                    if (amount.value() == Draft.UNKNOWN) {
                        return;
                    }
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("when", Draft.found("signature", lines().get(i), t.substring(m.start(), m.end())));
                    item.put("amount", new Value(amount.value(), "the whole amount, in one payment"));
                    item.put("note", new Value(Draft.quote(t.substring(m.start()).replaceAll("[.]$", "")), null));
                    schedules.put(funder, new ArrayList<>(List.of(item)));
                }
            }
        }

        Value total() {
            return total;
        }

        List<Object> drafts() {
            List<Object> out = new ArrayList<>();
            for (Map.Entry<String, Map<String, Object>> e : lines.entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>(e.getValue());
                m.put("year", years.getOrDefault(e.getKey(), Draft.unknown("no budget year given")));
                Map<String, Object> imp = imputations.get(e.getKey());
                if (imp != null && !imp.isEmpty()) {
                    Map<String, Object> ordered = new LinkedHashMap<>();
                    for (String k : List.of("programme", "fonds_de_concours", "bop", "uo", "centre_financier",
                            "domaine_fonctionnel", "activite", "centre_de_cout")) {
                        if (imp.containsKey(k)) {
                            ordered.put(k, imp.get(k));
                        }
                    }
                    m.put("imputation", ordered);
                }
                m.put("schedule", schedules.getOrDefault(e.getKey(), List.of()));
                out.add(m);
            }
            Map<String, Object> places = imputations.get(NO_PAYER);
            if (places != null && !places.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", Draft.unknown("the text names this imputation but not who pays on it"));
                m.put("to", Draft.unknown("no recipient found"));
                m.put("amount", Draft.absent("the text names the imputation but no amount for it: write it"));
                Map<String, Object> ordered = new LinkedHashMap<>();
                for (String k : List.of("programme", "bop", "uo")) {
                    if (places.containsKey(k)) {
                        ordered.put(k, places.get(k));
                    }
                }
                m.put("imputation", ordered);
                out.add(m);
            }
            return out;
        }
    }
}
