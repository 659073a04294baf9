/** Heat map → picture: colour maps, the overlay with its colour bar and caption, in a built-in pixel font. */
package dev.occlude.render;
