package dev.occlude.cli;

import dev.occlude.model.ModelFolders;
import java.util.Iterator;

/**
 * --model's completion: the names {@code occlude models} lists, as found when the completion
 * script is made ({@code source <(occlude completion)} in a shell's rc file makes it anew in each
 * shell).
 */
final class ModelNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ModelFolders.names().iterator();
    }
}
