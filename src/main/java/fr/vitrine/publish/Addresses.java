package fr.vitrine.publish;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Parsed addresses for publishing: the origin (scheme, host, port) the API key may go to, whether a host is local or
 * private (decided on the address as written, without any DNS lookup), and printable server text.
 */
final class Addresses {

    /** Top-level names that never reach the public internet (RFC 2606, 6761, 6762; ICANN's .internal). */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("test", "example", "invalid", "localhost",
            "local", "internal");

    private Addresses() {
    }

    /** Scheme, host and port of an absolute http(s) URI; two origins are equal only when all three are. */
    record Origin(String scheme, String host, int port) {
        static Origin of(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            return new Origin(scheme, host, port);
        }

        @Override
        public String toString() {
            return scheme + "://" + host + ":" + port;
        }
    }

    /** Parses an absolute http(s) URL with a host; null when it is not one (bad syntax, other scheme, no host). */
    static URI httpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** True for localhost and loopback addresses (127/8, ::1): a test server on this machine. */
    static boolean isLoopback(URI uri) {
        String host = host(uri);
        InetAddress ip = literal(host);
        return host.equals("localhost") || ip != null && ip.isLoopbackAddress();
    }

    /**
     * Why an address cannot be a site's public address on data.gouv.fr (local, private or shared, a number, a name
     * without a dot or under a reserved top-level name, not https), or null when it can. data.gouv.fr refuses such
     * URLs after the upload; a private one is unreachable from anywhere else.
     */
    static String notPublic(URI uri) {
        String host = host(uri);
        if (isLoopback(uri) || host.endsWith(".localhost")) {
            return "is local (" + host + ")";
        }
        if (host.endsWith(".local") || host.equals("local")) {
            return "is a local network name (" + host + ")";
        }
        InetAddress ip = literal(host);
        if (ip != null && (ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc))) {
            return "is a private address (" + host + ")";
        }
        if (ip != null && ip.getAddress().length == 4 && ip.getAddress()[0] == 100 && (ip.getAddress()[1] & 0xc0) == 64) {
            return "is in the shared address space 100.64.0.0/10 of internet providers (" + host + ")";
        }
        String top = host.substring(host.lastIndexOf('.') + 1);
        if (ip == null && top.matches("[0-9]+|0x[0-9a-f]*")) {
            return "is an address written as a number (" + host + "), which readers take for another one: write "
                    + "the site's name";
        }
        if (ip != null && host.matches(".*\\b0\\d.*")) {
            return "is an address with a leading zero (" + host + "), which some readers read as octal";
        }
        if (ip == null && !host.contains(".")) {
            return "has no dot (" + host + "): a name of a local network, not a public one";
        }
        if (RESERVED.contains(top)) {
            return "ends with ." + top + ", a name reserved for tests and private networks (" + host + ")";
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return "is not https";
        }
        return null;
    }

    private static String host(URI uri) {
        String host = Objects.requireNonNullElse(uri.getHost(), "").toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** The address of an IP literal (IPv4 dotted, or IPv6 in brackets); null for a name, which is never looked up. */
    private static InetAddress literal(String host) {
        boolean v4 = host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = host.startsWith("[") && host.endsWith("]") && host.matches("\\[[0-9a-f:.%]+]");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Server or user text made safe for a terminal: control characters become spaces, runs of blanks one space. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return b.toString().replaceAll("\\s+", " ").strip();
    }

    /** {@link #printable} and cut to {@code max} characters. */
    static String abbreviate(String s, int max) {
        String one = printable(s);
        return one.length() > max ? one.substring(0, max) + "…" : one;
    }
}
