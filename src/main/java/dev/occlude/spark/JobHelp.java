package dev.occlude.spark;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The job's help texts: its own (spark/help.properties) first, then the CLI's option texts, so the
 * shared analysis options are described once; the CLI's synopsis, description and examples
 * ({@code usage.*}) are the CLI's own and left out.
 */
final class JobHelp extends ResourceBundle {
    private final ResourceBundle own = ResourceBundle.getBundle("dev.occlude.spark.help");
    private final ResourceBundle cli = ResourceBundle.getBundle("dev.occlude.cli.help");

    @Override
    protected Object handleGetObject(String key) {
        if (own.containsKey(key)) {
            return own.getObject(key);
        }
        return !key.startsWith("usage.") && cli.containsKey(key) ? cli.getObject(key) : null;
    }

    @Override
    public Enumeration<String> getKeys() {
        Set<String> keys = new HashSet<>(own.keySet());
        cli.keySet().stream().filter(k -> !k.startsWith("usage.")).forEach(keys::add);
        return Collections.enumeration(keys);
    }
}
