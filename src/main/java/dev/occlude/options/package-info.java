/**
 * The picocli vocabulary that {@code occlude}, {@code occlude compare} and the Spark job share:
 * mixins for the scan, the look, the pixel limit, videos and labels, each checking its own values
 * and the options that go with them, and giving the room that owns them its object (an {@code
 * AnalysisPlan}, an {@code OverlayStyle}, an {@code io.PixelLimit}, a {@code video.VideoOptions},
 * the {@code eval.MistakeTriage.Rules}); the help texts, version and exit codes. Nothing here maps a
 * picture.
 */
package dev.occlude.options;
