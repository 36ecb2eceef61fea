package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.PartyDrafts.PartyFound;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Funding lines, their imputations and schedules, and the stated total. */
final class Money {
    private final SignedText text;
    private final List<PartyFound> parties;
    private final Map<String, Map<String, Object>> lines = new LinkedHashMap<>();
    private final Map<String, List<Object>> schedules = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> imputations = new LinkedHashMap<>();
    private final Map<String, Value> years = new LinkedHashMap<>();
    private Value total = Draft.absent("no amount after « montant total », « au total » or « engagement financier » "
            + "in the articles: write the total if the text states one");

    Money(SignedText text, List<PartyFound> parties) {
        this.text = text;
        this.parties = parties;
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
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.ARTICLE || text.lines.get(i).text().contains("\t")) {
                continue;
            }
            String t = text.plain(i);
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
                total = Draft.found(amount, text.lines.get(i), a.group());
            }
            PartyFound from = funder(t);
            if (!money || from == null || from.id() == null || lines.containsKey(from.id())) {
                continue;
            }
            Line line = text.lines.get(i);
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

    /** The previous non-blank line (« mettent à disposition : » before a list). */
    private String context(int i) {
        for (int j = i - 1; j >= 0 && j >= i - 4; j--) {
            if (!text.lines.get(j).blank() && !text.lines.get(j).text().startsWith(" -") && !text.lines.get(j).text().startsWith("-")) {
                return text.plain(j);
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

    private static final Pattern FUNDER_COLON = Pattern.compile("(?i)pour\\s+(?:la|le|l['’])\\s*(\\p{L}+)\\s*:");
    private static final Pattern FUNDER_INLINE = Pattern.compile("(?i)pour\\s+(?:la|le|l['’])\\s*(\\p{L}+)(?!\\s*:)");

    /** An AE/CP schedule table: a header with AE and CP, rows starting with a year. */
    private void table() {
        int ae = -1;
        int cp = -1;
        for (int i = 0; i < text.lines.size(); i++) {
            String raw = text.lines.get(i).text();
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
                    cell("AE", cells[ae], year, text.lines.get(i));
                }
                if (cp < cells.length) {
                    cell("CP", cells[cp], year, text.lines.get(i));
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
        for (int i = 0; i < text.lines.size(); i++) {
            String t = text.plain(i);
            Matcher m = ONE_PAYMENT.matcher(Text.fold(t));
            if (text.part(i) == Part.ARTICLE && m.find() && !schedules.containsKey(funder)) {
                Value amount = (Value) lines.get(funder).get("amount");
                if (amount.value() == Draft.UNKNOWN) {
                    return;
                }
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("when", Draft.found("signature", text.lines.get(i), t.substring(m.start(), m.end())));
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
