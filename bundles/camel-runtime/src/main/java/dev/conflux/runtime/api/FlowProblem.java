package dev.conflux.runtime.api;

/**
 * One thing wrong with a flow definition.
 *
 * @param location the file (or resource) it was found in
 * @param line     1-based line, or -1 when unknown
 * @param column   1-based column, or -1 when unknown
 * @param message  what is wrong, in words a flow author understands
 */
public record FlowProblem(String location, int line, int column, String message) {

    /** {@code file:line:column: message}, the form compilers use, so editors can jump to it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(location);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.append(": ").append(message).toString();
    }
}
