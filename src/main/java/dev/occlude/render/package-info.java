/**
 * Heat map → picture: colour maps, the overlay with its colour bar and caption, in a built-in pixel font.
 *
 * <p>The overlay ({@link dev.occlude.render.OverlayRenderer}) lays a map's colours on as its
 * {@code Shading} says, draws the bar ({@code ColourBar}) and writes the caption the
 * {@link dev.occlude.render.Legend} gives, naming each of the bar's marks as the bar draws it (a line
 * on it, or an arrow past its end). A video's timeline ({@link dev.occlude.render.TimelineRenderer})
 * draws the plot and the band; {@code TimelineWorst} the worst patch's dashed line and shade (a lone
 * frame's bar and dash), {@code TimelineKey} the key and the mistaken frames' letters.
 */
package dev.occlude.render;
