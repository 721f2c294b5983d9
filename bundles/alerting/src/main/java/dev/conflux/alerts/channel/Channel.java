package dev.conflux.alerts.channel;

/**
 * A configured notification channel (email, webhook, log). The engine calls {@link #send} from its own notifier
 * thread, never from rule evaluation; a failure is recorded on the channel and retried with the next repeat.
 */
public interface Channel {

    String name();

    /** Delivers one notification; throws with a message for the operator when it could not. */
    void send(Notification notification) throws Exception;
}
