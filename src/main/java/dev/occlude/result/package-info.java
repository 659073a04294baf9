/** An image's outcome as a typed record, written and read as the JSON line that scripts depend on. */
package dev.occlude.result;
