package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Relative links computed in one pass give what splitting both paths into folders gave, on every kind of path. */
class UrlsTest {

    /** The split-based computation {@link Urls#relative} replaced: the oracle. */
    private static String bySplitting(String from, String to) {
        if (!to.startsWith("/")) {
            return to;
        }
        String[] a = from.substring(0, from.lastIndexOf('/') + 1).split("/", -1);
        String[] b = to.split("/", -1);
        int common = 0;
        while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder("../".repeat(a.length - 1 - common));
        for (int i = common; i < b.length; i++) {
            sb.append(b[i]).append(i < b.length - 1 ? "/" : "");
        }
        String rel = sb.toString();
        return rel.isEmpty() ? "./" : rel.startsWith("#") ? "./" + rel : rel;
    }

    @Test
    void everyPairOfPathsGivesTheLinkSplittingGave() {
        // Folders that share a prefix without being the same folder (a, ab), files, fragments, the root, a page
        // path without its first slash, and targets that are not site paths.
        List<String> paths = new ArrayList<>(List.of("", "/", "index.html", "#top", "https://x.fr/a/", "/404.html"));
        String[] parts = {"a", "ab", "b", "é"};
        for (String x : parts) {
            paths.add("/" + x);
            paths.add("/" + x + "/");
            paths.add("/" + x + "/#s");
            paths.add("/" + x + "/f.csv");
            for (String y : parts) {
                paths.add("/" + x + "/" + y + "/");
                paths.add("/" + x + "/" + y);
                paths.add("/" + x + "/" + y + "/#article-1");
                for (String z : parts) {
                    paths.add("/" + x + "/" + y + "/" + z + "/index.html");
                }
            }
        }
        int pairs = 0;
        for (String from : paths) {
            for (String to : paths) {
                assertEquals(bySplitting(from, to), Urls.relative(from, to), from + " -> " + to);
                pairs++;
            }
        }
        assertEquals(paths.size() * paths.size(), pairs);
    }
}
