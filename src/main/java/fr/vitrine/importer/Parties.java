package fr.vitrine.importer;

import fr.vitrine.model.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parties as an act's head writes them: the block from « Entre » to the visas or the preamble, cut into parties
 * at « et », « d'une part / d'autre part », « de deuxième part », « en présence de »; for each, its name as written,
 * the role and short name it is « ci-après dénommé(e) » or « désigné(e) sous le terme de », and its representative.
 * A group's designation (« désignés sous le terme de « co-délégataires » ») gives its role to every party of the
 * group. Decides nothing about the registry: the caller matches names to organisations.
 */
final class Parties {

    private Parties() {
    }

    /** A party read from the head; indexes are line indexes of the text. */
    static final class Written {
        String segment;
        String name;
        int line;
        String role;
        String alias;
        int roleLine = -1;
        String roleWords;
        Representative representative;
        int representativeLine = -1;
        /** Why the representative is not drafted (masked, several ministers), or null. */
        String representativeNote;
        int representativeNoteLine = -1;
    }

    /** A representative: a name (null when the text gives only a function) and a function (null when none). */
    record Representative(String name, String title, boolean masked) {
    }

    private static final Pattern END = Pattern.compile("^(?:vu\\b|il a ete|il est (?:convenu|prealablement)|preambule"
            + "|considerant|cela etant|ceci expose|expose prealable|dans la presente|la presente convention (?:a pour|est conclue en)"
            + "|article\\b|\\d+\\.\\s)");
    /** Inline separators between parties; each closes the party before it. */
    private static final Pattern SEPARATOR = Pattern.compile("\\s*[,;]?\\s*\\bd['’ ]\\s?(?:une|autre) part\\b\\s*[,;.]?"
            + "|\\s*[,;]?\\s*\\bde (?:premi[èe]re|deuxi[èe]me|troisi[èe]me|quatri[èe]me) part\\b\\s*[,;.]?"
            + "|\\b(?:en pr[ée]sence de|et de)\\s*:"
            + "|(?<=»)\\s*,\\s+(?=(?:la |le |l['’])?\\p{Lu}\\p{L}+[ ,])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String CLOSE = "\u0000";
    private static final Pattern CONNECTOR = Pattern.compile("^(?:et|ou)\\b\\s*:?\\s*(?:,\\s*)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_AND = Pattern.compile("\\s*,?\\s+(?:et|ET|Et)\\s*:?\\s*$");
    private static final Pattern CONTINUATION = Pattern.compile("^(?:repr[ée]sent|ci-?\\s?apr[èe]s|d[ée]sign|d[ée]nomm"
            + "|adresse|dont\\b|sise?\\b|agissant|identifi|soci[ée]t[ée]|[ée]tablissement|intervenant|au capital"
            + "|inscrite?|domicili|nomm|ayant\\b|association|groupement|immatricul|et ci-?\\s?apr|toute?s? deux|tous deux)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern GROUP = Pattern.compile("^(?:ou\\s+)?(?:ci-?\\s?apr[èe]s\\s+)?(?:(?:collectivement|ensemble)\\s+)?"
            + "(?:d[ée]sign[ée]e?s|d[ée]nomm[ée]e?s)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern REPRESENTED = Pattern.compile("repr[ée]sent[ée]e?s?\\s+par\\s+(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern DESIGNATION = Pattern.compile("(?:ci-?\\s?apr[èe]s|d[ée]sign[ée]e?s?|d[ée]nomm[ée]e?s?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern QUOTED = Pattern.compile("[«“\"]\\s*([^«»“”\"]{1,60}?)\\s*[»”\"]");

    /** The parties of the head of {@code text}, in the order written; empty when it has no « Entre » block. */
    static List<Written> read(SignedText text) {
        List<Written> parties = new ArrayList<>();
        Written current = null;
        int group = 0;
        boolean in = false;
        for (int i = 0; i < text.lines.size() && text.part(i) != SignedText.Part.ARTICLE; i++) {
            String t = SignedText.plain(text.lines.get(i).text());
            boolean opens = !in && Heading.between(t);
            if (t.isEmpty() || Heading.furniture(t) && !opens) {
                continue;
            }
            if (!in) {
                Matcher b = Heading.BETWEEN.matcher(Text.fold(t).replace('’', '\''));
                if (!b.find()) {
                    continue;
                }
                in = true;
                t = t.substring(Math.min(t.length(), b.end())).replaceFirst("^[\\s:,]+", "");
            }
            if (END.matcher(Text.fold(t).replace('’', '\'')).find()) {
                break;
            }
            String[] pieces = SEPARATOR.matcher(t).replaceAll(CLOSE).split(CLOSE, -1);
            for (int k = 0; k < pieces.length; k++) {
                String p = pieces[k].strip().replaceFirst("^[•*\\-]\\s*", "");
                boolean closeAfter = k < pieces.length - 1;
                boolean endsParty = p.endsWith(";");
                Matcher tail = TRAILING_AND.matcher(p);
                if (tail.find()) {
                    p = p.substring(0, tail.start()).strip();
                    closeAfter = true;
                }
                Matcher c = CONNECTOR.matcher(p);
                if (c.lookingAt()) {
                    String rest = p.substring(c.end()).strip();
                    if (rest.isEmpty() || !CONTINUATION.matcher(rest).lookingAt() && !Character.isLowerCase(rest.codePointAt(0))
                            || rest.matches("(?iu)^(?:la|le|les|l['’]).*")) {
                        current = null;
                        group = parties.size();
                    }
                    p = rest;
                }
                if (END.matcher(Text.fold(p).replace('’', '\'')).find()) {
                    return parties;
                }
                if (!p.isEmpty() && !Heading.furniture(p)) {
                    if (GROUP.matcher(p).lookingAt()) {
                        String role = role(p);
                        for (Written w : parties.subList(Math.min(group, parties.size()), parties.size())) {
                            if (w.role == null && role != null) {
                                w.role = role;
                                w.roleLine = i;
                                w.roleWords = p;
                            }
                        }
                        current = null;
                        group = parties.size();
                    } else {
                        if (current == null || opensParty(current, p)) {
                            current = new Written();
                            current.segment = p;
                            current.name = name(p);
                            current.line = i;
                            parties.add(current);
                        }
                        describe(current, p, i, parties);
                    }
                }
                if (closeAfter) {
                    current = null;
                    group = parties.size();
                } else if (endsParty) {
                    current = null;
                }
            }
        }
        return in ? parties : List.of();
    }

    private static final Pattern ARTICLE_NOUN = Pattern.compile("^(?:la|le|les|l['’])\\s*\\p{L}", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Whether a piece starts another party while one is open: once the open one has its « ci-après » name or role,
     * anything but a continuation (« représenté par », « Adresse : »); once it has its representative, a piece
     * starting with an article (« Le service … »). An address line (« 14 avenue Duquesne ») continues it.
     */
    private static boolean opensParty(Written current, String p) {
        if (CONTINUATION.matcher(p).lookingAt() || Character.isLowerCase(p.codePointAt(0)) && !ARTICLE_NOUN.matcher(p).lookingAt()) {
            return false;
        }
        return current.role != null || current.alias != null
                || (current.representative != null || current.representativeNote != null) && ARTICLE_NOUN.matcher(p).lookingAt();
    }

    /** The role, short name and representative a piece of a party's text gives. */
    private static void describe(Written w, String p, int line, List<Written> parties) {
        Matcher d = DESIGNATION.matcher(p);
        if (d.find()) {
            Matcher q = QUOTED.matcher(p.substring(d.start()));
            while (q.find()) {
                String quoted = q.group(1).strip();
                String role = role(quoted);
                if (role != null && w.role == null) {
                    w.role = role;
                    w.roleLine = line;
                    w.roleWords = q.group();
                } else if (role == null && w.alias == null) {
                    w.alias = quoted;
                }
            }
        }
        Matcher r = REPRESENTED.matcher(p);
        if (r.find()) {
            boolean both = p.matches("(?iu)^(?:toute?s? deux|tous deux)\\b.*");
            String rest = r.group(1);
            Representative rep = representative(rest);
            List<Written> who = both && parties.size() >= 2 ? parties.subList(parties.size() - 2, parties.size()) : List.of(w);
            for (Written x : who) {
                if (x.representative != null || x.representativeNote != null) {
                    continue;
                }
                if (rep != null && rep.masked()) {
                    x.representative = new Representative(null, rep.title(), true);
                } else {
                    x.representative = rep;
                }
                x.representativeLine = line;
                if (rep == null && Text.fold(rest).contains("ministre")) {
                    x.representativeNote = "represented by members of the Government: write the one who signs";
                    x.representativeNoteLine = line;
                }
            }
        }
    }

    private static final Pattern NAME_END = Pattern.compile("\\s*,?\\s+(?:repr[ée]sent|dont\\b|sise?\\b|ci-?\\s?apr|d[ée]sign"
            + "|d[ée]nomm|adresse\\b|identifi|ayant\\b|agissant)|\\s*,\\s*(?:[ée]tablissement|soci[ée]t[ée]|association|groupement"
            + "|EPIC\\b|institu|cr[ée]{2}|immatricul|nomm|\\d)|\\s*[,;:]\\s*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The party's name as written: its first words, up to « , représenté », « dont le siège », « ci-après »… */
    static String name(String segment) {
        Matcher m = NAME_END.matcher(segment);
        String n = m.find() ? segment.substring(0, m.start()) : segment;
        return n.strip().replaceFirst("(?i)^(?:la |le |les |l['’]\\s*)", "").replaceAll("[,;:.]+$", "").strip();
    }

    /** délégant, délégataire (co-délégataires too), bénéficiaire, attribuant or partenaire, or null. */
    static String role(String words) {
        String a = Text.fold(words);
        if (a.contains("delegataire")) {
            return "délégataire";
        }
        if (a.contains("delegant")) {
            return "délégant";
        }
        if (a.contains("beneficiaire")) {
            return "bénéficiaire";
        }
        if (a.contains("attribuant")) {
            return "attribuant";
        }
        return a.contains("partenaire") ? "partenaire" : null;
    }

    // ---- representatives -------------------------------------------------------------------------------------

    private static final String WORD = "\\p{Lu}[\\p{L}'’\\-]+";
    private static final String PARTICLE = "(?:de|du|des|d['’]|le|la|van|von|xx)";
    private static final String NAME = WORD + "(?:\\s+(?:" + PARTICLE + "\\s+)?" + WORD + "){1,3}";
    private static final Pattern HONORIFIC = Pattern.compile("(?:\\bM\\.|\\bMme\\b|\\b[Mm]onsieur\\b|\\b[Mm]adame\\b)\\s*(" + NAME + ")");
    private static final Pattern NAME_FIRST = Pattern.compile("^(" + NAME + ")");
    private static final Pattern CAPITALS = Pattern.compile("(?<![\\p{L}(])(" + WORD + "(?:\\s+(?:" + PARTICLE + "\\s+)?" + WORD + ")*)");
    private static final Pattern NAME_LAST = Pattern.compile("(?:,\\s*|\\s)(" + NAME + ")\\s*$");
    private static final Set<String> FUNCTION_WORDS = Set.of("directeur", "directrice", "president", "presidente", "general",
            "generale", "secretaire", "chef", "prefet", "prefete", "recteur", "rectrice", "ministre", "interministeriel",
            "interministerielle", "adjoint", "adjointe", "delegue", "deleguee", "vice", "sous-directeur", "sous-directrice",
            "premier", "premiere", "commissaire", "inspecteur", "inspectrice", "maire", "proviseur");
    private static final Pattern STOP = Pattern.compile("(?:,\\s*|\\s+)(?:ci-?\\s?apr[èe]s|d[ée]sign[ée]e?s?\\b|d[ée]nomm[ée]e?s?\\b"
            + "|nomm[ée]e?s? [àa]|habilit[ée]|sp[ée]cialement|intervenant|d['’ ]\\s?une part|d['’ ]\\s?autre part"
            + "|de (?:premi|deuxi|troisi)[èe]me part|et ci-?\\s?apr)|\\s*;|,\\s*(?:Et|ET|et)\\s*:?\\s*$|\\s+Et\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern QUALITY = Pattern.compile("(?:en sa qualit[ée] de|agissant en (?:sa )?qualit[ée] de|en qualit[ée] de)\\s+(.+)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ARTICLE = Pattern.compile("^(?:son|sa|ses|leur|le|la|l['’])\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * Who « représenté(e) par » names: « Marine LE BEUX, directrice administrative et financière », « son président,
     * M. Christian BODIN », « l'ingénieur général … Guilhem REBOUL, directeur des opérations », « le directeur des
     * opérations » (a function only). The function stops before the role clause (« , ci-après dénommé », « désigné
     * sous le terme », « d'une part »). Null when it names no one (« l'un de ses gérants », several ministers, a blank).
     */
    static Representative representative(String rest) {
        Matcher s = STOP.matcher(rest);
        String c = (s.find() ? rest.substring(0, s.start()) : rest).strip().replaceAll("[,;.]+$", "").strip();
        String f = Text.fold(c);
        if (c.isEmpty() || f.startsWith("l'un ") || f.startsWith("l’un ") || f.startsWith("un de")
                || f.contains("ministre") && (c.contains(",") || f.contains(" et "))) {
            return null;
        }
        String name = null;
        String before = "";
        String after = "";
        Matcher m = HONORIFIC.matcher(c);
        if (m.find()) {
            name = m.group(1);
            before = c.substring(0, m.start());
            after = c.substring(m.end());
        } else if ((m = NAME_FIRST.matcher(c)).find() && !function(m.group(1))) {
            name = m.group(1);
            after = c.substring(m.end());
        } else if ((m = NAME_LAST.matcher(c)).find() && ARTICLE.matcher(c).lookingAt()) {
            name = m.group(1);
            before = c.substring(0, m.start());
        } else {
            m = CAPITALS.matcher(c);
            while (m.find()) {
                if (m.group(1).split("\\s+").length >= 2 && m.group(1).matches(".*\\b\\p{Lu}{2,}\\b.*")) {
                    name = m.group(1);
                    before = c.substring(0, m.start());
                    after = c.substring(m.end());
                    break;
                }
            }
        }
        if (name != null) {
            // « Directeur Général Xxxx Xxxx »: the function's capitalised words are not the name.
            String[] words = name.split("\\s+");
            int k = 0;
            while (k < words.length - 1 && function(words[k])) {
                k++;
            }
            if (k > 0) {
                before = before + " " + String.join(" ", java.util.Arrays.copyOfRange(words, 0, k));
                name = String.join(" ", java.util.Arrays.copyOfRange(words, k, words.length));
            }
            if (name.split("\\s+").length < 2 || function(name)) {
                before = c;
                after = "";
                name = null;
            }
        }
        String title;
        Matcher q = QUALITY.matcher(c);
        if (q.find()) {
            title = q.group(1);
        } else if (name != null && after.replaceFirst("^[\\s,]+", "").matches("(?s).*\\p{L}.*")) {
            title = after.replaceFirst("^[\\s,]+", "");
        } else if (name != null) {
            title = ARTICLE.matcher(before.strip()).replaceFirst("");
        } else {
            title = ARTICLE.matcher(c).lookingAt() ? ARTICLE.matcher(c).replaceFirst("") : null;
        }
        title = title == null ? null : cutTitle(title);
        if (title != null && (!title.matches("(?s).*\\p{L}.*") || title.isEmpty())) {
            title = null;
        }
        boolean masked = name != null && name.matches("(?:[Xx]{2,}\\S*)(?:\\s+[Xx]+\\S*)*")
                && name.chars().filter(ch -> Character.toLowerCase(ch) == 'x').count() >= name.replace(" ", "").length() - 2;
        if (name == null && title == null) {
            return null;
        }
        return new Representative(masked ? null : name, title, masked);
    }

    private static boolean function(String words) {
        for (String w : Text.fold(words).split("\\s+")) {
            if (FUNCTION_WORDS.contains(w.replaceAll("[,.]", ""))) {
                return true;
            }
        }
        return false;
    }

    /** A function without what follows it: « …, agissant par délégation », « (décret …) », the final comma. */
    static String cutTitle(String t) {
        String s = t.replaceAll("(?i),?\\s*agissant\\b.*$", "").replaceAll("\\s*\\(.*$", "").strip();
        return s.replaceAll("[,;.]+$", "").strip();
    }

}
