package org.coalitionledger.command.coalition;

import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the record-side rules need to know of a coalition: when it was founded and who was a member when.
 * Folded from the coalition's own events, so it is exactly as current as the coalition's stream.
 */
public final class MembershipHistory {

    /** A membership from {@code joinedOn} up to and including the day before {@code leftOn} (null: still a member). */
    public record Membership(LocalDate joinedOn, LocalDate leftOn) {
        public boolean covers(LocalDate start, LocalDate end) {
            return !start.isBefore(joinedOn) && (leftOn == null || end.isBefore(leftOn));
        }
    }

    private LocalDate foundedOn;
    private final Map<String, List<Membership>> memberships = new HashMap<>();

    /** Folds a coalition's events; empty if they don't found a coalition. */
    public static Optional<MembershipHistory> of(Iterable<?> payloads) {
        MembershipHistory history = new MembershipHistory();
        payloads.forEach(history::apply);
        return Optional.ofNullable(history.foundedOn).map(d -> history);
    }

    /** An independent copy, to fold further without changing this one. */
    MembershipHistory copy() {
        MembershipHistory copy = new MembershipHistory();
        copy.foundedOn = foundedOn;
        memberships.forEach((member, list) -> copy.memberships.put(member, new ArrayList<>(list)));
        return copy;
    }

    /** Folds one more event of the coalition's stream (the coalition aggregate keeps its history this way). */
    void apply(Object payload) {
        if (payload instanceof CoalitionFoundedEvent e) {
            foundedOn = e.foundedOn();
        } else if (payload instanceof MemberJoinedEvent e) {
            memberships.computeIfAbsent(e.memberId(), id -> new ArrayList<>()).add(new Membership(e.joinedOn(), null));
        } else if (payload instanceof MemberLeftEvent e) {
            List<Membership> list = memberships.get(e.memberId());
            Membership open = list.remove(list.size() - 1);
            list.add(new Membership(open.joinedOn(), e.leftOn()));
        } else if (payload instanceof MembershipCorrectedEvent e) {
            List<Membership> list = memberships.get(e.memberId());
            list.set(list.size() - 1, new Membership(e.joinedOn(), e.leftOn()));
        }
    }

    public LocalDate foundedOn() {
        return foundedOn;
    }

    /** True if the member was a member on every day of [start, end] within one membership. */
    public boolean memberThroughout(String memberId, LocalDate start, LocalDate end) {
        return memberships.getOrDefault(memberId, List.of()).stream().anyMatch(m -> m.covers(start, end));
    }

    /** The member's memberships if its latest one were {@code latest} instead. */
    List<Membership> withLatest(String memberId, Membership latest) {
        List<Membership> list = new ArrayList<>(memberships.getOrDefault(memberId, List.of()));
        list.set(list.size() - 1, latest);
        return list;
    }

    public List<Membership> membershipsOf(String memberId) {
        return List.copyOf(memberships.getOrDefault(memberId, List.of()));
    }
}
