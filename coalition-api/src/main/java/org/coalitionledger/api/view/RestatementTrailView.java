package org.coalitionledger.api.view;

import java.util.List;

/** A coalition's restatement trail: every correction and retraction, in record order. */
public record RestatementTrailView(String coalitionId, List<RestatementView> restatements) {
    public RestatementTrailView {
        restatements = restatements == null ? List.of() : List.copyOf(restatements);
    }
}
