package fr.vitrine.model;

import java.util.List;

/** French grammar the pages need around names and counts: elision, articles, plurals. */
public final class French {

    /** The articles an organisation's name may take ("la DINUM", "le Cerema", "l'ANCT", "les Archives nationales"). */
    public static final java.util.Set<String> ARTICLES = new java.util.LinkedHashSet<>(
            java.util.List.of("le", "la", "l'", "les"));

    private French() {
    }

    /** "de Recosanté", "d'UrbanVitaliz", "d'Ecosanté": "de" elided before a vowel (a mute h is not guessed). */
    private static final List<String> MONTHS = List.of("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet",
            "aout", "septembre", "octobre", "novembre", "decembre");

    /** The month a French name gives (« Décembre », « aout »): 1 to 12; 0 when it is not a month's name. */
    public static int month(String name) {
        String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(java.util.Locale.ROOT);
        return MONTHS.indexOf(folded) + 1;
    }

    public static String de(String name) {
        String folded = Text.fold(name);
        return (!folded.isEmpty() && "aeiouy".indexOf(folded.charAt(0)) >= 0 ? "d'" : "de ") + name;
    }

    /** "1 indicateur", "3 indicateurs", "0 indicateur" (no-break space): the plural from 2 on, as French counts. */
    public static String count(long n, String one, String many) {
        return n + Formats.NBSP + (n >= 2 ? many : one);
    }

    /** "la DINUM", "l'ANCT", or the bare name without an article. */
    public static String withArticle(String article, String name) {
        if (article == null) {
            return name;
        }
        return "l'".equals(article) ? article + name : article + " " + name;
    }

    /** "de la DINUM", "du Cerema", "de l'ANCT", "des …", or {@link #de} without an article. */
    public static String of(String article, String name) {
        if (article == null) {
            return de(name);
        }
        return switch (article) {
            case "le" -> "du " + name;
            case "les" -> "des " + name;
            default -> "de " + withArticle(article, name);
        };
    }
}
