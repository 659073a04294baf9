/** Small shared helpers: one-line messages, safe file names, daemon thread pools. */
package dev.occlude.util;
