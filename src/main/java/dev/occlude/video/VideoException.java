package dev.occlude.video;

/** A video that cannot be read (further): the message is one line naming the file, and where it failed. */
public final class VideoException extends Exception {
    /** @param message one line naming the video and the problem */
    public VideoException(String message) {
        super(message);
    }
}
