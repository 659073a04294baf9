package dev.occlude.io;

/** An input image that cannot be used; the message is one line that names the file and the problem. */
public class ImageLoadException extends Exception {
    /** @param message one line naming the file and the problem */
    public ImageLoadException(String message) {
        super(message);
    }
}
