package dev.occlude.serve;

import dev.occlude.result.Mapped;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One map job of the page: queued, running (variants done of total), then done with the command
 * line's record, its pictures and maps in a folder (never held in memory), failed with one line, or
 * cancelled (asked to stop, it stops after the batch it is scoring). Listeners hear every change (the
 * page's progress bar, through server-sent events).
 */
public final class MapJob {
    /** Where the job stands. */
    public enum State { QUEUED, RUNNING, DONE, FAILED, CANCELLED }

    /** Told of every change; called on the job's thread. */
    @FunctionalInterface
    public interface Listener {
        /** The job changed: more variants done, or it ended. */
        void changed(MapJob job);
    }

    private final String id;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.QUEUED;
    private volatile int done;
    private volatile int total;
    private volatile Mapped record;
    private volatile int width;
    private volatile int height;
    private volatile Path folder;
    private volatile String error;
    private volatile long lastTold;
    private volatile boolean stopAsked;
    private volatile boolean started;

    MapJob(String id) {
        this.id = id;
    }

    /** The job's id in the API. */
    public String id() {
        return id;
    }

    /** Where the job stands now. */
    public State state() {
        return state;
    }

    /** Variants scored so far. */
    public int done() {
        return done;
    }

    /** Variants to score in all (0 until the scan starts). */
    public int total() {
        return total;
    }

    /** The command line's record, once done. */
    public Mapped record() {
        return record;
    }

    /** The map's columns (the frame's width), once done. */
    public int width() {
        return width;
    }

    /** The map's rows (the frame's height), once done. */
    public int height() {
        return height;
    }

    /** The folder of the job's pictures, once done. */
    public Path folder() {
        return folder;
    }

    /** Why it failed, in one line. */
    public String error() {
        return error;
    }

    /** Whether it ended: done, failed or cancelled. */
    public boolean ended() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    /** Whether it was asked to stop (its scan checks between batches). */
    boolean stopAsked() {
        return stopAsked;
    }

    void askStop() {
        stopAsked = true;
    }

    /** Whether its thread took it up (then that thread tells how it ends). */
    boolean started() {
        return started;
    }

    void start() {
        started = true;
    }

    /** Adds a listener, told at once of where the job stands. */
    public void listen(Listener l) {
        listeners.add(l);
        l.changed(this);
    }

    /** Removes a listener (its client went away). */
    public void forget(Listener l) {
        listeners.remove(l);
    }

    void progress(int variantsDone, int variantsTotal) {
        state = State.RUNNING;
        done = variantsDone;
        total = variantsTotal;
        long now = System.nanoTime();
        // at most ten progress events a second: the page needs no more
        if (variantsDone == variantsTotal || now - lastTold > 100_000_000L) {
            lastTold = now;
            tell();
        }
    }

    void finish(Mapped result, int mapWidth, int mapHeight, Path pictures) {
        record = result;
        width = mapWidth;
        height = mapHeight;
        folder = pictures;
        state = State.DONE;
        tell();
    }

    void fail(String message) {
        error = message;
        state = State.FAILED;
        tell();
    }

    /** It stopped as asked, queued or between two batches; told once. */
    synchronized void cancelled() {
        if (state == State.CANCELLED) {
            return;
        }
        state = State.CANCELLED;
        tell();
    }

    private void tell() {
        for (Listener l : listeners) {
            l.changed(this);
        }
    }
}
