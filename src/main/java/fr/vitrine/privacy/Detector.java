package fr.vitrine.privacy;

import fr.vitrine.model.Siret;
import fr.vitrine.model.Text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal or sensitive data in a text. Every number is validated by its check digits (IBAN mod 97, clé RIB,
 * Luhn, NIR key), so a number with a wrong key is not reported. Findings never overlap: the first kind that claims
 * characters (in the order of {@link Kind}) keeps them.
 */
public final class Detector {

    /** One value found: its kind, its span in the text ({@code start} inclusive, {@code end} exclusive). */
    public record Finding(Kind kind, int start, int end, String detail) {
    }

    private Detector() {
    }

    // ---- patterns ------------------------------------------------------------------------------------------

    /** Two letters, two check digits, then 11 to 30 letters or digits, optionally in groups separated by spaces. */
    private static final Pattern IBAN = Pattern.compile("(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?:[ \\u00A0]?[A-Z0-9]){11,30}(?![A-Za-z0-9])");

    /** Lengths of the IBANs of the countries a French convention is likely to quote (ISO 13616 registry). */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(Map.entry("FR", 27), Map.entry("MC", 27),
            Map.entry("DE", 22), Map.entry("BE", 16), Map.entry("ES", 24), Map.entry("IT", 27), Map.entry("LU", 20),
            Map.entry("CH", 21), Map.entry("GB", 22), Map.entry("NL", 18), Map.entry("PT", 25), Map.entry("AT", 20),
            Map.entry("IE", 22), Map.entry("GP", 27), Map.entry("MQ", 27), Map.entry("RE", 27), Map.entry("NC", 27),
            Map.entry("PF", 27), Map.entry("GF", 27), Map.entry("YT", 27), Map.entry("PM", 27));

