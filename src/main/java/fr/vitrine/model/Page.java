package fr.vitrine.model;

import java.nio.file.Path;
import java.util.List;

/** A free page of the site (about, legal notice, accessibility statement). */
public record Page(String id, String title, String description, String bodyHtml, List<Heading> toc, Path file) {
}
