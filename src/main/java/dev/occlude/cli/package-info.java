/** The picocli command line: options, validation and exit codes, over the batch package. */
package dev.occlude.cli;
