package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Text;
import fr.vitrine.read.SourceRecord;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/** What makes an id valid, and how a record refers to another record or to a web address. */
final class References {

    /** Ids become URL segments and file names: lower-case words joined by hyphens. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ID = 100;
    /** Names Windows reserves for devices, whatever the extension: not usable as files or folders there. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");

    private References() {
    }

    /** False when a file name can't give a page address, reported (a beta.gouv.fr file's as a skipped record). */
    static boolean checkFileId(SourceRecord r, Fields f, String id, Diagnostics diagnostics) {
        if (r.external()) {
            // beta.gouv.fr accepts any file name: the id stays the key, pages get a safe address (Text.address).
            int bad = fr.vitrine.read.Characters.firstForbidden(id);
            if (bad >= 0) {
                diagnostics.warning(r.file(), r.tree().valueAt(r.path()), "file name '" + r.file().getFileName()
                        + "' contains the control character " + fr.vitrine.read.Characters.describe(id.codePointAt(bad))
                        + "; rename the file (record skipped)");
                return false;
            }
            return true;
        }
        if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
            f.problem(r.path(), "file name '" + r.file().getFileName() + "' can't be used as an id: use at most "
                    + MAX_ID + " lower-case letters, digits and hyphens");
        } else if (WINDOWS_DEVICE.matcher(id).matches()) {
            f.problem(r.path(), "file name '" + r.file().getFileName() + "' can't be used as an id: '" + id
                    + "' is a device name on Windows; choose a longer name");
        }
        return true;
    }

    static void checkId(Fields f, String key, String id) {
        if (id == null) {
            return;
        }
        if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
            f.problemAt(key, "id '" + Text.abbreviate(id) + "' is not valid: use at most " + MAX_ID
                    + " lower-case letters, digits and hyphens (e.g. cerema-dinum-2023)");
        } else if (WINDOWS_DEVICE.matcher(id).matches()) {
            f.problemAt(key, "id '" + id + "' is a device name on Windows (con, prn, aux, nul, com1…, lpt1…); "
                    + "choose a longer id");
        }
    }


    /** A reference to a beta.gouv.fr record whose file was skipped (its own problem is reported on it). */
    static String notPublished(String what, String id) {
        return what + " '" + Text.abbreviate(id) + "' is not published: its file was skipped (see the problem "
                + "reported on it); fix that file";
    }

    static String unknownRef(String what, String id, Collection<String> known, String hint) {
        String near = Text.closest(id, known);
        return "unknown " + what + " '" + Text.abbreviate(Objects.toString(id)) + "'"
                + (near != null ? "; did you mean '" + near + "'?" : "; " + Text.abbreviate(hint));
    }

    /** Accepts beta.gouv.fr's "/organisations/dinum" as well as "dinum". */
    static String orgRef(String ref) {
        if (ref == null) {
            return null;
        }
        String s = ref.strip();
        return s.startsWith("/organisations/") ? s.substring("/organisations/".length()) : s;
    }

    static String url(Fields f, String key) {
        String u = f.text(key, false);
        if (u == null) {
            return null;
        }
        // beta.gouv.fr's editor once wrote addresses HTML-escaped ("https:&#x2F;&#x2F;…"): decode, then check.
        String decoded = u.indexOf('&') >= 0 ? org.jsoup.parser.Parser.unescapeEntities(u, false) : u;
        if (!decoded.equals(u)) {
            f.warnAt(key, "'" + key + "' is written with HTML entities ('"
                    + Text.abbreviate(u) + "'); read as '" + Text.abbreviate(decoded) + "': write the address itself");
            u = decoded;
        }
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
            f.problemAt(key, "'" + key + "' must be an http(s) address, got '" + u + "'");
            return null;
        }
        return u;
    }
}
