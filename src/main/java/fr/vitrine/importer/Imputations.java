package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.PartyDrafts.PartyFound;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the money is imputed, by payer: the Chorus block (« Pour la DGPR : » then « Domaine fonctionnel : … »), the
 * programme, BOP, UO and fonds de concours a sentence names for one payer, and those the text names for no payer.
 */
final class Imputations {

    /** The key of the imputation a text names without saying who pays. */
    static final String NO_PAYER = "";
    static final Pattern UO = Pattern.compile("\\b(\\d{4}-[A-Z0-9]{2,6}-[A-Z0-9]{2,6})\\b");
    private static final Pattern UO_NAMED = Pattern.compile("\\bUO\\s+([A-Z][A-Z0-9]{1,9}(?:-[A-Z0-9]+)*)\\b");
    private static final Map<String, String> CHORUS = Map.of("domaine fonctionnel", "domaine_fonctionnel",
            "centre financier", "centre_financier", "activite", "activite", "activites", "activite",
            "centre de cout", "centre_de_cout", "centre de couts", "centre_de_cout", "programme", "programme",
            "unite operationnelle", "uo", "uo", "uo", "fonds de concours", "fonds_de_concours");
    private static final Pattern CHORUS_LINE = Pattern.compile("^([\\p{L} ()']+?)\\s*(?:\\(s\\))?\\s*[:\\t]\\s*([0-9A-Z][0-9A-Z\\-]{2,})\\s*$");
    private static final Pattern FOR_PARTY = Pattern.compile("(?i)^pour\\s+(?:la|le|l['’])\\s*(\\S+)\\s*:\\s*$");
    private static final Pattern PROGRAMME = Pattern.compile("programme\\s+(?:budg[ée]taire\\s+)?(?:n°\\s*)?(\\d{3,4})\\b");
    private static final Pattern BOP = Pattern.compile("\\(BOP\\)\\s+([A-Z0-9]{2,10})\\b|\\bBOP\\s+([A-Z0-9]{2,10})\\b");
    private static final Pattern FONDS = Pattern.compile("fonds de concours\\s+(?:n°\\s*)?(\\d[\\d\\-]{4,})");

    private final SignedText text;
    /** The party a sentence says pays (« pour la DGPR »), or null. */
    private final Function<String, PartyFound> funderOf;
    private final Map<String, Map<String, Object>> imputations = new LinkedHashMap<>();

    Imputations(SignedText text, Function<String, PartyFound> funderOf) {
        this.text = text;
        this.funderOf = funderOf;
    }

    /** The places of {@code funder}'s line (or of {@link #NO_PAYER}), or null when the text names none. */
    Map<String, Object> get(String funder) {
        return imputations.get(funder);
    }

    private PartyFound funder(String line) {
        return funderOf.apply(line);
    }

    Map<String, Object> imputation(String funder) {
        return imputations.computeIfAbsent(funder, k -> new LinkedHashMap<>());
    }

    /** « Pour la DGPR : » then « Domaine fonctionnel : 0181-01-02 » …; and programme, BOP, fonds de concours in prose. */
    void chorus() {
        String funder = null;
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.ARTICLE) {
                continue;
            }
            String t = text.plain(i).replace('\t', ' ').strip();
            String raw = text.lines.get(i).text();
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
                    imputation(funder).putIfAbsent(key, Draft.found(c.group(2), text.lines.get(i), t));
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
        Line line = text.lines.get(i);
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

    /**
     * Programmes, BOP and UO the text names (title, visas, preamble, articles) that no payer's line holds: kept
     * on a line of their own, its payer and amount left to write, so that none is dropped.
     */
    void places() {
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) == Part.ANNEX || text.part(i) == Part.SIGNATURE || Heading.furniture(text.plain(i))) {
                continue;
            }
            String t = text.plain(i).replace('\t', ' ');
            Line line = text.lines.get(i);
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
}
