package fr.vitrine.privacy;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Bank accounts with computed check digits (or a wrong one: a near miss), written in every way the privacy check must
 * see through: separators, case, compatibility forms, invisible characters, line breaks, Markdown markup, character
 * references, tables, and their combinations.
 */
final class AccountVariants {

    /** One account: a French RIB (bank, branch, number, key) and its IBAN, or a German IBAN. */
    record Account(List<String> rib, String iban, String core) {

        /** The IBAN in groups of four. */
        List<String> ibanGroups() {
            List<String> groups = new ArrayList<>();
            for (int i = 0; i < iban.length(); i += 4) {
                groups.add(iban.substring(i, Math.min(iban.length(), i + 4)));
            }
            return groups;
        }
    }

    /** How a number is written: its groups (and labels) into text. */
    record Variant(String name, Function<List<String>, String> write) {
    }

    private AccountVariants() {
    }

    /** A French account; {@code nearMiss}: its RIB key and IBAN check digits are wrong. */
    static Account french(Random random, boolean nearMiss) {
        String bank = digits(random, 5);
        String branch = digits(random, 5);
        // Some account numbers hold a letter, as banks write them.
        String number = digits(random, 10) + (random.nextBoolean() ? digits(random, 1) : "K");
        String key = ribKey(bank, branch, number);
        if (nearMiss) {
            key = String.format("%02d", (Integer.parseInt(key) % 97) + 1);
        }
        String bban = bank + branch + number + key;
        String iban = iban("FR", bban, nearMiss);
        return new Account(List.of(bank, branch, number, key), iban, number);
    }

    /** A German IBAN (bank code and account number, all digits). */
    static Account german(Random random, boolean nearMiss) {
        String account = digits(random, 10);
        return new Account(List.of(), iban("DE", digits(random, 8) + account, nearMiss), account);
    }

    private static String digits(Random random, int n) {
        StringBuilder s = new StringBuilder();
        // No leading zero run: the core stays distinctive.
        s.append((char) ('1' + random.nextInt(9)));
        while (s.length() < n) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    /** 97 − ((89 × bank + 15 × branch + 3 × account) mod 97), letters of the account as digits. */
    static String ribKey(String bank, String branch, String number) {
        StringBuilder n = new StringBuilder();
        for (char c : number.toCharArray()) {
            n.append(c >= 'A' && c <= 'Z' ? (c <= 'I' ? c - 'A' + 1 : c <= 'R' ? c - 'J' + 1 : c - 'S' + 2) : c - '0');
        }
        BigInteger sum = BigInteger.valueOf(89).multiply(new BigInteger(bank))
                .add(BigInteger.valueOf(15).multiply(new BigInteger(branch)))
                .add(BigInteger.valueOf(3).multiply(new BigInteger(n.toString())));
        return String.format("%02d", 97 - sum.mod(BigInteger.valueOf(97)).intValue());
    }

    /** ISO 13616 check digits: 98 − (BBAN + country + 00, letters as 10–35) mod 97; off by one for a near miss. */
    static String iban(String country, String bban, boolean nearMiss) {
        StringBuilder n = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            n.append(Character.digit(c, 36));
        }
        int check = 98 - new BigInteger(n.toString()).mod(BigInteger.valueOf(97)).intValue();
        if (nearMiss) {
            check = check == 98 ? 2 : check + 1;
        }
        return country + String.format("%02d", check) + bban;
    }

    // ---- ways of writing -------------------------------------------------------------------------------------

