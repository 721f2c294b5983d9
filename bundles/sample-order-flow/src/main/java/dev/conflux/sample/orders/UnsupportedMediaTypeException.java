package dev.conflux.sample.orders;

/** The request body is not in a media type the endpoint accepts; the message says which one to send. */
public class UnsupportedMediaTypeException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnsupportedMediaTypeException(String message) {
        super(message);
    }
}
