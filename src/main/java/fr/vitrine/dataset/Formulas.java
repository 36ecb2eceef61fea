package fr.vitrine.dataset;

/**
 * Spreadsheet formula injection (OWASP "CSV Injection", CWE-1236): a text cell that starts with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab, a carriage return or a NUL is read as a formula by Excel, LibreOffice or Google Sheets.
 * In the CSVs such a text is prefixed with a single quote, as OWASP advises; in the spreadsheets it is written as a
 * text cell; numbers are never touched (a negative amount stays a number).
 */
public final class Formulas {

    /** Said in the Table Schemas' descriptions of text columns and on the /donnees/ page. */
    public static final String RULE = "Dans le CSV, un texte qui commence par =, +, -, @, une tabulation ou un retour "
            + "chariot est précédé d'une apostrophe (') pour qu'un tableur ne l'exécute pas comme une formule ; le JSON "
            + "et le XLSX donnent le texte exact.";

    private Formulas() {
    }

    /** Whether a spreadsheet would take this text for a formula. */
    public static boolean risky(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\0' -> true;
            default -> false;
        };
    }

    /** The text prefixed with {@code '} when {@link #risky}. */
    public static String neutralise(String text) {
        return risky(text) ? "'" + text : text;
    }

    /**
     * A text as written in a CSV cell: neutralised, and its line breaks as LF — Jackson's strict quoting does not quote
     * a cell holding a lone CR, which a reader would take for the end of the record.
     */
    public static String csvText(String text) {
        String safe = neutralise(text);
        return safe.indexOf('\r') < 0 ? safe : safe.replace("\r\n", "\n").replace('\r', '\n');
    }
}
