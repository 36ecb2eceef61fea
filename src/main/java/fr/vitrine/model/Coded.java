package fr.vitrine.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An enumeration whose constants are written in records and settings by a code ({@code "delegation-de-gestion"})
 * and shown by a label ({@code "Convention de délégation de gestion"}): one way to parse a code, list the codes and
 * report an unknown one.
 */
public interface Coded {

    /** How the constant is written in records, settings and datasets. */
    String code();

    /** How the constant is shown. */
    String label();

    /** For templates ({@code kind.code}). */
    default String getCode() {
        return code();
    }

    /** For templates ({@code kind.label}). */
    default String getLabel() {
        return label();
    }

    /** The codes of {@code type}, in declaration order. */
    static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
    }

    /** The constant whose code is {@code text} (surrounding spaces ignored); empty when there is none. */
    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String text) {
        return parse(type, text, UnaryOperator.identity());
    }

    /**
     * The constant whose code matches {@code text} once {@code key} has normalised both (case, accents, spaces),
     * surrounding spaces ignored; empty when there is none.
     */
    static <E extends Enum<E> & Coded> Optional<E> parse(Class<E> type, String text, UnaryOperator<String> key) {
        String k = key.apply(text.strip());
        return Arrays.stream(type.getEnumConstants()).filter(e -> key.apply(e.code()).equals(k)).findFirst();
    }

    /** The message for an unknown code of {@code type}. */
    static <E extends Enum<E> & Coded> String unknown(Class<E> type, String what, String text) {
        return unknown(what, text, codes(type));
    }

    /**
     * The message for a value outside {@code allowed}: "'partenariats' is not a valid kind; did you mean
     * 'partenariat'? (allowed: …)".
     */
    static String unknown(String what, String text, Collection<String> allowed) {
        String near = Text.closest(text, allowed);
        return "'" + text + "' is not a valid " + what + (near != null ? "; did you mean '" + near + "'?" : "")
                + " (allowed: " + String.join(", ", allowed) + ")";
    }
}
