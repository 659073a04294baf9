package dev.occlude.batch;

import java.nio.file.Path;

/**
 * One image to process: its path, where its outputs go below --out (a relative path without
 * extension), and a problem found while listing it (null when there is none).
 */
public record Input(Path path, Path outputStem, String problem) {

    /** The same input with the file's extension kept in its output name (b.png → b.png.occlusion.png). */
    Input withExtension() {
        Path name = path.getFileName();
        Path parent = outputStem.getParent();
        return new Input(path, parent == null ? name : parent.resolve(name), problem);
    }

    static Input of(Path path, Path relative) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path parent = relative.getParent();
        return new Input(path, parent == null ? Path.of(stem) : parent.resolve(stem), null);
    }

    static Input failed(Path path, String problem) {
        return new Input(path, Path.of(path.getFileName() == null ? "input" : path.getFileName().toString()), problem);
    }
}
