package dev.occlude.options;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * A command's help texts: its own bundle first (synopsis, description, its own options), then the
 * shared options' texts (options/help.properties), so an option that two commands share is
 * described once.
 */
public final class HelpTexts extends ResourceBundle {
    private final ResourceBundle own;
    private final ResourceBundle shared = ResourceBundle.getBundle("dev.occlude.options.help");

    /** @param ownBundle the base name of the command's own bundle */
    public HelpTexts(String ownBundle) {
        this.own = ResourceBundle.getBundle(ownBundle);
    }

    @Override
    protected Object handleGetObject(String key) {
        if (own.containsKey(key)) {
            return own.getObject(key);
        }
        return shared.containsKey(key) ? shared.getObject(key) : null;
    }

    @Override
    public Enumeration<String> getKeys() {
        Set<String> keys = new HashSet<>(own.keySet());
        keys.addAll(shared.keySet());
        return Collections.enumeration(keys);
    }
}
