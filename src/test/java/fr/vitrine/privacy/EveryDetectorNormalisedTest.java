package fr.vitrine.privacy;

import fr.vitrine.model.Siret;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detectors other than bank accounts on the normalised view too: e-mail addresses, phone numbers, social security
 * numbers and card numbers written with compatibility forms, character references, invisible characters, Markdown
 * markup, separators and line breaks inside them are found, and their whole original span is masked; near misses (a
 * service's mailbox, a wrong key) are not.
 */
class EveryDetectorNormalisedTest {

    private static final String BEFORE = "Écrire à Mme Durand :\n\n";
    private static final String AFTER = "\n\navant le 15 mars 2025.\n";

    /** The text with every finding of {@code kind} replaced by a mark; fails on a finding of another kind. */
    private static String masked(String text, Kind kind) {
        StringBuilder out = new StringBuilder();
        int copied = 0;
        for (Detector.Finding f : Detector.scan(text)) {
            assertEquals(kind, f.kind(), text);
            out.append(text, copied, f.start()).append("[masqué]");
            copied = f.end();
        }
        return out.append(text.substring(copied)).toString();
    }

    @Test
    void phonesNirsAndCardsInEveryWritingAreFoundAndNearMissesAreNot() {
        String first13 = "1841276451089";
        String nirKey = String.format("%02d", 97 - Long.parseLong(first13) % 97);
        String card = luhn("497010123456789");
        String badCard = card.substring(0, 15) + (char) ('0' + (card.charAt(15) - '0' + 1) % 10);
        List<String> phone = List.of("06", "12", "34", "56", "78");
        List<String> nir = List.of("1", "84", "12", "76", "451", "089", nirKey);
        List<String> badNir = List.of("1", "84", "12", "76", "451", "089", String.format("%02d", Integer.parseInt(nirKey) % 97 + 1));
        List<String> cardGroups = List.of(card.substring(0, 4), card.substring(4, 8), card.substring(8, 12), card.substring(12));
        List<String> badCardGroups = List.of(badCard.substring(0, 4), badCard.substring(4, 8), badCard.substring(8, 12),
                badCard.substring(12));
        List<String> leaks = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (Object[] number : new Object[][] {{Kind.PHONE, phone, null}, {Kind.NIR, nir, badNir},
                {Kind.CARD, cardGroups, badCardGroups}}) {
            Kind kind = (Kind) number[0];
            @SuppressWarnings("unchecked") List<String> groups = (List<String>) number[1];
            @SuppressWarnings("unchecked") List<String> miss = (List<String>) number[2];
            String core = String.join("", groups);
            for (AccountVariants.Variant glyph : AccountVariants.GLYPHS) {
                for (AccountVariants.Variant markup : AccountVariants.MARKUP) {
                    // A pair of a phone number cut at a line's end reads as other numbers ("0612 34" or "061 2").
                    if (kind == Kind.PHONE && markup.name().startsWith("a group")) {
                        continue;
                    }
                    for (String separator : AccountVariants.SEPARATORS) {
                        String text = BEFORE + AccountVariants.write(groups, glyph, markup, separator) + AFTER;
                        String published = masked(text, kind);
                        count++;
                        if (AccountVariants.compact(published).contains(core) || !published.startsWith(BEFORE)
                                || !published.endsWith(AFTER)) {
                            leaks.add(kind + " " + escape(text) + " → " + escape(published));
                        }
                        if (miss != null) {
                            String nearMiss = BEFORE + AccountVariants.write(miss, glyph, markup, separator) + AFTER;
                            if (!Detector.scan(nearMiss).isEmpty()) {
                                wrong.add(kind + " " + escape(nearMiss));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(count > 2000, "writings: " + count);
        assertEquals(List.of(), leaks.subList(0, Math.min(3, leaks.size())), leaks.size() + " numbers published");
        assertEquals(List.of(), wrong.subList(0, Math.min(3, wrong.size())), wrong.size() + " near misses found");
    }

    @Test
    void personalEmailsInEveryWritingAreFoundAndServiceMailboxesAreNot() {
        List<String> leaks = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (UnaryOperator<String> glyph : EMAIL_GLYPHS) {
            for (String separator : EMAIL_SEPARATORS) {
                for (int markup = 0; markup < EMAIL_MARKUPS; markup++) {
                    String text = BEFORE + email("jeanne", "martin", glyph, separator, markup) + AFTER;
                    String published = masked(text, Kind.EMAIL);
                    count++;
                    if (AccountVariants.compact(published).contains("JEANNEMARTIN") || !published.startsWith(BEFORE)
                            || !published.endsWith(AFTER)) {
                        leaks.add(escape(text) + " → " + escape(published));
                    }
                    String service = BEFORE + email("contact", "dinum", glyph, separator, markup) + AFTER;
                    if (!Detector.scan(service).isEmpty()) {
                        wrong.add(escape(service));
                    }
                }
            }
        }
        assertTrue(count > 400, "writings: " + count);
        assertEquals(List.of(), leaks.subList(0, Math.min(3, leaks.size())), leaks.size() + " addresses published");
        assertEquals(List.of(), wrong.subList(0, Math.min(3, wrong.size())), wrong.size() + " service mailboxes found");
    }

    /** How each character of an address is written. */
    private static final List<UnaryOperator<String>> EMAIL_GLYPHS = List.of(
            s -> s,
            s -> s.toUpperCase(Locale.ROOT),
            // Fullwidth forms of every character, ＠ and ． too.
            s -> map(s, c -> c > ' ' && c < 127 ? String.valueOf((char) (c + 0xFEE0)) : String.valueOf(c)),
            // Mathematical bold letters.
            s -> map(s, c -> c >= 'a' && c <= 'z' ? new String(Character.toChars(0x1D41A + c - 'a')) : String.valueOf(c)),
            // Character references: the @ and dots always, every other letter.
            s -> {
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    out.append(c == '@' ? "&#64;" : c == '.' ? "&#x2E;" : i % 2 == 0 ? "&#" + (int) c + ";" : String.valueOf(c));
                }
                return out.toString();
            },
            // Invisible characters between every two characters.
            s -> {
                String[] invisible = {"\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "&shy;", "&#8203;"};
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < s.length(); i++) {
                    out.append(s.charAt(i)).append(i + 1 < s.length() ? invisible[i % invisible.length] : "");
                }
                return out.toString();
            });

    /** What stands beside the dots and the @: nothing, invisible characters, line breaks. */
    private static final List<String> EMAIL_SEPARATORS = List.of("", "\u00AD", "\u200B\u2060", "&shy;", "\n", "\u2028",
            " \n", "\r\n");

    private static final int EMAIL_MARKUPS = 10;

    /**
     * prénom.nom@exemple.fr with a glyph form, a separator beside each dot and the @, and a markup: none, emphasis of
     * the whole, strong emphasis of the local part, emphasis of the name, a code span, a code span inside, backslash
     * escapes, a link, an autolink, the name wrapped with a hyphen.
     */
    private static String email(String first, String last, UnaryOperator<String> glyph, String sep, int markup) {
        String a = glyph.apply(last.substring(0, 2));
        String b = glyph.apply(last.substring(2));
        String dot = markup == 6 ? "\\." : glyph.apply(".");
        String at = markup == 6 ? "\\@" : glyph.apply("@");
        String name = switch (markup) {
            case 3 -> "*" + a + b + "*";
            case 5 -> "`" + a + b + "`";
            case 9 -> a + "-\n" + b;
            default -> a + b;
        };
        String local = glyph.apply(first) + sep + dot + sep + name;
        if (markup == 2) {
            local = "**" + local + "**";
        }
        String address = local + sep + at + sep + glyph.apply("exemple") + sep + dot + sep + glyph.apply("fr");
        return switch (markup) {
            case 1 -> "_" + address + "_";
            case 4 -> "`" + address + "`";
            case 7 -> "[" + address + "](https://exemple.fr/annuaire)";
            case 8 -> "<" + address + ">";
            default -> address;
        };
    }

    private static String map(String s, java.util.function.IntFunction<String> f) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(f.apply(c)));
        return out.toString();
    }

    /** The 15 digits with their Luhn key. */
    private static String luhn(String fifteen) {
        for (char k = '0'; k <= '9'; k++) {
            if (Siret.luhn(fifteen + k)) {
                return fifteen + k;
            }
        }
        throw new AssertionError();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }
}
