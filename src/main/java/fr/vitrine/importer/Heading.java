package fr.vitrine.importer;

import fr.vitrine.model.Text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The head of an act as journals and bulletins print it: which lines are the publication's furniture (journal and
 * bulletin headers, NOR, ELI, publication references, a mirror's page furniture), which line is the act's own title,
 * and the act's date when its heading gives it (« Convention du 24 novembre 2023 », « Du 04 mai 2018 »).
 */
final class Heading {

    private Heading() {
    }

    /** Lines a journal, a bulletin or a copying site adds around an act; never a title, a party or a date. */
    private static final Pattern FURNITURE = Pattern.compile("^(?:"
            + "jorf\\b|j\\.o\\.|journal officiel|bulletin officiel|bo le bulletin officiel|le bulletin officiel"
            + "|nor\\s*:?\\s*[a-z]|eli\\s*:?|alias\\s*:|texte n|version initiale|> ?telecharger|telecharger au format"
            + "|reference de publication|references? \\(s\\)|classement dans|piece\\(s\\) jointe|autre\\(s\\) version"
            + "|texte\\(s\\) abroge|precedent modificatif|archive\\b|ce texte est une simplification|il n'a pas de valeur legale"
            + "|resume\\b|jurisdiction|record number|date de publication|publication au|enactment date"
            + "|transcription$|aucun resultat trouve|partager\\b|copied!?$|n/a$|protected$|academic year|texte integral"
            + "|dimension\\s*:|commencer a balayer|download\\b|page \\d+ sur \\d+|\\(?\\d{1,3}\\)?$|trame de fiche"
            + ")", Pattern.CASE_INSENSITIVE);

    /** « MENJ – SAAM C MTE », « MENESR - SAAM D1 »: a bulletin's issuing-office code, in capitals. */
    private static final Pattern OFFICE_CODE = Pattern.compile("^[A-Z]{3,}\\s*[–-]\\s*[A-Z0-9 ]+$");

    static boolean furniture(String line) {
        String f = Text.fold(line.strip()).replace('’', '\'').replaceFirst("^[•*>\\-\\s]+", "");
        return FURNITURE.matcher(f).find() || OFFICE_CODE.matcher(line.strip()).matches();
    }

    /** The words an act's title starts with. */
    private static final Pattern ACT = Pattern.compile("^(?:convention|delegation de gestion|delegation du|avenant"
            + "|protocole|contrat|accord)\\b");

    /** Where the parties' block starts: « Entre », « La présente convention est conclue entre : ». */
    static final Pattern BETWEEN = Pattern.compile("^(?:entre(?: les soussignes)?\\b|la presente (?:convention|delegation|avenant)\\b.*\\bentre\\s*:?$)"
            + "|\\bentre(?: les soussignes)?\\s*:?\\s*$|\\bentre les soussignes\\b");

    /** True when the line is, or starts, the parties' block. */
    static boolean between(String line) {
        return BETWEEN.matcher(Text.fold(line.strip()).replace('’', '\'')).find();
    }

    /**
     * The index of the act's title: the first line before the parties that starts like an act (« Convention »,
     * « Délégation de gestion », « Avenant »), the publication's furniture aside; -1 when none comes first.
     */
    static int title(SignedText text) {
        for (int i = 0; i < text.lines.size(); i++) {
            String t = SignedText.plain(text.lines.get(i).text());
            if (t.isEmpty() || furniture(t)) {
                continue;
            }
            String f = Text.fold(t);
            if (between(t) && !ACT.matcher(f).find() || f.startsWith("vu ") || f.startsWith("il a ete")
                    || f.startsWith("preambule") || f.matches("la presente convention met en (oe|œ)uvre.*")) {
                return -1;
            }
            if (ACT.matcher(f).find() && t.length() <= 300) {
                return i;
            }
        }
        return -1;
    }

    /** The act's date in its heading: after the act's name and number (not a parent's « à la convention du »). */
    private static final Pattern HEADING_DATE = Pattern.compile("^(?:(?:convention|delegation(?: de gestion)?|avenant|protocole)"
            + "(?:\\s+n\\s*[°o]?\\s*\\d+|\\s+[a-z0-9]*\\d[a-z0-9-]*)?\\s+du\\s+|du\\s+|date\\s*:\\s*)(?=\\S)", Pattern.CASE_INSENSITIVE);

    /** The heading's date, as {@code YYYY-MM-DD}, with its line's index; null when the heading gives none. */
    static Dated date(SignedText text) {
        int end = text.lines.size();
        for (int i = 0; i < end; i++) {
            String t = SignedText.plain(text.lines.get(i).text());
            if (t.isEmpty() || furniture(t)) {
                continue;
            }
            String f = Text.fold(t);
            if (between(t) || f.startsWith("vu ") || f.startsWith("il a ete") || f.startsWith("preambule")) {
                return null;
            }
            Matcher h = HEADING_DATE.matcher(f);
            if (h.find()) {
                String rest = t.substring(h.end());
                Matcher d = FrenchText.DAY_DATE.matcher(rest);
                if (d.lookingAt() && FrenchText.date(d) != null) {
                    return new Dated(FrenchText.date(d), i, t.substring(0, h.end()) + d.group());
                }
            }
        }
        return null;
    }

    /** A date read from the line at {@code index}, with the words it was read from. */
    record Dated(String date, int index, String words) {
    }
}
