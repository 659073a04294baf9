package dev.occlude.picture;

import dev.occlude.result.Outcome;
import java.awt.image.BufferedImage;

/** Told of each picture a run maps (not resumed, not failed), with its maps, before its line is emitted. */
@FunctionalInterface
public interface MapListener {
    /** {@code outcome} is the picture's record; {@code mapped} its main map and that map's scan. */
    void mapped(Outcome outcome, BufferedImage image, ImageMapper.Result mapped);
}
