package org.coalitionledger.api.view;

import java.util.List;

/** Every founded coalition, ordered by coalition id. */
public record CoalitionListView(List<CoalitionView> coalitions) {
    public CoalitionListView {
        coalitions = coalitions == null ? List.of() : List.copyOf(coalitions);
    }
}
