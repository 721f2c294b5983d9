package dev.conflux.queues.internal;

import java.util.List;

/** The message ids a caller gives: the broker's ids, which are numbers. */
final class MessageIds {

    private MessageIds() {
    }

    static List<String> check(List<String> messageIds) {
        if (messageIds == null || messageIds.isEmpty()) {
            throw new IllegalArgumentException("No message ids given");
        }
        for (String id : messageIds) {
            if (id == null || !id.matches("\\d{1,18}")) {
                throw new IllegalArgumentException("'" + id + "' is not a message id (the broker's ids are numbers)");
            }
        }
        return List.copyOf(messageIds);
    }
}
