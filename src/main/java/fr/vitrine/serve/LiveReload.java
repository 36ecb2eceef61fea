package fr.vitrine.serve;

import org.jsoup.nodes.Entities;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server adds to each HTML page it serves (never to the files): the reload script, and while the sources have
 * errors an overlay listing them. The page's own Content-Security-Policy ({@code <meta http-equiv>}) is extended with
 * the SHA-256 of exactly that script and that style, nothing broader.
 */
final class LiveReload {

    /** The address of the event stream. */
    static final String EVENTS = "/__vitrine/events";

    /**
     * Listens to the server's events; reloads when this page changed (or everything did), keeping the scroll position
     * in sessionStorage. The server's version of the page is the script element's {@code data-version}: the stream
     * answers at once when the site changed since.
     */
    static final String SCRIPT = """
            (function () {
              var key = 'vitrine-scroll:' + location.pathname;
              var saved = sessionStorage.getItem(key);
              // The position is restored here, once styles, images and fonts are in, not by the browser.
              history.scrollRestoration = 'manual';
              if (saved) {
                sessionStorage.removeItem(key);
                var xy = saved.split(',');
                var restore = function () { window.scrollTo(+xy[0], +xy[1]); };
                // Without scroll anchoring, late layout changes (scripts, fonts) do not move the restored position.
                document.documentElement.style.overflowAnchor = 'none';
                document.body.style.overflowAnchor = 'none';
                restore();
                window.addEventListener('load', function () { document.fonts.ready.then(restore); });
              }
              var version = document.currentScript.getAttribute('data-version');
              var events = new EventSource('/__vitrine/events?since=' + encodeURIComponent(version));
              events.addEventListener('reload', function (e) {
                var change = JSON.parse(e.data);
                if (change.all || change.changed.indexOf(location.pathname) >= 0) {
                  sessionStorage.setItem(key, window.scrollX + ',' + window.scrollY);
                  events.close();
                  location.reload();
                }
              });
            })();
            """;

    static final String STYLE = """
            #vitrine-errors{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;\
            padding:1rem 1.5rem;background:#1e1e1e;color:#fff;border-top:.375rem solid #ce0500;\
            font:14px/1.5 ui-monospace,monospace;text-align:left}\
            #vitrine-errors h2{margin:0 0 .5rem;font:bold 16px/1.5 sans-serif;color:#fff}\
            #vitrine-errors ol{margin:0;padding:0 0 0 1.5rem}#vitrine-errors li{white-space:pre-wrap;word-break:break-word}
            """;

    static final String SCRIPT_HASH = "'sha256-" + sha256(SCRIPT) + "'";
    static final String STYLE_HASH = "'sha256-" + sha256(STYLE) + "'";

    private static final Pattern CSP_META = Pattern.compile(
            "(<meta\\s+http-equiv=\"Content-Security-Policy\"\\s+content=\")([^\"]*)(\")", Pattern.CASE_INSENSITIVE);
    private static final Pattern BODY_END = Pattern.compile("</body\\s*>", Pattern.CASE_INSENSITIVE);

    private LiveReload() {
    }

    /** {@code html} with the script (and the overlay when {@code errors} is not empty) before its {@code </body>}. */
    static String inject(String html, long version, List<String> errors) {
        String page = html;
        Matcher csp = CSP_META.matcher(page);
        int head = page.toLowerCase(Locale.ROOT).indexOf("</head");
        if (csp.find() && (head < 0 || csp.start() < head)) {
            // Only quotes, letters, digits and base64 are added: the attribute needs no new escaping.
            String policy = extend(csp.group(2), !errors.isEmpty());
            page = page.substring(0, csp.start()) + csp.group(1) + policy + csp.group(3) + page.substring(csp.end());
        }
        String added = (errors.isEmpty() ? "" : overlay(errors)) + "<script data-version=\"" + version + "\">" + SCRIPT
                + "</script>\n";
        Matcher end = BODY_END.matcher(page);
        int at = -1;
        while (end.find()) {
            at = end.start();
        }
        return at < 0 ? page + added : page.substring(0, at) + added + page.substring(at);
    }

    /** A page of its own, for when no site was built yet: the overlay and the script, under a policy of its own. */
    static String errorPage(long version, List<String> errors) {
        return inject("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\">\n"
                + "<title>Erreurs dans les sources</title></head><body>\n</body></html>\n", version, errors);
    }

    /** The overlay: the errors as a list, each HTML-escaped. */
    static String overlay(List<String> errors) {
        StringBuilder html = new StringBuilder("<style>").append(STYLE).append("</style>\n")
                .append("<section id=\"vitrine-errors\" role=\"alert\"><h2>")
                .append(errors.size() == 1 ? "1 erreur" : errors.size() + " erreurs")
                .append(" dans les sources : le site affiché est le dernier construit sans erreur</h2><ol>\n");
        for (String error : errors) {
            html.append("<li>").append(Entities.escape(error)).append("</li>\n");
        }
        return html.append("</ol></section>\n").toString();
    }

    /** {@code policy} allowing the script, and the overlay's style when {@code style}. */
    static String extend(String policy, boolean style) {
        List<String> directives = new ArrayList<>();
        for (String d : policy.split(";")) {
            if (!d.isBlank()) {
                directives.add(d.trim());
            }
        }
        allow(directives, "script-src", SCRIPT_HASH);
        if (style) {
            allow(directives, "style-src", STYLE_HASH);
        }
        return String.join("; ", directives);
    }

    /** Adds {@code source} to {@code directive}; a policy without it gets it from default-src, as browsers would. */
    private static void allow(List<String> directives, String directive, String source) {
        String fallback = null;
        for (int i = 0; i < directives.size(); i++) {
            String d = directives.get(i);
            String name = d.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (name.equals(directive)) {
                directives.set(i, without(d, "'none'") + " " + source);
                return;
            }
            if (name.equals("default-src")) {
                fallback = d.substring(name.length()).trim();
            }
        }
        if (fallback != null) {
            directives.add(without(directive + " " + fallback, "'none'") + " " + source);
        }
    }

    /** {@code directive} without the source {@code source} ('none' cannot be combined with others). */
    private static String without(String directive, String source) {
        List<String> kept = new ArrayList<>();
        for (String token : directive.split("\\s+")) {
            if (!token.equalsIgnoreCase(source)) {
                kept.add(token);
            }
        }
        return String.join(" ", kept);
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
