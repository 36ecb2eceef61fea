package fr.vitrine.privacy;

import java.util.Locale;

/** The kinds of personal or sensitive data the privacy check looks for, with their default treatment. */
public enum Kind {
    IBAN("IBAN", Mode.REDACT, "[coordonnées bancaires masquées]"),
    RIB("bank account (RIB)", Mode.REDACT, "[coordonnées bancaires masquées]"),
    CARD("payment card number", Mode.REDACT, "[numéro de carte masqué]"),
    NIR("social security number (NIR)", Mode.REDACT, "[numéro de sécurité sociale masqué]"),
    EMAIL("personal e-mail address", Mode.WARN, "[adresse électronique masquée]"),
    PHONE("phone number", Mode.WARN, "[numéro de téléphone masqué]"),
    ADDRESS("postal address of a person", Mode.WARN, "[adresse postale masquée]");

    /** What it is, in messages. */
    public final String label;
    public final Mode defaultMode;
    /** The visible mark that replaces a redacted value in published copies. */
    public final String mark;

    Kind(String label, Mode defaultMode, String mark) {
        this.label = label;
        this.defaultMode = defaultMode;
        this.mark = mark;
    }

    /** The name used in settings: {@code vitrine.privacy.iban}, {@code privacy: {email: allow}}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String code) {
        for (Kind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        return null;
    }

    /** What to do with a finding of a kind. */
    public enum Mode {
        REDACT, WARN, ALLOW;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String code) {
            for (Mode m : values()) {
                if (m.code().equals(code)) {
                    return m;
                }
            }
            return null;
        }
    }
}
