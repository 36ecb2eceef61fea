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
        String fromDir = from.substring(0, from.lastIndexOf('/') + 1);
        String[] a = fromDir.split("/", -1);
        String[] b = to.split("/", -1);
        int common = 0;
        // Compare directory segments only (the last element of b is a file name or "").
        while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
            common++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < a.length - 1; i++) {
            sb.append("../");
        }
        for (int i = common; i < b.length; i++) {
            sb.append(b[i]);
            if (i < b.length - 1) {
                sb.append('/');
            }
        }
        String rel = sb.toString();
        if (rel.isEmpty()) {
            return "./";
        }
        return rel.startsWith("#") ? "./" + rel : rel;
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
