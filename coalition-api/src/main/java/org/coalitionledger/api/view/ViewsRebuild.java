package org.coalitionledger.api.view;

import java.util.List;

/**
 * The answer to {@link RebuildViewsCommand}: the rebuild's id and the event processors that were reset and
 * restarted, replaying now.
 */
public record ViewsRebuild(String rebuildId, List<String> processors) {
    public ViewsRebuild {
        processors = processors == null ? List.of() : List.copyOf(processors);
    }
}