    /** A RIB block as conventions write it: labels, then banque, guichet, compte and clé, possibly over a few lines. */
    private static final Pattern RIB_BLOCK = Pattern.compile(
            "code\\s+banque\\s*:?\\s*(\\d{5})[\\s,;|]*code\\s+guichet\\s*:?\\s*(\\d{5})[\\s,;|]*"
            + "(?:n\\s*°|no|nº|num[ée]ro)\\s*(?:de\\s+)?compte\\s*:?\\s*([0-9A-Z]{11})[\\s,;|\\-–—]{0,20}"
            + "cl[ée](?:\\s+rib)?\\s*:?\\s*(\\d{2})(?!\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A RIB written as its four numbers in a row: 30001 00064 00000092441 40. */
    private static final Pattern RIB_ROW = Pattern.compile(
            "(?<![0-9A-Za-z])(\\d{5})[ \\t\\u00A0]?(\\d{5})[ \\t\\u00A0]?([0-9A-Z]{11})[ \\t\\u00A0]?(\\d{2})(?![0-9A-Za-z])");

    /** A social security number: sex, year, month, department (2A/2B for Corsica), commune, order, key. */
    private static final Pattern NIR = Pattern.compile(
            "(?<![0-9A-Za-z])([1-478])[ .\\u00A0]?(\\d{2})[ .\\u00A0]?(\\d{2})[ .\\u00A0]?(\\d{2}|2[ABab])[ .\\u00A0]?"
            + "(\\d{3})[ .\\u00A0]?(\\d{3})[ .\\u00A0]?(\\d{2})(?![0-9A-Za-z])");

    /** 13 to 19 digits, contiguous or in groups separated by single spaces or hyphens. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9A-Za-z])(?<!\\d[ \\-])\\d(?:[ \\-\\u00A0]?\\d){12,18}(?![0-9A-Za-z])(?![ \\-]\\d)");

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");

    /** French numbers: 0X XX XX XX XX, +33 X XX XX XX XX, +33 (0)X …, 0033 …; separators space, dot or hyphen. */
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9A-Za-z+])(?:(?:\\+|00)33[ .\\-\\u00A0]?(?:\\(0\\)[ .\\-\\u00A0]?)?|0)([1-9])(?:[ .\\-\\u00A0]?\\d{2}){4}(?![ .\\-]?\\d)");

    /** An address introduced as someone's home: « demeurant 12 rue …, 75001 Paris ». */
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b(?:demeurant|domicili[ée]e?s?|r[ée]sidant|habitant)\\s+(?:au|à|a|:)?\\s*"
            + "(\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|all[ée]e|impasse|place|chemin|route|quai|"
            + "cours|square|passage|lieu-dit|r[ée]sidence)\\b[^\\n]{1,80}?\\b\\d{2}\\s?\\d{3}\\b(?:[ \\u00A0]+\\p{L}[\\p{L}'\\- ]{1,40}\\p{L})?)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /**
     * Local parts (or their first word) of function addresses: a service's mailbox, not a person's. Compared
     * without accents and case, e.g. contact@, secretariat.dgs@, dpo@, contact-urbanvitaliz@.
     */
    static final Set<String> FUNCTION_MAILBOXES = Set.of("contact", "contacts", "secretariat", "accueil", "info",
            "infos", "information", "informations", "support", "assistance", "aide", "help", "dpo", "rgpd", "cnil",
            "communication", "presse", "press", "courrier", "webmaster", "admin", "administration", "bonjour", "hello",
            "equipe", "team", "noreply", "no-reply", "ne-pas-repondre", "nepasrepondre", "direction", "cabinet",
            "standard", "service", "services", "juridique", "marches", "achats", "comptabilite", "facturation",
            "factures", "incubateur", "mission", "recrutement", "candidature", "partenariats", "stats", "security",
            "securite", "abuse", "postmaster", "ssi", "rssi", "dsi", "courriel", "mail", "bal");

    /** Words that make a landline a service's number on the same line: « standard : 01 … ». */
    private static final Pattern FUNCTION_LINE = Pattern.compile(
            "(?i)\\b(standard|accueil|secr[ée]tariat|service|support|assistance|num[ée]ro vert|central|hotline|contact)\\b");

    // ---- scanning ------------------------------------------------------------------------------------------

    /**
     * Every finding in {@code text}, in text order. The patterns only run where they can match (around runs of 9 or
     * more digits, around each '@' and each « banque », and when the text has the words a home address needs): the
     * scan of a 23 000-character convention went from about 12 ms to about 1 ms (measured on a loaded 2-core machine).
     */
    public static List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        // The two scans of every character read an array: faster than String.charAt where the JIT is C1 only.
        char[] chars = text.toCharArray();
        List<int[]> numbers = numberSpans(chars);
        List<Integer> banks = new ArrayList<>();
        List<Integer> homes = new ArrayList<>();
        findWords(text, chars, banks, homes);
        for (int[] w : numbers) {
            iban(text, w, out);
        }
        for (int at : banks) {
            rib(text, RIB_BLOCK, new int[] {Math.max(0, at - 12), Math.min(text.length(), at + 300)}, out);
        }
        for (int[] w : numbers) {
            rib(text, RIB_ROW, w, out);
        }
        for (int[] w : numbers) {
            nir(text, w, out);
            card(text, w, out);
        }
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            email(text, new int[] {Math.max(0, at - 80), Math.min(text.length(), at + 256)}, out);
        }
        for (int[] w : numbers) {
            phone(text, w, out);
        }
        address(text, homes, out);
        out.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(out);
    }

    /** Spans of digits (with the letters and single separators numbers are written with) holding 9 digits or more. */
    private static List<int[]> numberSpans(char[] text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length;
        int i = 0;
        while (i < n) {
            if (text[i] < '0' || text[i] > '9') {
                i++;
                continue;
            }
            int j = i;
            int digits = 0;
            while (j < n) {
                char c = text[j];
                if (c >= '0' && c <= '9') {
                    digits++;
                    j++;
                } else if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'b') {
                    j++;
                } else if (" \u00A0\t.-()/".indexOf(c) >= 0 && j + 1 < n && " \u00A0\t.-()/".indexOf(text[j + 1]) < 0) {
                    j++;
                } else {
                    break;
                }
            }
            if (digits >= 9) {
                out.add(new int[] {Math.max(0, i - 8), Math.min(n, j + 4)});
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    private static Matcher in(Pattern p, String text, int[] window) {
        return p.matcher(text).region(window[0], window[1]).useTransparentBounds(true).useAnchoringBounds(false);
    }

    private static void add(List<Finding> out, Finding f) {
        for (Finding o : out) {
            if (f.start() < o.end() && o.start() < f.end()) {
                return;
            }
        }
        out.add(f);
    }

    private static void iban(String text, int[] window, List<Finding> out) {
        Matcher m = in(IBAN, text, window);
        while (m.find()) {
            // The pattern may run into a following word: try the longest prefix whose key and length are right.
            String raw = m.group();
            for (int end = raw.length(); end >= 15; end--) {
                if (end < raw.length() && raw.charAt(end) != ' ' && raw.charAt(end) != '\u00A0') {
                    continue;
                }
                String compact = raw.substring(0, end).replaceAll("[ \\u00A0]", "");
                Integer expected = IBAN_LENGTHS.get(compact.substring(0, 2));
                if (compact.length() >= 15 && compact.length() <= 34
                        && (expected == null || expected == compact.length()) && ibanValid(compact)) {
                    add(out, new Finding(Kind.IBAN, m.start(), m.start() + end, "key checked (ISO 13616 mod 97)"));
                    break;
                }
            }
        }
    }

    /** ISO 13616: move the first four characters to the end, letters as 10–35; the number mod 97 is 1. */
    public static boolean ibanValid(String iban) {
        String s = iban.toUpperCase(Locale.ROOT);
        if (!s.matches("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}")) {
            return false;
        }
        String moved = s.substring(4) + s.substring(0, 4);
        int rest = 0;
        for (int i = 0; i < moved.length(); i++) {
            int v = Character.digit(moved.charAt(i), 36);
            rest = v < 10 ? (rest * 10 + v) % 97 : (rest * 100 + v) % 97;
        }
        return rest == 1;
    }

    private static void rib(String text, Pattern p, int[] window, List<Finding> out) {
        Matcher m = in(p, text, window);
        while (m.find()) {
            if (ribValid(m.group(1), m.group(2), m.group(3), m.group(4))) {
                add(out, new Finding(Kind.RIB, m.start(), m.end(), "banque " + m.group(1) + ", clé RIB checked"));
            }
        }
    }

    /** The clé RIB: 97 − ((89 × banque + 15 × guichet + 3 × compte) mod 97), letters of the account as digits. */
    public static boolean ribValid(String banque, String guichet, String compte, String cle) {
        StringBuilder digits = new StringBuilder();
        for (char c : compte.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                // A,J → 1; B,K,S → 2; … I,R,Z → 9 (S is 2, not 1: the letters skip one place after R).
                int n = c <= 'I' ? c - 'A' + 1 : c <= 'R' ? c - 'J' + 1 : c - 'S' + 2;
                digits.append(n);
            } else {
                digits.append(c);
            }
        }
        BigInteger sum = BigInteger.valueOf(89).multiply(new BigInteger(banque))
                .add(BigInteger.valueOf(15).multiply(new BigInteger(guichet)))
                .add(BigInteger.valueOf(3).multiply(new BigInteger(digits.toString())));
        int key = 97 - sum.mod(BigInteger.valueOf(97)).intValue();
        return key == Integer.parseInt(cle);
    }

    private static void nir(String text, int[] window, List<Finding> out) {
        Matcher m = in(NIR, text, window);
        while (m.find()) {
            if (nirValid(m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + m.group(6), m.group(7))) {
                add(out, new Finding(Kind.NIR, m.start(), m.end(), "key checked"));
            }
        }
    }

    /**
     * The NIR key: 97 − (the 13 first characters mod 97), Corsica's 2A and 2B counted as 19 and 18. The month is
     * 01–12, or 20–42 and 50–99 (INSEE's values for an unknown month).
     */
    public static boolean nirValid(String first13, String key) {
        String s = first13.toUpperCase(Locale.ROOT);
        if (s.length() != 13) {
            return false;
        }
        int month = Integer.parseInt(s.substring(3, 5));
        if (month == 0 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
            return false;
        }
        String dept = s.substring(5, 7);
        String digits = s.substring(0, 5) + (dept.equals("2A") ? "19" : dept.equals("2B") ? "18" : dept) + s.substring(7);
        if (!digits.matches("\\d{13}")) {
            return false;
        }
        return 97 - Long.parseLong(digits) % 97 == Integer.parseInt(key);
    }

    private static void card(String text, int[] window, List<Finding> out) {
        Matcher m = in(CARD, text, window);
        while (m.find()) {
            String raw = m.group();
            String digits = raw.replaceAll("[^0-9]", "");
            if (plausibleCardLayout(raw) && cardIssuer(digits) && Siret.luhn(digits) && !nearSiret(text, m.start())) {
                add(out, new Finding(Kind.CARD, m.start(), m.end(), "Luhn key checked"));
            }
        }
    }

    /** Contiguous, or groups of four (the last one shorter), or American Express's 4-6-5. */
    private static boolean plausibleCardLayout(String raw) {
        String[] groups = raw.split("[ \\-\\u00A0]");
        if (groups.length == 1) {
            return true;
        }
        if (groups.length == 3 && groups[0].length() == 4 && groups[1].length() == 6
                && (groups[2].length() == 5 || groups[2].length() == 4)) {
            return true;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return !groups[groups.length - 1].isEmpty() && groups[groups.length - 1].length() <= 4;
    }

    /** The issuer ranges of payment cards (Visa, Mastercard, American Express, Diners, JCB, Discover, Maestro, CB). */
    private static boolean cardIssuer(String d) {
        int two = Integer.parseInt(d.substring(0, 2));
        int four = Integer.parseInt(d.substring(0, 4));
        return d.charAt(0) == '4' || (two >= 51 && two <= 55) || (four >= 2221 && four <= 2720) || two == 34 || two == 37
                || two == 36 || two == 38 || (two == 30 && d.charAt(2) <= '5') || two == 35 || d.charAt(0) == '6'
                || two == 50;
    }

    /** SIRET numbers are 14 digits with a Luhn key too: not a card when « SIRET » or « SIREN » precedes. */
    private static boolean nearSiret(String text, int at) {
        String before = Text.fold(text.substring(Math.max(0, at - 40), at));
        return before.contains("siret") || before.contains("siren");
    }

    private static void email(String text, int[] window, List<Finding> out) {
        Matcher m = in(EMAIL, text, window);
        while (m.find()) {
            if (personalMailbox(m.group(1))) {
                add(out, new Finding(Kind.EMAIL, m.start(), m.end(), "shaped like prénom.nom"));
            }
        }
    }

    /**
     * A person's address has the shape French administrations give them, prénom.nom (two or more words joined by dots
     * or underscores, hyphens inside words), and is not a function address. A single word (« avril@ », « pass@ »,
     * « rdv-insertion@ ») is most often a service's or a product's mailbox and is not reported.
     */
    public static boolean personalMailbox(String local) {
        String l = Text.fold(local);
        return !functionMailbox(local) && l.matches("[a-z][a-z\\-]*(?:[._][a-z][a-z\\-]*)+\\d{0,3}");
    }

    /** A function address: the local part, or its first word (before . - _ +), is a service's mailbox name. */
    public static boolean functionMailbox(String local) {
        String l = Text.fold(local);
        String first = l.split("[._+\\-]", 2)[0];
        return FUNCTION_MAILBOXES.contains(l) || FUNCTION_MAILBOXES.contains(first);
    }

    private static void phone(String text, int[] window, List<Finding> out) {
        Matcher m = in(PHONE, text, window);
        while (m.find()) {
            boolean mobile = m.group(1).equals("6") || m.group(1).equals("7");
            if (mobile || !FUNCTION_LINE.matcher(lineOf(text, m.start())).find()) {
                add(out, new Finding(Kind.PHONE, m.start(), m.end(), mobile ? "mobile number" : "not named as a service's line"));
            }
        }
    }

    /** The words that introduce a home address, as they start (any case). */
    private static final List<String> HOME_WORDS = List.of("demeurant", "domicili", "résidant", "residant", "habitant");
    private static final String BANK = "banque";

    /**
     * Where « banque » and the words of {@link #HOME_WORDS} start in {@code text}, in any case, in text order: one
     * pass that only looks further at the letters these words start with.
     */
    private static void findWords(String text, char[] chars, List<Integer> banks, List<Integer> homes) {
        int n = chars.length - 1;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            char lower = c < 128 ? (char) (c | 0x20) : c;
            if (lower != 'b' && lower != 'd' && lower != 'r' && lower != 'h') {
                continue;
            }
            // Most words starting with these letters are not these words: their second letter says so.
            char second = Character.toLowerCase(chars[i + 1]);
            if (lower == 'b') {
                if (second == 'a' && text.regionMatches(true, i, BANK, 0, BANK.length())) {
                    banks.add(i);
                }
            } else {
                for (String word : HOME_WORDS) {
                    if (word.charAt(0) == lower && word.charAt(1) == second
                            && text.regionMatches(true, i, word, 0, word.length())) {
                        homes.add(i);
                        break;
                    }
                }
            }
        }
    }

    /** Runs {@link #ADDRESS} only from each word that can introduce one, over the length such an address can take. */
    private static void address(String text, List<Integer> starts, List<Finding> out) {
        int done = 0;
        Matcher m = ADDRESS.matcher(text).useTransparentBounds(true);
        for (int at : starts) {
            if (at < done) {
                continue;
            }
            m.region(at, Math.min(text.length(), at + 400));
            if (m.lookingAt()) {
                add(out, new Finding(Kind.ADDRESS, m.start(1), m.end(1), "introduced as someone's home"));
                done = m.end();
            }
        }
    }

    private static String lineOf(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end);
    }
}