    /** How each character is written. */
    static final List<Variant> GLYPHS = List.of(
            glyphs("plain", s -> s),
            glyphs("lower case", s -> s.toLowerCase(Locale.ROOT)),
            glyphs("fullwidth", s -> map(s, c -> c >= '0' && c <= '9' ? String.valueOf((char) (c - '0' + 0xFF10))
                    : c >= 'A' && c <= 'Z' ? String.valueOf((char) (c - 'A' + 0xFF21)) : String.valueOf(c))),
            glyphs("mathematical digits", s -> map(s, c -> c >= '0' && c <= '9'
                    ? new String(Character.toChars(0x1D7CE + c - '0')) : String.valueOf(c))),
            glyphs("character references", s -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    out.append(!Character.isDigit(c) ? String.valueOf(c)
                            : i % 2 == 0 ? "&#" + (int) c + ";" : "&#x" + Integer.toHexString(c) + ";");
                }
                return out.toString();
            }),
            glyphs("invisible characters", s -> {
                String[] invisible = {"\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "&shy;"};
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    out.append(s.charAt(i));
                    if (i + 1 < s.length()) {
                        out.append(invisible[i % invisible.length]);
                    }
                }
                return out.toString();
            }),
            glyphs("decomposed", s -> Normalizer.normalize(s, Normalizer.Form.NFD)));

    /** What stands between groups. */
    static final List<String> SEPARATORS = List.of("", " ", ".", "-", "/", "\u202F", "\u2009", "\u00A0", "\t", "  ",
            "\u2028", "\n", "-\n", "  \n", "\\\n", "&#32;", "\\-", " \u2013 ", "&nbsp;", " \u00AD\u200B ");

    /** The Markdown around groups. */
    static final List<Variant> MARKUP = List.of(
            new Variant("no markup", g -> String.join("\u0000", g)),
            new Variant("emphasis", g -> {
                List<String> out = new ArrayList<>();
                String[] marks = {"**", "*", "_", "~~"};
                for (int i = 0; i < g.size(); i++) {
                    String m = marks[i % marks.length];
                    out.add(i % 2 == 0 ? m + g.get(i) + m : g.get(i));
                }
                return String.join("\u0000", out);
            }),
            new Variant("code spans", g -> "`" + String.join("`\u0000`", g) + "`"),
            new Variant("link", g -> "[" + g.get(0) + "\u0000" + g.get(1) + "](https://exemple.fr/compte)\u0000"
                    + String.join("\u0000", g.subList(2, g.size()))),
            new Variant("backslash escapes", g -> "\\(" + String.join("\u0000", g) + "\\)"),
            new Variant("a group wrapped with a hyphen", g -> {
                List<String> out = new ArrayList<>(g);
                String third = out.get(2);
                int at = secondCharacterEnd(third);
                out.set(2, third.substring(0, at) + "-\n" + third.substring(at));
                return String.join("\u0000", out);
            }),
            new Variant("a group split by a line break", g -> {
                List<String> out = new ArrayList<>(g);
                String third = out.get(2);
                int at = secondCharacterEnd(third);
                out.set(2, third.substring(0, at) + "\n" + third.substring(at));
                return String.join("\u0000", out);
            }));

    private static Variant glyphs(String name, UnaryOperator<String> f) {
        return new Variant(name, g -> String.join("\u0000", g.stream().map(f).toList()));
    }

    private static String map(String s, Function<Character, String> f) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(f.apply(c));
        }
        return out.toString();
    }

    /** A number's groups written with a glyph form, a markup and a separator. */
    static String write(List<String> groups, Variant glyph, Variant markup, String separator) {
        List<String> shown = List.of(glyph.write().apply(groups).split("\u0000", -1));
        return markup.write().apply(shown).replace("\u0000", separator);
    }

    /** The ways a RIB is laid out: its four numbers in a row, with their labels, or as a table. */
    static List<String> ribLayouts(Account a, Variant glyph, String separator) {
        List<String> g = List.of(glyph.write().apply(a.rib()).split("\u0000", -1));
        return List.of(
                String.join(separator, g),
                // The account number split by a line break.
                g.get(0) + separator + g.get(1) + separator + g.get(2).substring(0, middle(g.get(2))) + "\n"
                        + g.get(2).substring(middle(g.get(2))) + separator + g.get(3),
                "Code banque :" + separator + g.get(0) + separator + "Code guichet :" + separator + g.get(1) + separator
                        + "N° de compte :" + separator + g.get(2) + separator + "Clé RIB :" + separator + g.get(3),
                "| Banque | Guichet | N° de compte | Clé |\n|---|---|---|---|\n| " + String.join(" | ", g) + " |\n",
                "| Code banque | " + g.get(0) + " |\n|---|---|\n| Code guichet | " + g.get(1) + " |\n| N° compte | "
                        + g.get(2) + " |\n| Clé RIB | " + g.get(3) + " |\n",
                "| Titulaire | IBAN |\n|---|---|\n| Cerema | " + String.join(" | ", List.of(
                        glyph.write().apply(a.ibanGroups()).split("\u0000", -1))) + " |\n");
    }

    /** Where a written group's second character ends (a character reference, a surrogate pair count as one). */
    private static int secondCharacterEnd(String s) {
        int at = s.startsWith("&") ? s.indexOf('&', s.indexOf('&', 1) + 1)
                : s.codePointCount(0, s.length()) > 2 ? s.offsetByCodePoints(0, 2) : s.length();
        return at < 0 ? s.length() : Math.min(at, s.length());
    }

    /** Where a written group can be cut near its middle: not inside a character reference or a surrogate pair. */
    private static int middle(String s) {
        int at = s.length() / 2;
        while (at < s.length() && (Character.isLowSurrogate(s.charAt(at)) || s.lastIndexOf('&', at - 1) > s.lastIndexOf(';', at - 1))) {
            at++;
        }
        return at;
    }

    /** Every way of writing an account's numbers: its IBAN (every glyph × markup × separator) and its RIB layouts. */
    static List<String> writings(Account a) {
        List<String> out = new ArrayList<>();
        for (Variant glyph : GLYPHS) {
            for (Variant markup : MARKUP) {
                for (String separator : SEPARATORS) {
                    out.add(write(a.ibanGroups(), glyph, markup, separator));
                    if (!a.rib().isEmpty() && markup == MARKUP.get(0)) {
                        out.addAll(ribLayouts(a, glyph, separator));
                    }
                }
            }
        }
        return out;
    }

    /**
     * True when {@code published} still shows the account: its text decoded (character references), in compatibility
     * form, upper case, letters and digits only, holds the account number.
     */
    static boolean shows(String published, Account a) {
        return compact(published).contains(a.core());
    }

    static String compact(String text) {
        // JSON's escapes, then HTML's character references.
        String json = java.util.regex.Pattern.compile("\\\\u([0-9a-fA-F]{4})").matcher(text)
                .replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 16)));
        String decoded = org.jsoup.parser.Parser.unescapeEntities(json, false);
        String k = Normalizer.normalize(decoded, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(k.length());
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
