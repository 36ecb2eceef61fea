package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The act's dates: when it was signed (under « Fait à … », in a sentence, else in its heading), when it takes effect,
 * for how long, and until when.
 */
final class Dates {

    private Dates() {
    }


    private static final Pattern SIGNED_IN = Pattern.compile("(?:pr[ée]sente\\s+(?:convention|d[ée]l[ée]gation|avenant)[^.]{0,40}?)sign[ée]e?\\s+(?:le|en)\\s+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The date under « Fait à … », or in a sentence saying when it was signed; else the act's date in its heading. */
    static Value signed(SignedText text) {
        Value v = signedAt(text);
        if (!Draft.missing(v)) {
            return v;
        }
        Heading.Dated h = Heading.date(text);
        return h == null ? v : new Value(h.date(), text.lines.get(h.index()).where() + " : « " + Draft.quote(h.words())
                + " » (the act's date, in its heading)");
    }

    private static Value signedAt(SignedText text) {
        for (int i = 0; i < text.lines.size(); i++) {
            String t = text.plain(i);
            boolean signatureLine = text.part(i) == Part.SIGNATURE && SignedText.SIGNED_AT.matcher(t).find()
                    || text.part(i) == Part.ARTICLE && SignedText.SIGNED_AT.matcher(t).find();
            if (signatureLine) {
                // The date may be on the next line, after « le ».
                String both = t + (i + 1 < text.lines.size() ? " " + text.plain(i + 1) : "");
                Matcher d = FrenchText.DAY_DATE.matcher(both);
                if (d.find() && FrenchText.date(d) != null) {
                    return Draft.found(FrenchText.date(d), text.lines.get(i), t);
                }
                Matcher w = FrenchText.WORD_DATE.matcher(both);
                if (w.find() && FrenchText.wordDate(w) != null) {
                    return Draft.found(FrenchText.wordDate(w), text.lines.get(i), t);
                }
                Matcher m = FrenchText.MONTH_DATE.matcher(both);
                if (m.find()) {
                    return Draft.found(String.format(Locale.ROOT, "%s-%02d", m.group(2), FrenchText.month(m.group(1))),
                            text.lines.get(i), t);
                }
                return Draft.unknown(text.lines.get(i).where() + " : « " + Draft.quote(t) + " » gives no date");
            }
            Matcher s = SIGNED_IN.matcher(t);
            if (text.part(i) == Part.ARTICLE && s.find()) {
                String after = t.substring(s.start());
                Matcher d = FrenchText.DAY_DATE.matcher(after);
                if (d.find() && FrenchText.date(d) != null) {
                    return Draft.found(FrenchText.date(d), text.lines.get(i), d.group());
                }
                Matcher m = FrenchText.MONTH_DATE.matcher(after);
                if (m.find()) {
                    return Draft.found(String.format(Locale.ROOT, "%s-%02d", m.group(2), FrenchText.month(m.group(1))),
                            text.lines.get(i), m.group());
                }
            }
        }
        return Draft.unknown("no « Fait à …, le … » found");
    }

    private static final Pattern EFFECT = Pattern.compile("(prend\\s+effet|entre(?:ra)?\\s+en\\s+vigueur|prendra\\s+effet)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern UNTIL = Pattern.compile("jusqu['’]\\s*au\\s+", Pattern.CASE_INSENSITIVE);

    static void effectAndEnd(SignedText text, Map<String, Object> r) {
        Value effective = Draft.unknown("no « prend effet » found");
        Value duration = Draft.unknown("no duration found");
        Value ends = Draft.unknown("no end date found");
        String effectArticle = null;
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.ARTICLE) {
                continue;
            }
            String t = text.plain(i);
            Matcher e = EFFECT.matcher(t);
            if (e.find() && effectArticle == null) {
                effectArticle = text.article(i);
                String after = Text.fold(t.substring(e.end()));
                Matcher d = FrenchText.DAY_DATE.matcher(t.substring(e.end()));
                String sentence = t.substring(e.start()).split("(?<=\\.)\\s")[0];
                if (after.matches("^[^.]{0,40}publication.*")) {
                    effective = Draft.found("publication", text.lines.get(i), sentence);
                } else if (after.matches("^[^.]{0,40}signature.*")) {
                    effective = Draft.found("signature", text.lines.get(i), sentence);
                } else if (d.find() && d.start() < 40 && FrenchText.date(d) != null) {
                    effective = Draft.found(FrenchText.date(d), text.lines.get(i), sentence);
                }
            }
        }
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.ARTICLE) {
                continue;
            }
            String t = text.plain(i);
            // « pour une durée de … »: in the article that says when it takes effect, or in any when none does.
            Matcher du = FrenchText.DURATION.matcher(t);
            boolean here = effectArticle == null || effectArticle.equals(text.article(i));
            if (here && du.find() && FrenchText.duration(du) != null && duration.value() == Draft.UNKNOWN) {
                duration = Draft.found(FrenchText.duration(du), text.lines.get(i), du.group());
            }
            if (effectArticle == null || !effectArticle.equals(text.article(i))) {
                continue;
            }
            Matcher u = UNTIL.matcher(t);
            if (u.find() && ends.value() == Draft.UNKNOWN) {
                Matcher d = FrenchText.DAY_DATE.matcher(t.substring(u.end()));
                if (d.lookingAt() && FrenchText.date(d) != null) {
                    ends = Draft.found(FrenchText.date(d), text.lines.get(i), u.group() + d.group());
                }
            }
        }
        r.put("effective", effective);
        r.put("duration", duration);
        r.put("ends", ends);
    }
}
