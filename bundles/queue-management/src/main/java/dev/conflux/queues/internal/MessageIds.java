package dev.conflux.queues.internal;

import java.util.List;

/** The message ids a caller gives: the broker's ids, which are numbers. */
public final class MessageIds {

    private MessageIds() {
    }

    public static List<String> check(String[] messageIds) {
        if (messageIds == null || messageIds.length == 0) {
            throw new IllegalArgumentException("No message ids given");
        }
        for (String id : messageIds) {
            if (id == null || !id.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("'" + id + "' is not a message id (the broker's ids are numbers)");
            }
        }
        return List.of(messageIds);
    }
}
