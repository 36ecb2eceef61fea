package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import fr.vitrine.importer.SignedText.Line;
import fr.vitrine.importer.SignedText.Part;
import fr.vitrine.model.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The obligations an act's articles name (the manifesto, an intrapreneur, open source, a /stats page…). */
final class Obligations {

    private Obligations() {
    }


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

    /** Each obligation at the first article line that names it: its type, article and words. */
    static List<Object> read(SignedText text) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        for (int i = 0; i < text.lines.size(); i++) {
            if (text.part(i) != Part.ARTICLE || text.heading(i)) {
                continue;
            }
            String t = text.plain(i);
            String f = Text.fold(t.replace("*", "")).replace('’', '\'');
            for (String[] o : OBLIGATIONS) {
                if (!found.containsKey(o[0]) && Pattern.compile(o[1]).matcher(f).find()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    Line line = text.lines.get(i);
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
}
