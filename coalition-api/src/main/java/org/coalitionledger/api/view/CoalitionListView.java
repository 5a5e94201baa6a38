package org.coalitionledger.api.view;

import java.util.List;

/**
 * A page of the founded coalitions, ordered by coalition id; {@code next} is the {@code after} of the following page,
 * null on the last page.
 */
public record CoalitionListView(List<CoalitionView> coalitions, String next) {
    public CoalitionListView {
        coalitions = coalitions == null ? List.of() : List.copyOf(coalitions);
    }
}
