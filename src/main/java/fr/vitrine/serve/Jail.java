package fr.vitrine.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Maps a request's raw path to a file of the site, and never to anything outside it. Refused with 400: a path not
 * starting with '/', escapes that are malformed or encode '/', '\' or a control character, bytes that are not
 * strict UTF-8 (overlong forms such as {@code %c0%ae} included), backslashes, control characters, empty, '.' and '..'
 * segments, ':' (drive letters). Answered 404: hidden names (the output marker) and whatever resolves, through
 * symbolic links, outside the site's real path.
 */
final class Jail {

    /** Where a request leads. */
    sealed interface Target permits Bad, Missing, Redirect, Found {
    }

    record Bad(String why) implements Target {
    }

    record Missing() implements Target {
    }

    /** A folder asked without its final slash: the address to redirect to, so relative links resolve. */
    record Redirect(String location) implements Target {
    }

    record Found(Path file) implements Target {
    }

    private Jail() {
    }

    /** Resolves {@code rawPath} (still percent-encoded) in {@code root}, which must be a real path. */
    static Target resolve(Path root, String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (!path.startsWith("/")) {
            return new Bad("not an absolute path");
        }
        String decoded;
        try {
            decoded = decode(path);
        } catch (IllegalArgumentException e) {
            return new Bad(e.getMessage());
        }
        String[] segments = decoded.substring(1).split("/", -1);
        Path file = root;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty()) {
                if (last) {
                    break;
                }
                return new Bad("empty segment");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return new Bad("dot segment");
            }
            if (segment.indexOf(':') >= 0) {
                return new Bad("colon");
            }
            if (segment.startsWith(".")) {
                return new Missing();
            }
            file = file.resolve(segment);
        }
        if (!file.normalize().startsWith(root)) {
            return new Missing();
        }
        Path real = real(root, file);
        if (real == null) {
            return new Missing();
        }
        if (Files.isDirectory(real)) {
            if (!decoded.endsWith("/")) {
                return new Redirect(path + "/");
            }
            real = real(root, real.resolve("index.html"));
            if (real == null) {
                return new Missing();
            }
        } else if (decoded.endsWith("/") && !decoded.equals("/")) {
            return new Missing();
        }
        return Files.isRegularFile(real) ? new Found(real) : new Missing();
    }

    /** The real path of {@code file} when it exists and lies inside {@code root}, else null. */
    private static Path real(Path root, Path file) {
        try {
            Path real = file.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Decodes percent escapes as strict UTF-8; refuses what could change the path's structure or is not text. */
    static String decode(String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            int b;
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                int hi = Character.digit(path.charAt(i + 1), 16);
                int lo = Character.digit(path.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed escape");
                }
                b = hi << 4 | lo;
                if (b == '/' || b == '\\' || b < 0x20 || b == 0x7f) {
                    throw new IllegalArgumentException("escaped separator or control character");
                }
                i += 2;
            } else if (c == '\\' || c < 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("backslash, control or raw non-ASCII character");
            } else {
                b = c;
            }
            bytes.write(b);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            if (text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.FORMAT)) {
                throw new IllegalArgumentException("control or format character");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }
}
