/**
 * The picocli vocabulary that {@code occlude} and the Spark job share: mixins for the scan, the
 * look, the pixel limit and videos, each checking its own values and giving the room that owns
 * them its object (an {@code AnalysisPlan}, an {@code OverlayStyle}, an {@code io.PixelLimit}, a
 * {@code video.VideoOptions}); the help texts, version and exit codes. Nothing here maps a picture.
 */
package dev.occlude.options;
