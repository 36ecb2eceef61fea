package fr.vitrine.privacy;

import fr.vitrine.model.Coded;

import java.util.Locale;

/** The kinds of personal or sensitive data the privacy check looks for, with their default treatment. */
public enum Kind implements Coded {
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
    @Override
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String label() {
        return label;
    }

    /** What to do with a finding of a kind. */
    public enum Mode implements Coded {
        REDACT, WARN, ALLOW;

        /** The word used in settings, which is also how a mode is shown. */
        @Override
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String label() {
            return code();
        }
    }
}
