package dev.occlude.video;

/** A video that cannot be read (further): the message is one line naming the file, and where it failed. */
public final class VideoException extends Exception {
    public VideoException(String message) {
        super(message);
    }
}
