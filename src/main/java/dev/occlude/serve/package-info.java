/**
 * {@code occlude serve}: a local web page and HTTP API over the same scan as the command line. A
 * probe hides patches and scores the frame at once (the clean activations held between probes);
 * a map job runs the per-picture step of {@code dev.occlude.picture} on a bounded pool and reports
 * its progress as server-sent events. Files are served only from the folders given; requests are
 * checked for their host (and, off loopback, a printed token).
 */
package dev.occlude.serve;
