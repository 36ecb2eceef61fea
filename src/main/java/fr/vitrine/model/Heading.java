package fr.vitrine.model;

/** A heading of a rendered text, for its table of contents. */
public record Heading(int level, String text, String id) {
}
