/** Small shared helpers: one-line messages, safe file names, daemon thread pools, reusable direct buffers for native calls. */
package dev.occlude.util;
