package dev.occlude.cli;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * occlude compare's help texts: its own (compare.properties: synopsis, description, its options),
 * then the texts of the options it shares with occlude (without occlude's own usage texts), then
 * the shared options' ones.
 */
final class CompareHelp extends ResourceBundle {
    private final ResourceBundle own = ResourceBundle.getBundle("dev.occlude.cli.compare");
    private final ResourceBundle occlude = ResourceBundle.getBundle("dev.occlude.cli.help");
    private final ResourceBundle shared = ResourceBundle.getBundle("dev.occlude.options.help");

    @Override
    protected Object handleGetObject(String key) {
        if (own.containsKey(key)) {
            return own.getObject(key);
        }
        if (!key.startsWith("usage.") && occlude.containsKey(key)) {
            return occlude.getObject(key);
        }
        return shared.containsKey(key) ? shared.getObject(key) : null;
    }

    @Override
    public Enumeration<String> getKeys() {
        Set<String> keys = new HashSet<>(own.keySet());
        occlude.keySet().stream().filter(k -> !k.startsWith("usage.")).forEach(keys::add);
        keys.addAll(shared.keySet());
        return Collections.enumeration(keys);
    }
}
