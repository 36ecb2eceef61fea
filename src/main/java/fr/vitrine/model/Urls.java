package fr.vitrine.model;

/** Site paths ("/conventions/x/") and the relative links between them, so a site works under any base path. */
public final class Urls {

    private Urls() {
    }

    /**
     * The link from the page at {@code from} to {@code to}, both site paths starting with "/"; a trailing
     * "#fragment" or file name on {@code to} is kept.
     */
    public static String relative(String from, String to) {
        if (!to.startsWith("/")) {
            return to;
        }
        // One pass, no splitting (every link of every page comes here): the folders both paths start with, whole
        // folders only, then one "../" for each of the page's other folders and the rest of the target as it is.
        int fromDir = from.lastIndexOf('/') + 1;
        int common = 0;
        int rest = 0;
        for (int k = 0, n = Math.min(fromDir, to.length()); k < n && from.charAt(k) == to.charAt(k); k++) {
            if (to.charAt(k) == '/') {
                common++;
                rest = k + 1;
            }
        }
        int folders = 0;
        for (int k = 0; k < fromDir; k++) {
            if (from.charAt(k) == '/') {
                folders++;
            }
        }
        int up = folders - common;
        if (up == 0 && rest == to.length()) {
            return "./";
        }
        StringBuilder sb = new StringBuilder(3 * up + to.length() - rest + 2);
        if (up == 0 && to.charAt(rest) == '#') {
            sb.append("./");
        }
        sb.append("../".repeat(up)).append(to, rest, to.length());
        return sb.toString();
    }

    /** Site path of the page servers return for any missing address, at any depth. */
    public static final String NOT_FOUND = "/404.html";

    /**
     * The link from the page at {@code from} to {@code to}: relative, except on the 404 page, which a server shows
     * at any depth, where it is rooted at the base path of the public address ("/vitrine/conventions/").
     */
    public static String link(String from, String to, String baseUrl) {
        if (!NOT_FOUND.equals(from) || !to.startsWith("/")) {
            return relative(from, to);
        }
        return basePath(baseUrl) + to.substring(1);
    }

    /**
     * A relative link that names the file a folder's page is in ("../conventions/" → "../conventions/index.html",
     * "./#x" → "./index.html#x"), for a site opened from the disk, where a browser shows a folder's listing instead of
     * its index.html; any other link as it is.
     */
    public static String toFile(String link) {
        if (link.isEmpty() || link.startsWith("/") || link.startsWith("#") || link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return link;
        }
        int cut = link.length();
        for (char c : new char[]{'?', '#'}) {
            int i = link.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String path = link.substring(0, cut);
        return path.endsWith("/") ? path + "index.html" + link.substring(cut) : link;
    }

    /** The path of the public address, ending with "/": "https://x.github.io/vitrine/" → "/vitrine/". */
    public static String basePath(String baseUrl) {
        String path;
        try {
            path = java.net.URI.create(baseUrl).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.endsWith("/") ? path : path + "/";
    }

    /** The absolute address of a site path under {@code baseUrl} (which ends with "/"). */
    public static String absolute(String baseUrl, String path) {
        return baseUrl + (path.startsWith("/") ? path.substring(1) : path);
    }

    /** The output file a site path is written to: "/conventions/x/" → "conventions/x/index.html". */
    public static String file(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.isEmpty() || p.endsWith("/") ? p + "index.html" : p;
    }
}
