package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The draft's parties: each party the head writes (see {@link Parties}) matched to the registry or proposed for it,
 * its signatory read after « Fait à … », and the parties' entries of the draft.
 */
final class PartyDrafts {

    /** An organisation of the registry, with the names a text may call it by. */
    record Org(String id, String name, String acronym, String parent) {
    }

    /** A party found in the text's head. */
    static final class PartyFound {
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
    private final String kind;
    private final List<PartyFound> parties = new ArrayList<>();
    private final List<Proposed> proposed = new ArrayList<>();

    /** Reads the parties of {@code text}, then their signatures; {@code kind} is the drafted kind, or null. */
    PartyDrafts(SignedText text, List<Org> orgs, String kind) {
        this.text = text;
        this.orgs = orgs;
        this.kind = kind;
        parties();
        signatures();
    }

    /** The parties found, in the order written. */
    List<PartyFound> found() {
        return List.copyOf(parties);
    }

    /** The parties (and so payers) the registry lacks, each with its proposed entry. */
    List<Proposed> proposed() {
        return List.copyOf(proposed);
    }


    /** The head's parties (see {@link Parties}), each matched to the registry or proposed for it. */
    private void parties() {
        for (Parties.Written w : Parties.read(text)) {
            PartyFound p = new PartyFound();
            p.nameFound = w.segment;
            p.nameLine = text.lines.get(w.line);
            p.org = organisation(w.name);
            if (p.org == null && !w.name.isEmpty()) {
                p.proposed = propose(w.name, p.nameLine);
            }
            p.role = w.role;
            p.roleLine = w.roleLine >= 0 ? text.lines.get(w.roleLine) : null;
            p.roleWords = w.roleWords;
            p.alias = w.alias;
            if (w.representative != null) {
                p.repName = w.representative.name();
                p.repTitle = w.representative.title();
                p.repMasked = w.representative.masked();
                p.repLine = text.lines.get(w.representativeLine);
            } else if (w.representativeNote != null) {
                p.repNote = w.representativeNote;
                p.repLine = text.lines.get(w.representativeNoteLine);
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
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.SIGNATURE) {
                continue;
            }
            String t = text.plain(i);
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
                    current.signLine = text.lines.get(i);
                    current.signTitleLine = functionLine;
                }
                current = null;
            } else if (current != null) {
                if (function.isEmpty()) {
                    functionLine = text.lines.get(i);
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

    List<Object> drafts() {
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
}
