package org.coalitionledger.api.view;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * The members on {@code asOf}, ordered by join date then member id, with counts by region and sector. Undisclosed
 * members count under {@code (undisclosed)}.
 */
public record MembershipView(String coalitionId, LocalDate asOf, long memberCount, List<MemberView> members,
                             SortedMap<String, Long> byRegion, SortedMap<String, Long> bySector) {
    public MembershipView {
        members = members == null ? List.of() : List.copyOf(members);
        byRegion = Views.sortedCopy(byRegion);
        bySector = Views.sortedCopy(bySector);
    }
}
