package dev.conflux.queues.shell;

/** The line under a paged table. */
final class Paging {

    private Paging() {
    }

    /**
     * {@code messages 1001-1020 of 5000; next: --offset 1020}, or without the total when it is not known (-1): then
     * a full page ({@code shown == limit}) may have a next one.
     */
    static String footer(int offset, int shown, int limit, long total) {
        if (shown == 0) {
            return "no messages from offset " + offset + (total >= 0 ? " (" + total + " in all)" : "");
        }
        String line = "messages " + (offset + 1) + "-" + (offset + shown) + (total >= 0 ? " of " + total : "");
        boolean more = total < 0 ? shown >= limit : offset + shown < total;
        return more ? line + "; next: --offset " + (offset + shown) : line;
    }
}
