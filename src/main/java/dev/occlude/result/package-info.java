/** An image's outcome as typed records (mapped, classified, failed), written and read as the JSON line that scripts depend on. */
package dev.occlude.result;
