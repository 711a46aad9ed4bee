package io.waddle.autoscaler.core.policy;

/**
 * A {@code service_pattern}: '*' any run of characters, '?' one character, anything else itself.
 *
 * <p>Matched without a regular expression, by the greedy two-pointer walk: on a mismatch, go back
 * to the last '*' and let it take one more character. Each '*' only ever moves forward, so a match
 * costs at most (pattern length x name length) steps however the wildcards are placed; a regex of
 * one {@code .*} per '*' backtracks exponentially on a name that almost matches. Nothing is
 * compiled or allocated per call.
 */
public final class Glob {
    private Glob() {}

    public static boolean matches(String glob, String name) {
        int g = 0;
        int n = 0;
        int star = -1;
        int starAt = 0;
        while (n < name.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == name.charAt(n))) {
                g++;
                n++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                star = g++;
                starAt = n;
            } else if (star >= 0) {
                g = star + 1;
                n = ++starAt;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
