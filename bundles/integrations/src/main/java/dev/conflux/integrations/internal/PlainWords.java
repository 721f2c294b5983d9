package dev.conflux.integrations.internal;

import java.util.regex.Pattern;

/** A runtime message for a citizen integrator: without Java class names, exception prefixes or stack lines. */
final class PlainWords {

    private static final Pattern QUALIFIED_CLASS = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)?:?\\s*");
    private static final Pattern SIMPLE_EXCEPTION = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error):\\s*");
    private static final Pattern STACK = Pattern.compile("\\s+at\\s+[\\w.$]+\\([^)]*\\)");

    private PlainWords() {
    }

    static String of(String message) {
        if (message == null) {
            return null;
        }
        String s = STACK.matcher(message).replaceAll("");
        s = QUALIFIED_CLASS.matcher(s).replaceAll("");
        s = SIMPLE_EXCEPTION.matcher(s).replaceAll("");
        s = s.replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? "the flow failed" : s.length() > 400 ? s.substring(0, 400) + "…" : s;
    }
}
