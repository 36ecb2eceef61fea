package fr.vitrine.evidence;

import fr.vitrine.model.EvidenceCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a robots.txt file for one user agent, as RFC 9309 says: the group naming the agent's product token,
 * else the {@code *} group; the longest matching {@code Allow}/{@code Disallow} path wins, {@code Allow} on a tie;
 * {@code *} matches any characters and a final {@code $} the end of the path. (crawler-commons' parser would bring
 * back commons-io, which the build keeps off its class path.)
 */
final class Robots {

    static final Robots ALLOW_ALL = new Robots(List.of(), null);
    static final Robots DISALLOW_ALL = new Robots(List.of(new Rule(false, "/")), null);

    private record Rule(boolean allow, String pattern) {
    }

    private final List<Rule> rules;
    private final EvidenceCheck.Outcome unreachable;

    private Robots(List<Rule> rules, EvidenceCheck.Outcome unreachable) {
        this.rules = rules;
        this.unreachable = unreachable;
    }

    /** The site did not answer when asked for its robots.txt: how. */
    static Robots unreachable(EvidenceCheck.Outcome how) {
        return new Robots(List.of(), how);
    }

    EvidenceCheck.Outcome unreachable() {
        return unreachable;
    }

    /** The rules of {@code text} for the agent whose product token is {@code token} ("Vitrine"). */
    static Robots parse(String text, String token) {
        String agent = token.toLowerCase(Locale.ROOT);
        List<Rule> mine = new ArrayList<>();
        List<Rule> any = new ArrayList<>();
        boolean forMe = false;
        boolean forAny = false;
        boolean inAgents = false;
        boolean sawMine = false;
        for (String raw : text.split("\r\n|\r|\n")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (!inAgents) {
                    forMe = false;
                    forAny = false;
                    inAgents = true;
                }
                String v = value.toLowerCase(Locale.ROOT);
                if (v.equals(agent)) {
                    forMe = true;
                    sawMine = true;
                } else if (v.equals("*")) {
                    forAny = true;
                }
            } else if (key.equals("allow") || key.equals("disallow")) {
                inAgents = false;
                if (value.isEmpty()) {
                    continue;
                }
                Rule r = new Rule(key.equals("allow"), value);
                if (forMe) {
                    mine.add(r);
                }
                if (forAny) {
                    any.add(r);
                }
            } else {
                inAgents = false;
            }
        }
        return new Robots(List.copyOf(sawMine ? mine : any), null);
    }

    /** True when the agent may fetch this path (with its query). */
    boolean allows(String path) {
        Rule best = null;
        for (Rule r : rules) {
            if (matches(r.pattern, path) && (best == null || r.pattern.length() > best.pattern.length()
                    || r.pattern.length() == best.pattern.length() && r.allow)) {
                best = r;
            }
        }
        return best == null || best.allow;
    }

    private static boolean matches(String pattern, String path) {
        boolean anchored = pattern.endsWith("$");
        String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        String regex = String.join(".*", java.util.Arrays.stream(p.split("\\*", -1))
                .map(java.util.regex.Pattern::quote).toList());
        return java.util.regex.Pattern.compile(regex + (anchored ? "" : ".*"), java.util.regex.Pattern.DOTALL)
                .matcher(path).matches();
    }
}
