package dev.conflux.sample.orders;

/** The request was well-formed but the order in it is not acceptable; the message says why. */
public class InvalidOrderException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidOrderException(String message) {
        super(message);
    }
}
