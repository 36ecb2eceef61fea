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

/**
 * Funding lines (who pays whom, how much, on which credits), their schedules, and the stated total; where each
 * line is imputed is {@link Imputations}'s.
 */
final class Money {

    private final SignedText text;
    private final List<PartyFound> parties;
    private final Map<String, Map<String, Object>> lines = new LinkedHashMap<>();
    private final Map<String, List<Object>> schedules = new LinkedHashMap<>();
    private final Imputations imputations;
    private final Map<String, Value> years = new LinkedHashMap<>();
    private Value total = Draft.absent("no amount after « montant total », « au total » or « engagement financier » "
            + "in the articles: write the total if the text states one");

    Money(SignedText text, List<PartyFound> parties) {
        this.text = text;
        this.parties = parties;
        this.imputations = new Imputations(text, this::funder);
        findLines();
        imputations.chorus();
        imputations.places();
        table();
        prose();
    }

    private static final Pattern MONEY_LINE = Pattern.compile("autorisations? d'engagement|credits? de paiement|engagement financier"
            + "|participation financiere|contribution financiere|s'eleve a|fixee? a|met(tent)? a disposition|subvention d'un montant");
    private static final Pattern TOTAL = Pattern.compile("montant total|engagement financier|au total|montant global");

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
            Matcher uo = Imputations.UO.matcher(t);
            if (uo.find()) {
                imputations.imputation(from.id()).put("uo", Draft.found(uo.group(1), line, uo.group(1)));
            }
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

    /** Where each line is imputed, as {@link #drafts()} writes it. */
    Imputations imputations() {
        return imputations;
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
        Map<String, Object> places = imputations.get(Imputations.NO_PAYER);
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
