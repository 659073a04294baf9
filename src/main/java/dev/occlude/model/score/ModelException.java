package dev.occlude.model.score;

/** A model directory that cannot be used; the message is one line that names it and the problem. */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
