package dev.occlude.report;

import dev.occlude.result.Metrics;
import java.util.List;
import java.util.Map;

/**
 * What the report's page script is given, as records that Gson writes field by field (null
 * fields left out): the run's settings, the classes, whether labels were given, one card per
 * image or video, one entry per failure.
 *
 * @param settings the run's settings, from its first line
 * @param classes every class seen, in the model's order
 * @param labelled whether any line has a label
 * @param images the cards
 * @param errors the failures
 * @param colours each class's colour on a video's thumbnail (its lines and band), as #rrggbb
 * @param atlas the run's atlas (where the worst patches lie), when it drew one
 */
record ReportPage(Settings settings, List<String> classes, boolean labelled, List<Card> images, List<Error> errors,
                  List<String> colours, String atlas) {
    /**
     * The header's settings.
     *
     * @param model the model's name
     * @param patch the main patch side, or "-"
     * @param stride the main stride, or "-"
     * @param date when the report was written
     * @param map what the maps hold (probability or drop), or "-"
     * @param mapped which class was mapped: "the predicted class", "the true class", a class's name, or "mixed"
     * @param passes how many passes of repeated occlusion, or "-"
     * @param fill what hidden pixels became, or "-"
     * @param look how the thumbnails and overlays are drawn: look, colour map, opacity, scale
     */
    record Settings(String model, String patch, String stride, String date, String map, String mapped, String passes,
                    String fill, String look) {}

    /**
     * One image's card (or a video's: its most fragile frame's figures).
     *
     * @param image the input's path as given
     * @param predicted the clean prediction
     * @param probabilities every class's clean probability
     * @param target the mapped class (mapped images only)
     * @param min the worst patch's probability (mapped images only)
     * @param region the region of interest as "x,y wxh"
     * @param fill the fill as a card says it
     * @param flips the class-change figures
     * @param metrics the faithfulness curves
     * @param hit the pointing game's verdict
     * @param label the true class
     * @param mistake whether the prediction misses it
     * @param unmapped true for an image classified but not mapped
     * @param thumb the thumbnail's link
     * @param full the main map's (or a video's timeline's) link
     * @param maps every map one click away
     * @param flipsFile the class-change picture's link
     * @param tableFile the per-patch table's link
     * @param video for a video, its frames and annotated video
     * @param original the input's link (the image as it is, for the viewer), when it can be found
     * @param scale the colour scale the image's pictures (and its thumbnail) use, as "low to high"
     * @param triage for a mistake, its kind
     * @param evidence for a mistake, where its focus lies and what it met, in words
     */
    record Card(String image, String predicted, Map<String, Double> probabilities, String target, Double min,
                String region, String fill, FlipCounts flips, Metrics metrics, Boolean hit, String label,
                Boolean mistake, Boolean unmapped, String thumb, String full, List<MapLink> maps, String flipsFile,
                String tableFile, VideoInfo video, String original, String scale, String triage, String evidence) {
        /** The same card with its pictures and links. */
        Card withLinks(String newThumb, String newFull, List<MapLink> newMaps, String newFlipsFile,
                       String newTableFile) {
            return new Card(image, predicted, probabilities, target, min, region, fill, flips, metrics, hit, label,
                    mistake, unmapped, newThumb, newFull, newMaps, newFlipsFile, newTableFile, video, original, scale, triage, evidence);
        }

        /** The same card as a video's. */
        Card withVideo(VideoInfo newVideo) {
            return new Card(image, predicted, probabilities, target, min, region, fill, flips, metrics, hit, label,
                    mistake, unmapped, thumb, full, maps, flipsFile, tableFile, newVideo, original, scale, triage, evidence);
        }

        /** The same card with the input's link. */
        Card withOriginal(String newOriginal) {
            return new Card(image, predicted, probabilities, target, min, region, fill, flips, metrics, hit, label,
                    mistake, unmapped, thumb, full, maps, flipsFile, tableFile, video, newOriginal, scale, triage, evidence);
        }
    }

    /**
     * Patches whose hiding changes the predicted class.
     *
     * @param count how many
     * @param to how many to each class
     */
    record FlipCounts(int count, Map<String, Integer> to) {}

    /**
     * A map in the viewer.
     *
     * @param name what it shows
     * @param href its link
     */
    record MapLink(String name, String href) {}

    /**
     * A video's card extras.
     *
     * @param frames its sampled frames
     * @param worstTime the time of its most fragile frame
     * @param mistakes frames the model gets wrong
     * @param href the annotated video's link
     * @param classes how many frames each class is predicted for, most first: the drive, not one frame
     * @param truths how many labelled frames have each true class, most first (empty without labels)
     * @param labelled how many frames have a label (the mistakes are counted of these)
     */
    record VideoInfo(int frames, double worstTime, long mistakes, String href, Map<String, Integer> classes,
                     Map<String, Integer> truths, long labelled) {}

    /**
     * A failure.
     *
     * @param image the input's path as given
     * @param error why
     */
    record Error(String image, String error) {}
}
