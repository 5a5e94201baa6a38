package org.coalitionledger.api.view;

import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The fold's membership state: every stint, in fold order, and the same stints by member. */
final class Memberships {

    private final List<MemberStint> stints = new ArrayList<>();
    /** The same stints by member, so a reporter's region is found without scanning every membership. */
    private final Map<String, List<MemberStint>> byMember = new TreeMap<>();

    void join(MemberJoinedEvent e) {
        add(new MemberStint(e));
    }

    void add(MemberStint stint) {
        stints.add(stint);
        byMember.computeIfAbsent(stint.joined.memberId(), id -> new ArrayList<>()).add(stint);
    }

    void leave(MemberLeftEvent e) {
        // Close the member's open stint; the latest one, should a bundle hold more than one.
        List<MemberStint> own = byMember.getOrDefault(e.memberId(), List.of());
        for (int i = own.size() - 1; i >= 0; i--) {
            MemberStint stint = own.get(i);
            if (stint.leftOn == null) {
                stint.leftOn = e.leftOn();
                return;
            }
        }
    }

    /** The member's latest stint takes the corrected name, places and dates; "as recorded at" still shows the old. */
    void correct(MembershipCorrectedEvent e) {
        List<MemberStint> own = byMember.getOrDefault(e.memberId(), List.of());
        if (own.isEmpty()) {
            return; // A malformed bundle: nothing to correct.
        }
        MemberStint stint = own.get(own.size() - 1);
        MemberJoinedEvent was = stint.joined;
        stint.joined = new MemberJoinedEvent(was.coalitionId(), was.memberId(), was.founding(), e.disclosed(),
                e.name(), e.country(), e.region(), e.sector(), e.joinedOn(), was.note());
        stint.leftOn = e.leftOn();
    }

    /** Every stint in fold order. */
    List<MemberStint> all() {
        return Collections.unmodifiableList(stints);
    }

    /** The membership stint of a member reporter that covers {@code day}, else its latest one, else null. */
    MemberStint stintOf(String memberId, LocalDate day) {
        MemberStint latest = null;
        for (MemberStint stint : byMember.getOrDefault(memberId, List.of())) {
            if (stint.coversDay(day)) {
                return stint;
            }
            latest = stint;
        }
        return latest;
    }

    long current() {
        return stints.stream().filter(s -> s.leftOn == null).count();
    }

    long founding() {
        return stints.stream().filter(s -> s.joined.founding()).count();
    }

    long onDay(LocalDate day) {
        return stints.stream().filter(s -> s.coversDay(day)).count();
    }

    long joinedWithin(LocalDate start, LocalDate end) {
        return stints.stream().filter(s -> within(s.joined.joinedOn(), start, end)).count();
    }

    long leftWithin(LocalDate start, LocalDate end) {
        return stints.stream().filter(s -> within(s.leftOn, start, end)).count();
    }

    MembershipView view(String coalitionId, LocalDate asOf) {
        List<MemberView> members = new ArrayList<>();
        TreeMap<String, Long> byRegion = new TreeMap<>();
        TreeMap<String, Long> bySector = new TreeMap<>();
        for (MemberStint stint : stints) {
            if (stint.coversDay(asOf)) {
                members.add(stint.view());
                byRegion.merge(stint.regionLabel(), 1L, Long::sum);
                bySector.merge(stint.sectorLabel(), 1L, Long::sum);
            }
        }
        members.sort(Comparator.comparing(MemberView::joinedOn).thenComparing(MemberView::memberId));
        return new MembershipView(coalitionId, asOf, members.size(), members, byRegion, bySector);
    }

    private static boolean within(LocalDate day, LocalDate start, LocalDate end) {
        return day != null && !day.isBefore(start) && !day.isAfter(end);
    }
}
