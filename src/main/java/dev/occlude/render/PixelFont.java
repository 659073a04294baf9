package dev.occlude.render;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.Map;

/**
 * A built-in 5x7 bitmap font, so captions render the same on a machine without any font
 * installed (Java2D text needs fontconfig and system fonts). Capitals and small letters of ASCII;
 * other letters are drawn as their capital where ASCII has one, else as "?". The small letters
 * with a descender (g, j, p, q, y) reach one font pixel below the line, into the space between
 * lines, which every caption leaves ({@link #height} is the line without it).
 */
public final class PixelFont {
    /** Font pixels per glyph column. */
    public static final int GLYPH_WIDTH = 5;
    /** Font pixels per glyph row. */
    public static final int GLYPH_HEIGHT = 7;
    /** Horizontal advance per character, in font pixels. */
    public static final int ADVANCE = 6;

    private static final Map<Character, int[]> GLYPHS = new HashMap<>();

    static {
        String[] table = {
            "0 0E 11 13 15 19 11 0E", "1 04 0C 04 04 04 04 0E", "2 0E 11 01 02 04 08 1F", "3 1F 02 04 02 01 11 0E",
            "4 02 06 0A 12 1F 02 02", "5 1F 10 1E 01 01 11 0E", "6 06 08 10 1E 11 11 0E", "7 1F 01 02 04 08 08 08",
            "8 0E 11 11 0E 11 11 0E", "9 0E 11 11 0F 01 02 0C", "A 0E 11 11 11 1F 11 11", "B 1E 11 11 1E 11 11 1E",
            "C 0E 11 10 10 10 11 0E", "D 1C 12 11 11 11 12 1C", "E 1F 10 10 1E 10 10 1F", "F 1F 10 10 1E 10 10 10",
            "G 0E 11 10 17 11 11 0F", "H 11 11 11 1F 11 11 11", "I 0E 04 04 04 04 04 0E", "J 07 02 02 02 02 12 0C",
            "K 11 12 14 18 14 12 11", "L 10 10 10 10 10 10 1F", "M 11 1B 15 15 11 11 11", "N 11 11 19 15 13 11 11",
            "O 0E 11 11 11 11 11 0E", "P 1E 11 11 1E 10 10 10", "Q 0E 11 11 11 15 12 0D", "R 1E 11 11 1E 14 12 11",
            "S 0E 11 10 0E 01 11 0E", "T 1F 04 04 04 04 04 04", "U 11 11 11 11 11 11 0E", "V 11 11 11 11 11 0A 04",
            "W 11 11 11 15 15 15 0A", "X 11 11 0A 04 0A 11 11", "Y 11 11 11 0A 04 04 04", "Z 1F 01 02 04 08 10 1F",
            ". 00 00 00 00 00 0C 0C", ", 00 00 00 00 0C 04 08", ": 00 0C 0C 00 0C 0C 00", "= 00 00 1F 00 1F 00 00",
            "( 02 04 08 08 08 04 02", ") 08 04 02 02 02 04 08", "- 00 00 00 1F 00 00 00", "+ 00 04 04 1F 04 04 00",
            "% 18 19 02 04 08 13 03", "/ 00 01 02 04 08 10 00", "_ 00 00 00 00 00 00 1F", "< 02 04 08 10 08 04 02",
            "> 08 04 02 01 02 04 08", "' 0C 04 08 00 00 00 00", "[ 0E 08 08 08 08 08 0E", "] 0E 02 02 02 02 02 0E",
            "# 0A 0A 1F 0A 1F 0A 0A", "? 0E 11 01 02 04 00 04", "  00 00 00 00 00 00 00", "; 00 0C 0C 00 0C 04 08",
            // small letters, so that file and model names read as they are spelled; g, j, p, q and y
            // take an eighth row, one below the line, so that a q is not read as a 9 ("s9ueezenet")
            "a 00 00 0E 01 0F 11 0F", "b 10 10 16 19 11 11 1E", "c 00 00 0E 10 10 11 0E", "d 01 01 0D 13 11 11 0F",
            "e 00 00 0E 11 1F 10 0E", "f 06 09 08 1C 08 08 08", "g 00 00 0F 11 11 0F 01 0E", "h 10 10 16 19 11 11 11",
            "i 04 00 0C 04 04 04 0E", "j 02 00 06 02 02 02 12 0C", "k 10 10 12 14 18 14 12", "l 0C 04 04 04 04 04 0E",
            "m 00 00 1A 15 15 11 11", "n 00 00 16 19 11 11 11", "o 00 00 0E 11 11 11 0E", "p 00 00 1E 11 11 1E 10 10",
            "q 00 00 0F 11 11 0F 01 01", "r 00 00 16 19 10 10 10", "s 00 00 0E 10 0E 01 1E", "t 08 08 1C 08 08 09 06",
            "u 00 00 11 11 11 13 0D", "v 00 00 11 11 11 0A 04", "w 00 00 11 11 15 15 0A", "x 00 00 11 0A 04 0A 11",
            "y 00 00 11 11 11 0F 01 0E", "z 00 00 1F 02 04 08 1F", "@ 0E 11 17 15 17 10 0E", "& 0C 12 14 08 15 12 0D",
            "! 04 04 04 04 04 00 04", "* 00 04 15 0E 15 04 00", "| 04 04 04 04 04 04 04", "~ 00 00 08 15 02 00 00",
        };
        for (String row : table) {
            String[] hex = row.substring(2).split(" ");
            int[] bits = new int[hex.length];
            for (int i = 0; i < hex.length; i++) {
                bits[i] = Integer.parseInt(hex[i], 16);
            }
            GLYPHS.put(row.charAt(0), bits);
        }
    }

    private PixelFont() {}

    /** Width in image pixels of {@code text} at {@code scale}. */
    public static int width(String text, int scale) {
        return text.isEmpty() ? 0 : (text.length() * ADVANCE - 1) * scale;
    }

    /** The height of a line of text at {@code scale} pixels per font pixel. */
    public static int height(int scale) {
        return GLYPH_HEIGHT * scale;
    }

    /** Draws {@code text} with its top-left corner at (x, y), clipped to the image. */
    public static void draw(BufferedImage image, String text, int x, int y, int scale, int rgb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int[] bits = GLYPHS.getOrDefault(c, GLYPHS.getOrDefault(Character.toUpperCase(c), GLYPHS.get('?')));
            int gx = x + i * ADVANCE * scale;
            for (int row = 0; row < bits.length; row++) {
                for (int col = 0; col < GLYPH_WIDTH; col++) {
                    if ((bits[row] >> (GLYPH_WIDTH - 1 - col) & 1) != 0) {
                        fill(image, gx + col * scale, y + row * scale, scale, scale, rgb);
                    }
                }
            }
        }
    }

    static void fill(BufferedImage image, int x, int y, int w, int h, int rgb) {
        for (int yy = Math.max(0, y); yy < Math.min(image.getHeight(), y + h); yy++) {
            for (int xx = Math.max(0, x); xx < Math.min(image.getWidth(), x + w); xx++) {
                image.setRGB(xx, yy, rgb);
            }
        }
    }
}
