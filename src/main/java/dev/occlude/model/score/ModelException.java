package dev.occlude.model.score;

/** A model directory that cannot be used; the message is one line that names it and the problem. */
public class ModelException extends Exception {
    /** @param message one line naming the model directory and the problem */
    public ModelException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the model directory and the problem
     * @param cause what the engine threw
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
