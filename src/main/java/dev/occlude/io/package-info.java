/** Image → pixels: decoding with ImageIO and TwelveMonkeys (EXIF orientation, pixel limit, one-line errors), atomic file writes, .npy maps and labels files. */
package dev.occlude.io;
