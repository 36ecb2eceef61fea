package fr.vitrine.privacy;

import fr.vitrine.model.Siret;
import fr.vitrine.model.Text;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    // The number patterns run on the normalised view ({@link Normalised}): upper case, every run of separators one
    // space, or one line break when it holds a line break, or one '|' when it holds a table cell boundary.

    /** Two letters, two check digits, then 11 to 30 letters or digits, in groups or not, possibly over lines or cells. */
    private static final Pattern IBAN = Pattern.compile(
            "(?<![A-Z0-9])[A-Z][ \\n|]?[A-Z][ \\n|]?\\d[ \\n|]?\\d(?:[ \\n|]?[A-Z0-9]){11,30}(?![A-Z0-9])");

    /** ISO 13616 lengths, by country. */
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    /**
     * The BBAN format of each country of the ISO 13616 registry: n digits, a letters, c letters or digits. A
     * country's length and format are both checked, so that words read in upper case (« de 2024 à 2027 ») are not
     * taken for a German IBAN.
     */
    private static final Map<String, Pattern> BBAN = bbanFormats("AD:4n4n12c AE:3n16n AL:8n16c AT:5n11n AZ:4a20c "
            + "BA:3n3n8n2n BE:3n7n2n BG:4a4n2n8c BH:4a14c BR:8n5n10n1a1c BY:4c4n16c CH:5n12c CR:4n14n CY:3n5n16c "
            + "CZ:4n6n10n DE:8n10n DK:4n9n1n DO:4c20n EE:2n2n11n1n EG:4n4n17n ES:4n4n1n1n10n FI:3n11n FO:4n9n1n "
            + "FR:5n5n11c2n GB:4a6n8n GE:2a16n GI:4a15c GL:4n9n1n GR:3n4n16c GT:4c20c HR:7n10n HU:3n4n1n15n1n "
            + "IE:4a6n8n IL:3n3n13n IQ:4a3n12n IS:4n2n6n10n IT:1a5n5n12c JO:4a4n18c KW:4a22c KZ:3n13c LB:4n20c "
            + "LC:4a24c LI:5n12c LT:5n11n LU:3n13c LV:4a13c LY:3n3n15n MC:5n5n11c2n MD:2c18c ME:3n13n2n "
            + "MK:3n10c2n MR:5n5n11n2n MT:4a5n18c MU:4a2n2n12n3n3a NL:4a10n NO:4n6n1n PK:4a16c PL:8n16n "
            + "PS:4a21c PT:4n4n11n2n QA:4a21c RO:4a16c RS:3n13n2n SA:2n18c SC:4a2n2n16n3a SD:2n12n SE:3n16n1n "
            + "SI:5n8n2n SK:4n6n10n SM:1a5n5n12c ST:4n4n11n2n SV:4a20n TL:3n14n2n TN:2n3n13n2n TR:5n1n16c "
            + "UA:6n19c VA:3n15n VG:4a16n XK:4n10n2n "
            + "GP:5n5n11c2n MQ:5n5n11c2n RE:5n5n11c2n GF:5n5n11c2n YT:5n5n11c2n PM:5n5n11c2n NC:5n5n11c2n "
            + "PF:5n5n11c2n WF:5n5n11c2n TF:5n5n11c2n BL:5n5n11c2n MF:5n5n11c2n");

    /** Countries whose BBAN is a French RIB (France, Monaco, the overseas territories): its key is checked too. */
    private static final Set<String> RIB_COUNTRIES = Set.of("FR", "MC", "GP", "MQ", "RE", "GF", "YT", "PM", "NC", "PF",
            "WF", "TF", "BL", "MF");

    private static final String SEP = "[ \\n|]?";

    /** {@code n} digits (letters too when {@code letters}), possibly split by a line break. */
    private static String group(int n, boolean letters) {
        String c = letters ? "[0-9A-Z]" : "\\d";
        return "(" + c + "(?:\\n?" + c + "){" + (n - 1) + "})";
    }

    /** A RIB with its labels: (code) banque, (code) guichet, (n° de) compte and clé (RIB), in a text or a table. */
    private static final Pattern RIB_BLOCK = Pattern.compile(
            "(?:CODE" + SEP + ")?BANQUE" + SEP + group(5, false) + SEP + "(?:CODE" + SEP + ")?GUICHET" + SEP
            + group(5, false) + SEP + "(?:(?:NUMERO|N[Oº]?)" + SEP + "(?:DE" + SEP + ")?)?COMPTE" + SEP + group(11, true)
            + SEP + "CLE(?:" + SEP + "RIB)?" + SEP + group(2, false) + "(?![0-9A-Z])");

    /** A RIB written as its four numbers in a row, or in a table's row: 30001 00064 00000092441 40. */
    private static final Pattern RIB_ROW = Pattern.compile(
            "(?<![0-9A-Z])" + group(5, false) + SEP + group(5, false) + SEP + group(11, true) + SEP + group(2, false)
            + "(?![0-9A-Z])");

    /** One space or line break between groups, or none; not a table's cell boundary. */
    private static final String GAP = "[ \\n]?";

    /** A social security number: sex, year, month, department (2A/2B for Corsica), commune, order, key. */
    private static final Pattern NIR = Pattern.compile("(?<![0-9A-Z])([1-478])" + GAP + "(\\d{2})" + GAP + "(\\d{2})"
            + GAP + "(\\d{2}|2[AB])" + GAP + "(\\d{3})" + GAP + "(\\d{3})" + GAP + "(\\d{2})(?![0-9A-Z])");

    /** 13 to 19 digits, contiguous or in groups. */
    private static final Pattern CARD = Pattern.compile("(?<![0-9A-Z])(?<!\\d )\\d(?:" + GAP + "\\d){12,18}(?![0-9A-Z])(?! \\d)");

    /** French numbers in the view: 0X XX XX XX XX (in pairs or not at all), 0033 X XX XX XX XX. */
    private static final Pattern PHONE_VIEW = Pattern.compile(
            "(?<![0-9A-Z])(?:00 ?33 ?|0)([1-9])(?:(?:[ \\n]\\d{2}){4}|\\d{8})(?![0-9A-Z])(?! \\d)");

    /** An e-mail address, in the view of addresses (upper case, so either case is matched). */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9.+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");

    /** French numbers as written: +33 X XX XX XX XX, +33 (0)X …; separators space, dot or hyphen. */
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

    /** The fewest digits of a number looked for on the normalised view (a phone number's 10). */
    private static final int MIN_DIGITS = 10;

    /**
     * Every finding in {@code text}, in text order. Numbers (IBAN, RIB, NIR, card, phone) are looked for on the
     * normalised view ({@link Normalised}) of the parts where digits come close together, e-mail addresses on the view
     * of addresses around each @ (in any form), and each finding spans the original characters its view came from,
     * whatever they are (markup, invisible characters, line breaks); home addresses, and phone numbers as written, on
     * the text itself. The patterns only run where they can match (around runs of 9 or more digits, around each @ and
     * each « banque », and from the words a home address starts with).
     */
    public static List<Finding> scan(String text) {
        if (tooFewDigits(text)) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        char[] chars = text.toCharArray();
        // One pass finds the number regions, the words a home address starts with and whether an @ may be there.
        List<Integer> homes = new ArrayList<>();
        boolean[] at = new boolean[1];
        List<int[]> regions = numberRegions(chars, text, homes, at);
        for (int[] region : regions) {
            numbers(text, Normalised.of(text.substring(region[0], region[1])), region[0], out);
        }
        if (at[0]) {
            for (int[] region : addressRegions(text)) {
                email(Normalised.ofAddresses(text.substring(region[0], region[1])), region[0], out);
            }
        }
        // A phone number as written holds 10 digits or more within 25 characters: only in a number region.
        if (!regions.isEmpty()) {
            for (int[] w : numberSpans(chars)) {
                phone(text, PHONE, text, w, null, 0, out);
            }
        }
        address(text, homes, out);
        out.sort(Comparator.comparingInt(Finding::start));
        return List.copyOf(out);
    }

    /**
     * True when a text holds no @ or character reference, fewer than 9 characters that may be digits (a number's
     * fewest), and is too short for a home address or has fewer than its 6 digits (postal code and number): nothing
     * can be found in it. Most values of a data file are such.
     */
    private static boolean tooFewDigits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || c == '&') {
                return false;
            }
            if ((c >= '0' && c <= '9' || c >= 0x80) && ++digits >= 9) {
                return false;
            }
        }
        return digits < 6 || text.length() < 20;
    }

    /** How close {@link #MIN_DIGITS} digits must be (in characters other than invisible ones) to hold a number. */
    private static final int DENSE = 160;
    /** How much of the text around digits close together is read with them (labels, a table's header, markup). */
    private static final int AROUND = 200;

    /**
     * The parts of a text where digits, or characters that may read as digits (fullwidth, mathematical, a
     * character reference's {@code &}), come close enough together to hold a number, with {@link #AROUND}
     * characters on each side; merged when they overlap. Invisible characters do not count in the distance, so
     * padding a number with them does not hide it. Only these parts are normalised and scanned for numbers.
     */
    private static List<int[]> numberRegions(char[] chars) {
        return numberRegions(chars, null, null, null);
    }

    /**
     * {@link #numberRegions(char[])}; with {@code homes}, in the same pass, also where the words of
     * {@link #homeWordStarting} start in {@code text} (any case, text order), and {@code at[0]} true when the text holds a
     * character an e-mail address's @ may be written with ({@link #addressRegions}).
     */
    private static List<int[]> numberRegions(char[] chars, String text, List<Integer> homes, boolean[] at) {
        List<int[]> out = new ArrayList<>();
        int[] visibleAt = new int[MIN_DIGITS];
        int[] charAt = new int[MIN_DIGITS];
        int count = 0;
        int visible = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            boolean digit;
            if (homes != null) {
                char lower = c < 128 ? (char) (c | 0x20) : c;
                if ((lower == 'd' || lower == 'r' || lower == 'h') && i + 1 < chars.length) {
                    homeWord(text, chars, i, lower, homes);
                } else if (c == '@' || c == '&' || c == '\uFF20' || c == '\uFE6B') {
                    at[0] = true;
                }
            }
            if (c < 0x80) {
                digit = c >= '0' && c <= '9' || c == '&';
            } else if (visibleNoDigit(c)) {
                digit = false;
            } else {
                int type = Character.getType(c);
                if (type == Character.FORMAT || type == Character.NON_SPACING_MARK) {
                    continue;
                }
                digit = c >= 0x250 && (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.OTHER_NUMBER
                        || type == Character.SURROGATE);
            }
            visible++;
            if (!digit) {
                continue;
            }
            int slot = count % MIN_DIGITS;
            visibleAt[slot] = visible;
            charAt[slot] = i;
            count++;
            if (count >= MIN_DIGITS) {
                int oldest = count % MIN_DIGITS;
                if (visible - visibleAt[oldest] < DENSE) {
                    int start = Math.max(0, charAt[oldest] - AROUND);
                    int end = Math.min(chars.length, i + 1 + AROUND);
                    int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
                    if (last != null && start <= last[1]) {
                        last[1] = end;
                    } else {
                        out.add(new int[] {start, end});
                    }
                }
            }
        }
        return out;
    }

    /**
     * True for the characters above ASCII that {@link #numberRegions} counts as visible and not as digits without
     * asking {@link Character#getType} (slower): Latin letters and signs, and the punctuation of French text (’ – …
     * « and the narrow no-break space).
     */
    static boolean visibleNoDigit(char c) {
        return c < 0x250 && c != 0xAD || c >= 0x2010 && c <= 0x2027 || c == 0x202F || c >= 0x2030 && c <= 0x205E;
    }

    /** The numbers of a view, as findings on the original text (where the view's text starts at {@code shift}). */
    private static void numbers(String text, Normalised view, int shift, List<Finding> out) {
        String v = view.text;
        List<int[]> spans = numberSpans(v.toCharArray());
        for (int[] w : spans) {
            iban(v, w, view, shift, out);
        }
        for (int at = v.indexOf("BANQUE"); at >= 0; at = v.indexOf("BANQUE", at + 1)) {
            rib(v, RIB_BLOCK, new int[] {Math.max(0, at - 6), Math.min(v.length(), at + 200)}, view, shift, out);
        }
        for (int[] w : spans) {
            rib(v, RIB_ROW, w, view, shift, out);
        }
        for (int[] w : spans) {
            nir(v, w, view, shift, out);
            card(text, v, w, view, shift, out);
        }
        for (int[] w : spans) {
            phone(text, PHONE_VIEW, v, w, view, shift, out);
        }
        // A link's destination or a tag's attributes are not read next to the text around them: each on its own.
        for (int[] d : view.destinations) {
            String part = text.substring(shift + d[0], shift + d[1]);
            for (int[] region : numberRegions(part.toCharArray())) {
                numbers(text, Normalised.of(part.substring(region[0], region[1])), shift + d[0] + region[0], out);
            }
        }
    }

    /**
     * Spans of digits (with the few letters and single separators numbers are written with) holding 9 digits or
     * more; a word of five letters or more ends one.
     */
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
            int letters = 0;
            while (j < n) {
                char c = text[j];
                if (c >= '0' && c <= '9') {
                    digits++;
                    letters = 0;
                    j++;
                } else if ((c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'b') && ++letters <= 4) {
                    // a bank code (NWBK), Corsica's 2A; a longer word ends the number
                    j++;
                } else if (separator(c) && j + 1 < n && !separator(text[j + 1])) {
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

    /** What numbers are written with between their digits: a space, a line break, a table cell's bar, . - ( ) / */
    private static boolean separator(char c) {
        return switch (c) {
            case ' ', '\n', '|', '\u00A0', '\t', '.', '-', '(', ')', '/' -> true;
            default -> false;
        };
    }

    private static Matcher in(Pattern p, String text, int[] window) {
        return p.matcher(text).region(window[0], window[1]).useTransparentBounds(true).useAnchoringBounds(false);
    }

    /**
     * Each match of {@code p} in the window, in order, handed to {@code found}; when it says the match is no finding,
     * the search goes on from the next character (a valid number may start inside a longer, invalid match).
     */
    private static void matches(Pattern p, String text, int[] window, java.util.function.Predicate<Matcher> found) {
        Matcher m = in(p, text, window);
        int from = window[0];
        while (from < window[1] && m.region(from, window[1]).find()) {
            from = found.test(m) ? m.end() : m.start() + 1;
        }
    }

    /** Adds a finding of {@code [start, end)} of the view (or of the text when {@code view} is null). */
    private static void add(List<Finding> out, Kind kind, int start, int end, Normalised view, int shift, String detail) {
        add(out, view == null ? new Finding(kind, start, end, detail)
                : new Finding(kind, shift + view.start(start), shift + view.end(end), detail));
    }

    private static void add(List<Finding> out, Finding f) {
        for (Finding o : out) {
            if (f.start() < o.end() && o.start() < f.end()) {
                return;
            }
        }
        out.add(f);
    }

    private static void iban(String v, int[] window, Normalised view, int shift, List<Finding> out) {
        matches(IBAN, v, window, m -> {
            // The pattern may run into following words: the IBAN is the prefix of its country's length.
            String raw = m.group();
            StringBuilder compact = new StringBuilder(34);
            int length = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == ' ' || c == '\n' || c == '|') {
                    continue;
                }
                compact.append(c);
                if (compact.length() == 2) {
                    Integer known = LENGTHS.get(compact.toString());
                    if (known == null) {
                        break;
                    }
                    length = known;
                } else if (compact.length() == length) {
                    // It ends where the word does, or where its last digit meets a letter (markup dropped between).
                    boolean boundary = i + 1 == raw.length() || !isAlnum(raw.charAt(i + 1))
                            || isDigit(c) && !isDigit(raw.charAt(i + 1));
                    if (boundary && ibanValid(compact.toString())) {
                        add(out, Kind.IBAN, m.start(), m.start() + i + 1, view, shift, "key checked (ISO 13616 mod 97)");
                        return true;
                    }
                    break;
                }
            }
            return false;
        });
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || c >= 'A' && c <= 'Z';
    }

    private static Map<String, Pattern> bbanFormats(String formats) {
        Map<String, Pattern> out = new HashMap<>();
        for (String entry : formats.split(" ")) {
            String country = entry.substring(0, 2);
            StringBuilder regex = new StringBuilder();
            int length = 4;
            Matcher part = Pattern.compile("(\\d+)([nac])").matcher(entry.substring(3));
            while (part.find()) {
                int count = Integer.parseInt(part.group(1));
                length += count;
                regex.append(switch (part.group(2)) {
                    case "n" -> "\\d";
                    case "a" -> "[A-Z]";
                    default -> "[A-Z0-9]";
                }).append('{').append(count).append('}');
            }
            out.put(country, Pattern.compile(regex.toString()));
            LENGTHS.put(country, length);
        }
        return Map.copyOf(out);
    }

    /**
     * ISO 13616: the country's length and format in the registry, and the key: move the first four characters to
     * the end, letters as 10–35; the number mod 97 is 1. A French-style BBAN's clé RIB is checked too.
     */
    public static boolean ibanValid(String iban) {
        String s = iban.toUpperCase(Locale.ROOT);
        String country = s.length() < 4 ? "" : s.substring(0, 2);
        Pattern bban = BBAN.get(country);
        if (bban == null || s.length() != LENGTHS.get(country) || !isDigit(s.charAt(2)) || !isDigit(s.charAt(3))
                || !bban.matcher(s.substring(4)).matches() || RIB_COUNTRIES.contains(country)
                && !ribValid(s.substring(4, 9), s.substring(9, 14), s.substring(14, 25), s.substring(25))) {
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

    private static void rib(String v, Pattern p, int[] window, Normalised view, int shift, List<Finding> out) {
        matches(p, v, window, m -> {
            boolean valid = ribValid(joined(m.group(1)), joined(m.group(2)), joined(m.group(3)), joined(m.group(4)));
            if (valid) {
                add(out, Kind.RIB, m.start(), m.end(), view, shift, "banque " + m.group(1) + ", clé RIB checked");
            }
            return valid;
        });
    }

    /** A group of a number without the line break that may split it. */
    private static String joined(String group) {
        return group.replace("\n", "");
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

    private static void nir(String v, int[] window, Normalised view, int shift, List<Finding> out) {
        matches(NIR, v, window, m -> {
            boolean valid = nirValid(m.group(1) + m.group(2) + m.group(3) + m.group(4) + m.group(5) + m.group(6),
                    m.group(7));
            if (valid) {
                add(out, Kind.NIR, m.start(), m.end(), view, shift, "key checked");
            }
            return valid;
        });
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

    private static void card(String text, String v, int[] window, Normalised view, int shift, List<Finding> out) {
        matches(CARD, v, window, m -> {
            String raw = m.group();
            String digits = raw.replace(" ", "").replace("\n", "");
            // A line break is a group's end, or splits a group.
            boolean valid = (plausibleCardLayout(raw.replace('\n', ' '))
                    || plausibleCardLayout(raw.replace("\n", ""))) && cardIssuer(digits) && Siret.luhn(digits)
                    && !nearSiret(text, shift + view.start(m.start()));
            if (valid) {
                add(out, Kind.CARD, m.start(), m.end(), view, shift, "Luhn key checked");
            }
            return valid;
        });
    }

    /** Contiguous, or groups of four (the last one shorter), or American Express's 4-6-5. */
    private static boolean plausibleCardLayout(String raw) {
        String[] groups = raw.split(" ");
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

    /** A phone number of {@code v} (the text, or its view); a landline is reported unless its line names a service. */
    private static void phone(String text, Pattern p, String v, int[] window, Normalised view, int shift,
                              List<Finding> out) {
        Matcher m = in(p, v, window);
        while (m.find()) {
            boolean mobile = m.group(1).equals("6") || m.group(1).equals("7");
            int at = view == null ? m.start() : shift + view.start(m.start());
            if (mobile || !FUNCTION_LINE.matcher(lineOf(text, at)).find()) {
                add(out, Kind.PHONE, m.start(), m.end(), view, shift,
                        mobile ? "mobile number" : "not named as a service's line");
            }
        }
    }

    /** How far around an @ an address is looked for (in characters: invisible ones and references count). */
    private static final int ADDRESS_BEFORE = 400;
    private static final int ADDRESS_AFTER = 600;

    /**
     * The parts of a text around each @ (also ＠, ﹫, {@code &#64;}, {@code &#x40;}, {@code &commat;}), widened to the
     * whitespace around them so that no word is cut; merged when they overlap (each character is looked at a bounded
     * number of times).
     */
    private static List<int[]> addressRegions(String text) {
        List<int[]> out = new ArrayList<>();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '@' && c != '\uFF20' && c != '\uFE6B' && (c != '&' || !(text.startsWith("&#64;", i)
                    || text.regionMatches(true, i, "&#x40;", 0, 6) || text.startsWith("&commat;", i)))) {
                continue;
            }
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last == null || i - ADDRESS_BEFORE > last[1]) {
                int start = Math.max(0, i - ADDRESS_BEFORE);
                while (start > 0 && start > i - 2 * ADDRESS_BEFORE && !Character.isWhitespace(text.charAt(start - 1))) {
                    start--;
                }
                last = new int[] {start, start};
                out.add(last);
            }
            int end = Math.max(last[1], Math.min(n, i + ADDRESS_AFTER));
            while (end < n && end < i + 2 * ADDRESS_AFTER && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            last[1] = end;
        }
        return out;
    }

    private static void email(Normalised view, int shift, List<Finding> out) {
        Matcher m = EMAIL.matcher(view.text);
        while (m.find()) {
            if (personalMailbox(m.group(1))) {
                add(out, Kind.EMAIL, m.start(), m.end(), view, shift, "shaped like prénom.nom");
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

    /**
     * The word that introduces a home address starting with these two letters (lower case), or null: « demeurant »,
     * « domicili(é) », « résidant », « residant », « habitant ».
     */
    private static String homeWordStarting(char first, char second) {
        return switch (first) {
            case 'd' -> second == 'e' ? "demeurant" : second == 'o' ? "domicili" : null;
            case 'r' -> second == '\u00E9' ? "r\u00E9sidant" : second == 'e' ? "residant" : null;
            case 'h' -> second == 'a' ? "habitant" : null;
            default -> null;
        };
    }

    /** Adds {@code i} to {@code homes} when a word of {@link #homeWordStarting} starts there (any case). */
    private static void homeWord(String text, char[] chars, int i, char lower, List<Integer> homes) {
        // Most words starting with these letters are not these words: their second letter says so.
        char next = chars[i + 1];
        String word = homeWordStarting(lower, next < 128 ? (char) (next | 0x20) : next == '\u00C9' ? '\u00E9' : next);
        // A third letter in ASCII that is not the word's (any case) ends most of the words starting like these.
        char third = i + 2 < chars.length ? chars[i + 2] : 0;
        if (word != null && (third >= 128 || (third | 0x20) == word.charAt(2))
                && text.regionMatches(true, i, word, 0, word.length())) {
            homes.add(i);
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
