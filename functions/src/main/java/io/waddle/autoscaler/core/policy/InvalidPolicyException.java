package io.waddle.autoscaler.core.policy;

/**
 * A policy that cannot be used: names the field (a JSON path such as {@code compute.max_instances})
 * and why. Both may quote the document, so both are made printable on one line (control characters
 * become '?') and cut to {@link #MAX_CHARS}: the message reaches a terminal, a log and an event.
 */
public final class InvalidPolicyException extends Exception {
    private final String field;
    private final String reason;

    static final int MAX_CHARS = 300;

    public InvalidPolicyException(String field, String reason) {
        this(printable(field), printable(reason), true);
    }

    private InvalidPolicyException(String field, String reason, boolean printable) {
        super((field.isEmpty() ? "" : field + ": ") + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_CHARS));
        for (int i = 0; i < s.length() && b.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > MAX_CHARS) {
            b.setLength(MAX_CHARS - 3);
            b.append("...");
        }
        return b.toString();
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
