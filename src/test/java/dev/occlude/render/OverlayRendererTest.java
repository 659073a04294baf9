package dev.occlude.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {

    @Test
    void afmhotRunsFromBlackThroughRedToWhite() {
        assertEquals(0x000000, Colormap.AFMHOT.color(0));
        assertEquals(0xffffff, Colormap.AFMHOT.color(1));
        // matplotlib afmhot at 0.5: r = 1, g = 0.5, b = 0
        int mid = Colormap.AFMHOT.color(0.5);
        assertEquals(0xff, mid >> 16 & 0xff, "red saturated at 0.5");
        assertTrue(Math.abs((mid >> 8 & 0xff) - 128) <= 2 && (mid & 0xff) <= 2, "green half, no blue");
    }

    @Test
    void uncoveredPixelsKeepTheSourceColourAndCoveredOnesAreBlended() {
        BufferedImage source = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                source.setRGB(x, y, 0x336699);
            }
        }
        float[] map = new float[40 * 20];
        for (int i = 0; i < map.length; i++) {
            int x = i % 40;
            map[i] = x < 10 ? Float.NaN : x / 40f;
        }
        BufferedImage out = new OverlayRenderer().look(OverlayRenderer.Look.ARTICLE).colormap(Colormap.AFMHOT).alpha(0.6)
                .render(source, map, List.of(), "GREEN P=0.9");
        assertTrue(out.getWidth() > 40 && out.getHeight() > 20, "room for the colour bar and the caption");
        assertEquals(0x336699, out.getRGB(5, 10) & 0xffffff, "NaN: source colour");
        assertNotEquals(0x336699, out.getRGB(30, 10) & 0xffffff, "covered: blended");
        // the lowest probability (the largest change) is the colour map's hot end: brighter than the
        // highest (no change), which is its cold end
        int low = out.getRGB(10, 10);
        int high = out.getRGB(39, 10);
        assertTrue(((low >> 8) & 0xff) > ((high >> 8) & 0xff), "the largest change is the hot end");
    }

    @Test
    void ticksAreRoundNumbersWithTheDecimalsTheirStepNeeds() {
        assertEquals(List.of("0.9992", "0.9994", "0.9996", "0.9998", "1.0000"), labels(0.9991, 1.0, 5));
        // the ticks at 0.868, 0.737, 0.605: now round steps inside the range
        assertEquals(List.of("0.5", "0.6", "0.7", "0.8", "0.9", "1.0"), labels(0.473, 1.0, 6));
        assertEquals(List.of("0.2", "0.4", "0.6", "0.8", "1.0"), labels(0.1552, 1.0, 5));
        assertEquals(List.of("-0.5", "0.0", "0.5"), labels(-0.527, 0.527, 4));
        assertEquals(List.of("0", "1"), labels(0, 1, 2));
        for (double[] r : new double[][] {{0.001, 0.0013}, {0.2, 0.9}, {-1, 1}, {0.015, 0.86}, {0.3, 0.31}}) {
            for (int most = 2; most <= 6; most++) {
                List<BarLabels.Tick> ticks = BarLabels.niceTicks(r[0], r[1], most);
                assertTrue(ticks.size() >= 2 && ticks.size() <= most, r[0] + ".." + r[1] + " at most " + most + ": " + ticks);
                assertEquals(ticks.size(), ticks.stream().map(BarLabels.Tick::label).distinct().count(), "distinct");
                for (BarLabels.Tick t : ticks) {
                    assertTrue(t.value() >= r[0] && t.value() <= r[1], "inside the range: " + t);
                    assertEquals(t.value(), Double.parseDouble(t.label()), 1e-9, "the label is the value");
                }
            }
        }
    }

    private static List<String> labels(double lo, double hi, int most) {
        return BarLabels.niceTicks(lo, hi, most).stream().map(BarLabels.Tick::label).toList();
    }

    @Test
    void theBitmapFontDrawsWithoutSystemFonts() {
        BufferedImage image = new BufferedImage(60, 10, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(image, "P=0.5", 0, 0, 1, 0xffffff);
        int lit = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 60; x++) {
                lit += (image.getRGB(x, y) & 0xffffff) != 0 ? 1 : 0;
            }
        }
        assertTrue(lit > 20, "glyph pixels drawn: " + lit);
        assertEquals(29, PixelFont.width("P=0.5", 1));
    }

    private static BufferedImage plain(int w, int h, int rgb) {
        BufferedImage source = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                source.setRGB(x, y, rgb);
            }
        }
        return source;
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
        int dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    @Test
    void focusKeepsTheImageWhereNothingMovesAndColoursDropsWarmAndRisesBlue() {
        BufferedImage source = plain(100, 60, 0x404040);
        float[] map = new float[100 * 60];
        for (int i = 0; i < map.length; i++) {
            int x = i % 100;
            // clean 0.8: a drop to 0.2 on the left, unchanged in the middle, a rise to 0.9 on the right
            map[i] = x < 20 ? 0.2f : x < 80 ? 0.8f : 0.9f;
        }
        BufferedImage out = new OverlayRenderer().render(source, map, List.of(),
                new Legend(false, 0.8, List.of("RED: CLEAN P=0.8000")));
        assertEquals(0x404040, out.getRGB(50, 30) & 0xffffff, "no change: the source, untouched");
        int drop = out.getRGB(10, 30) & 0xffffff;
        int rise = out.getRGB(90, 30) & 0xffffff;
        // warm, laid on at a capped opacity so the frame's own colour still shows through
        assertTrue((drop >> 16 & 0xff) - 0x40 > 0x40 && (drop >> 16 & 0xff) > (drop & 0xff), "a drop is warm: "
                + Integer.toHexString(drop));
        assertTrue((rise & 0xff) > (rise >> 16 & 0xff) && distance(rise, 0x404040) > 10, "a rise is blue: "
                + Integer.toHexString(rise));
        assertTrue(distance(drop, 0x404040) > 4 * distance(rise, 0x404040), "the big drop shows far more than the small rise");
    }

    @Test
    void aTinyRangeIsNotStretchedAndTheCaptionSaysSo() {
        BufferedImage source = plain(200, 120, 0x808040);
        float[] map = new float[200 * 120];
        for (int i = 0; i < map.length; i++) {
            map[i] = 0.983f + 0.004f * (i % 200) / 200f;
        }
        BufferedImage focus = new OverlayRenderer().render(source, map, List.of(),
                new Legend(false, 0.987, List.of("RED")));
        for (int x = 0; x < 200; x += 7) {
            assertEquals(0x808040, focus.getRGB(x, 60) & 0xffffff, "nothing painted at x " + x);
        }
        BufferedImage article = new OverlayRenderer().look(OverlayRenderer.Look.ARTICLE).render(source, map, List.of(),
                new Legend(false, 0.987, List.of("RED")));
        assertTrue(distance(article.getRGB(0, 60), article.getRGB(199, 60)) < 60,
                "0.983 and 0.987 are not painted black and white");
        // the caption grew by the notice's lines
        assertTrue(focus.getHeight() > new OverlayRenderer().render(source, map, List.of(), new Legend(false, 0.987,
                List.of("RED"))).getHeight() - 1 && focus.getHeight() - 120 > 3 * PixelFont.height(2), "a notice below");
        List<String> lines = Annotations.wrap(List.of("NO PATCH MOVES THIS PROBABILITY BY 0.01 OR MORE"), 20);
        assertEquals(List.of("NO PATCH MOVES THIS", "PROBABILITY BY 0.01", "OR MORE"), lines);
    }

    /** Where the map says nothing moves, no patch gets a box: a box would point at an arbitrary spot. */
    @Test
    void noBoxWhereNothingMoves() {
        BufferedImage source = plain(200, 120, 0x808040);
        float[] flat = new float[200 * 120];
        java.util.Arrays.fill(flat, 0.98f);
        flat[5] = 0.979f;
        List<OverlayRenderer.Mark> box = List.of(new OverlayRenderer.Mark(new java.awt.Rectangle(20, 20, 40, 40), null));
        Legend legend = new Legend(false, 0.98, List.of("RED"));
        BufferedImage with = new OverlayRenderer().render(source, flat, box, legend);
        BufferedImage without = new OverlayRenderer().render(source, flat, List.of(), legend);
        assertEquals(0, differing(with, without), "the same picture with or without the mark");
        float[] moving = flat.clone();
        for (int i = 0; i < moving.length; i++) {
            moving[i] = 0.2f + 0.8f * (i % 200) / 200f;
        }
        assertTrue(differing(new OverlayRenderer().render(source, moving, box, legend),
                new OverlayRenderer().render(source, moving, List.of(), legend)) > 100, "a map that moves gets its box");
    }

    private static int differing(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                n += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The bar reaches every number the caption gives (the worst patch, the clean probability) and
     * marks the worst; it never spans a value a probability cannot take; float noise below no
     * change is not a change; "nothing moves" agrees with the caption's worst patch.
     */
    @Test
    void theBarReadsTheCaption() {
        OverlayRenderer r = new OverlayRenderer();
        float[] means = new float[100 * 60];
        for (int i = 0; i < means.length; i++) {
            means[i] = 0.473f + 0.527f * (i % 100) / 100f; // per-pixel means bottom at 0.473
        }
        double[] bar = r.barRange(means, new Legend(false, 1.0, List.of("RED"), 0.1552));
        // fitted to the pixels (full colour at their 98th percentile), not stretched to the worst patch's 0.1552
        assertTrue(bar[0] >= 0.473 - 1e-6 && bar[0] <= 0.5 && bar[1] == 1.0, java.util.Arrays.toString(bar));
        BufferedImage out = r.render(plain(100, 60, 0x404040), means, List.of(), new Legend(false, 1.0, List.of("RED"),
                0.1552));
        int cyan = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 100; x < out.getWidth(); x++) {
                cyan += (out.getRGB(x, y) & 0xffffff) == 0x00e5ff ? 1 : 0;
            }
        }
        assertTrue(cyan > 0, "the worst patch's arrow past the bar's end");

        float[] nearOne = new float[100 * 60];
        java.util.Arrays.fill(nearOne, 0.9998f);
        double[] tiny = r.barRange(nearOne, new Legend(false, 0.9999, List.of("RED"), 0.9995));
        assertTrue(tiny[0] >= 0 && tiny[1] <= 1, "no probability above 1: " + java.util.Arrays.toString(tiny));

        float[] drops = new float[100 * 60];
        for (int i = 0; i < drops.length; i++) {
            drops[i] = i == 0 ? -7.5e-6f : 0.3f * (i % 100) / 100f;
        }
        double[] d = r.barRange(drops, new Legend(true, 0.9, List.of("RED"), 0.3));
        assertTrue(d[0] >= 0, "float noise makes no rise: " + java.util.Arrays.toString(d));

        // per-pixel means within 0.004, but the worst patch drops 0.0102: something moves, as the caption says
        float[] flat = new float[100 * 60];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = 0.9999f - 0.004f * (i % 100) / 100f;
        }
        BufferedImage moved = r.render(plain(100, 60, 0x404040), flat, List.of(), new Legend(false, 0.9999,
                List.of("RED"), 0.9897));
        assertTrue(differing(moved.getSubimage(0, 0, 100, 60), plain(100, 60, 0x404040)) > 0, "coloured, not 'nothing'");
    }

    /**
     * The legend names the bar's marks and the renderer says how it draws each: the worst patch
     * beyond every pixel's value is an arrow past the bar's end ("CYAN ARROW"), one within the bar
     * a line on it ("CYAN LINE"); the picture is the one drawn from the caption written out.
     */
    @Test
    void theCaptionNamesEachMarkAsTheBarDrawsIt() {
        OverlayRenderer r = new OverlayRenderer();
        float[] means = new float[100 * 60];
        for (int i = 0; i < means.length; i++) {
            means[i] = 0.473f + 0.527f * (i % 100) / 100f;
        }
        Legend.Key key = new Legend.Key(1, List.of(Legend.BarMark.WORST));
        List<String> lines = List.of("RED", "BAR: P(RED)", "MODEL M");
        for (double worst : new double[] {0.1552, 0.6}) {
            String named = worst < 0.473 ? "BAR: P(RED); CYAN ARROW: WORST PATCH" : "BAR: P(RED); CYAN LINE: WORST PATCH";
            BufferedImage keyed = r.render(plain(100, 60, 0x404040), means, List.of(),
                    new Legend(false, 1.0, lines, worst, Double.NaN, key));
            BufferedImage written = r.render(plain(100, 60, 0x404040), means, List.of(),
                    new Legend(false, 1.0, List.of("RED", named, "MODEL M"), worst));
            assertEquals(0, differing(keyed, written), "worst " + worst + " reads '" + named + "'");
        }
        assertEquals(List.of("RED", "BAR: P(RED); CYAN LINE: WORST PATCH; BLUE ARROW: RAISING PATCH"),
                new Legend(false, 1.0, List.of("RED", "BAR: P(RED)"), 0.2, 0.9,
                        new Legend.Key(1, List.of(Legend.BarMark.WORST, Legend.BarMark.RAISE)))
                        .caption(m -> m == Legend.BarMark.RAISE));
        assertEquals(List.of("RED"), new Legend(false, 1.0, List.of("RED"), 0.2, 0.9, Legend.Key.NONE).caption(m -> true),
                "no key, no mark named");
    }

    /** In the bitmap font, 5 and S differ by more than a corner ("5S" read "55" on the timeline). */
    @Test
    void fiveAndEssLookDifferent() {
        BufferedImage five = new BufferedImage(12, 16, BufferedImage.TYPE_INT_RGB);
        BufferedImage ess = new BufferedImage(12, 16, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(five, "5", 0, 0, 2, 0xffffff);
        PixelFont.draw(ess, "S", 0, 0, 2, 0xffffff);
        assertTrue(differing(five, ess) >= 6 * 4, "at least six font pixels apart: " + differing(five, ess) / 4);
    }

    /** The small q reaches below the line, as g, j, p and y do, and a 9 does not ("s9ueezenet" read as 9). */
    @Test
    void smallLettersWithADescenderReachBelowTheLine() {
        for (String c : List.of("g", "j", "p", "q", "y", "9", "a", "Q")) {
            BufferedImage glyph = new BufferedImage(12, 20, BufferedImage.TYPE_INT_RGB);
            PixelFont.draw(glyph, c, 0, 0, 2, 0xffffff);
            boolean below = differing(glyph.getSubimage(0, PixelFont.height(2), 12, 20 - PixelFont.height(2)),
                    plain(12, 20 - PixelFont.height(2), 0)) > 0;
            assertEquals("gjpqy".contains(c), below, c + (below ? " reaches" : " does not reach") + " below the line");
        }
        BufferedImage q = new BufferedImage(12, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage nine = new BufferedImage(12, 20, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(q, "q", 0, 0, 2, 0xffffff);
        PixelFont.draw(nine, "9", 0, 0, 2, 0xffffff);
        assertTrue(differing(q, nine) >= 8 * 4, "q and 9 at least eight font pixels apart: " + differing(q, nine) / 4);
    }

    /** A 1920x1080 frame's caption is a strip below it, not a quarter of the picture. */
    @Test
    void aFullHdCaptionStaysAStrip() {
        BufferedImage source = plain(1920, 1080, 0x404040);
        float[] map = new float[1920 * 1080];
        for (int i = 0; i < map.length; i++) {
            map[i] = 0.2f + 0.8f * (i % 1920) / 1920f;
        }
        BufferedImage out = new OverlayRenderer().render(source, map, List.of(), new Legend(false, 0.99, List.of(
                "RED: CLEAN P=0.9900; WORST PATCH P=0.2000: 64X64 AT X=0 Y=0 (TOP-LEFT)",
                "BAR: P(RED) PER PIXEL, MEAN OF ITS PATCHES; WHITE LINE: CLEAN P", "MODEL NEXAR-SQUEEZENET  PATCH 64  STRIDE 16")));
        double strip = (out.getHeight() - 1080) / (double) out.getHeight();
        // (with the scale's and the outline's lines: 0.154)
        assertTrue(strip < 0.16, "caption strip " + strip);
    }

    @Test
    void anArticleDropMapOfBothSignsColoursRisesBlueAndNoChangeInTheColdEnd() {
        BufferedImage source = plain(90, 60, 0x000000);
        float[] map = new float[90 * 60];
        for (int i = 0; i < map.length; i++) {
            int x = i % 90;
            map[i] = x < 30 ? -0.2f : x < 60 ? 0f : 0.5f;
        }
        BufferedImage out = new OverlayRenderer().look(OverlayRenderer.Look.ARTICLE).alpha(1).render(source, map,
                List.of(), new Legend(true, 0.9, List.of("DROP")));
        int neg = out.getRGB(10, 30) & 0xffffff;
        int zero = out.getRGB(45, 30) & 0xffffff;
        int pos = out.getRGB(80, 30) & 0xffffff;
        assertTrue((neg & 0xff) > (neg >> 16 & 0xff), "negative drop (a rise): blue side " + Integer.toHexString(neg));
        assertEquals(Colormap.INFERNO.color(0), zero, "no change: the colour map's cold end");
        assertTrue((pos >> 16 & 0xff) > (pos & 0xff) + 60, "positive drop: red side " + Integer.toHexString(pos));
    }

    @Test
    void numbersNeverReadAsNegativeZeroAndMarksAreNumberedBesideTheirPatch() {
        assertEquals("0.000", BarLabels.number(-0.0000001, 3));
        assertEquals("-0.117", BarLabels.number(-0.117, 3));
        BufferedImage source = plain(200, 200, 0x000000);
        float[] map = new float[200 * 200];
        java.util.Arrays.fill(map, Float.NaN);
        java.awt.Rectangle patch = new java.awt.Rectangle(80, 100, 40, 40);
        BufferedImage out = new OverlayRenderer().render(source, map, List.of(new OverlayRenderer.Mark(patch, "1")),
                Legend.of("X"));
        int inside = 0;
        int above = 0;
        for (int y = 0; y < 200; y++) {
            for (int x = 80; x < 120; x++) {
                if ((out.getRGB(x, y) & 0xffffff) == 0x00e5ff) {
                    boolean outline = x == 80 || x == 119 || y == 100 || y == 139;
                    inside += y > 100 && y < 139 && !outline ? 1 : 0;
                    above += y < 100 ? 1 : 0;
                }
            }
        }
        assertEquals(0, inside, "the number does not cover what the patch holds");
        assertTrue(above > 5, "the number sits above the patch");
    }

    /** The bar shows each value in the colour it is laid on with: over a dark frame, dark, as the overlay is. */
    @Test
    void theBarShowsTheColoursAsTheyAreLaidOn() {
        for (OverlayRenderer.Look look : OverlayRenderer.Look.values()) {
            BufferedImage source = plain(200, 400, 0x140c10); // a night frame's colour
            float[] map = new float[200 * 400];
            for (int i = 0; i < map.length; i++) {
                map[i] = 0.2f + 0.8f * (i / 200) / 399f; // top row 0.2, bottom row 1.0
            }
            OverlayRenderer r = new OverlayRenderer().look(look);
            BufferedImage out = r.render(source, map, List.of(), new Legend(false, 1.0, List.of("RED")));
            double[] range = r.barRange(map, new Legend(false, 1.0, List.of("RED")));
            int barX = 200 + 6 + 6; // past the pad, inside the bar
            int checked = 0;
            for (int y = 20; y < 380; y += 40) {
                double v = range[1] - (range[1] - range[0]) * (y - 6) / (400 - 6 - 6.0);
                int row = (int) Math.round((v - 0.2) / 0.8 * 399); // the picture's row holding v
                double d = distance(out.getRGB(barX, y), out.getRGB(100, row));
                assertTrue(d < 12, look + ": the bar at " + v + " is " + Integer.toHexString(out.getRGB(barX, y))
                        + ", the overlay " + Integer.toHexString(out.getRGB(100, row)));
                checked++;
            }
            assertTrue(checked > 5);
        }
    }

    /**
     * The looks agree: in both, the largest drop is the colour map's hot end (bright, warm) and no
     * change keeps one colour whatever the clean probability (ARTICLE: the cold end; FOCUS: the frame).
     */
    @Test
    void theLooksAgreeOnWhatIsImportant() {
        BufferedImage source = plain(100, 60, 0x808080);
        for (OverlayRenderer.Look look : OverlayRenderer.Look.values()) {
            int[] still = new int[2];
            int k = 0;
            for (double clean : new double[] {0.99, 0.6}) {
                float[] map = new float[100 * 60];
                for (int i = 0; i < map.length; i++) {
                    map[i] = i % 100 < 50 ? (float) (clean - 0.5) : (float) clean;
                }
                BufferedImage out = OverlayStyle.of(look, null, null, java.util.Optional.empty()).renderer()
                        .render(source, map, List.of(), new Legend(false, clean, List.of("RED")));
                int hot = out.getRGB(10, 30) & 0xffffff;
                int none = out.getRGB(90, 30) & 0xffffff;
                assertTrue(luminance(hot) > luminance(none) + 20, look + ": important is bright "
                        + Integer.toHexString(hot) + " against " + Integer.toHexString(none));
                assertTrue((hot >> 16 & 0xff) >= (hot & 0xff), look + ": and warm " + Integer.toHexString(hot));
                still[k++] = none;
            }
            assertEquals(still[0], still[1], look + ": no change is one colour on both frames");
        }
    }

    private static double luminance(int p) {
        return 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
    }

    /** Under a shared scale a map that barely moves still says so, gets no box, and is not stretched. */
    @Test
    void aSharedScaleKeepsATinyMapTiny() {
        BufferedImage source = plain(100, 60, 0x406080);
        float[] small = new float[100 * 60];
        float[] big = new float[100 * 60];
        for (int i = 0; i < small.length; i++) {
            small[i] = 0.041f - 0.032f * (i % 100) / 100f; // 0.041 to 0.009: the half-painted frame
            big[i] = 0.95f - 0.8f * (i % 100) / 100f;
        }
        Legend smallLegend = new Legend(false, 0.041, List.of("GREEN"), 0.009);
        Legend bigLegend = new Legend(false, 0.95, List.of("RED"), 0.15);
        ColourScale.Fit shared = ColourScale.shared(List.of(small, big), List.of(smallLegend, bigLegend));
        assertTrue(shared.low() <= 0.0094 && shared.high() >= 0.95 && shared.low() >= 0 && shared.high() <= 1,
                shared.toString());
        BufferedImage out = new OverlayRenderer().scale(shared).render(source, small, List.of(), smallLegend);
        double most = 0;
        for (int x = 0; x < 100; x++) {
            most = Math.max(most, distance(out.getRGB(x, 30), 0x406080));
        }
        // a change of 0.032 on a scale of 0.95 gets 3% of the colour: barely visible, as it is
        assertTrue(most < 15, "the small change looks small: " + most);
        BufferedImage own = new OverlayRenderer().render(source, small, List.of(), smallLegend);
        assertTrue(distance(own.getRGB(99, 30), 0x406080) > 3 * most, "on its own scale it would be painted");
        assertEquals(ColourScale.absolute(false)[0], 0);
        assertEquals(ColourScale.absolute(true)[0], -1);
    }
}
