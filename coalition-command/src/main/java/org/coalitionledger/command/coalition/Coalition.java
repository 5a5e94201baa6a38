package org.coalitionledger.command.coalition;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.FoundCoalitionCommand;
import org.coalitionledger.api.coalition.FoundingMember;
import org.coalitionledger.api.coalition.Goal;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.JoinCoalitionCommand;
import org.coalitionledger.api.coalition.LeaveCoalitionCommand;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.coalition.MemberReportFiledEvent;
import org.coalitionledger.api.coalition.MemberReportWithdrawnEvent;
import org.coalitionledger.api.coalition.CorrectMembershipCommand;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.command.rules.CorrectionChangesNothing;
import org.coalitionledger.api.coalition.SetGoalCommand;
import org.coalitionledger.command.rules.BeforeFoundingDate;
import org.coalitionledger.command.rules.CoalitionAlreadyFounded;
import org.coalitionledger.command.rules.GoalConflict;
import org.coalitionledger.command.rules.LeaveBeforeJoin;
import org.coalitionledger.command.rules.MemberAlreadyJoined;
import org.coalitionledger.command.rules.MemberNotAMember;
import org.coalitionledger.command.rules.ReporterNotAMemberForPeriod;
import org.coalitionledger.command.rules.ReportsOutsideMembership;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A coalition: its founding, membership and goals. Figures are recorded on their own aggregates (see
 * {@code FigureRecord}); a member's report is also filed here, so this stream grows with them, and
 * {@link CoalitionRepositoryConfiguration} keeps the aggregate between commands instead of reading it all each time.
 * <p>
 * Idempotency: a command that repeats the fact already recorded (same founding, same join, same leave, same goal)
 * is accepted and records nothing; the same id with different content is a conflict.
 */
@Aggregate
class Coalition {

    /** How many of the reports a membership change would leave outside its refusal names. */
    private static final int REPORTS_NAMED = 20;

    @AggregateIdentifier
    private String coalitionId;
    private LocalDate foundedOn;
    /** The events the founding recorded, to recognise a repeated founding command. */
    private final List<Object> foundingEvents = new ArrayList<>();
    private final Map<String, MemberJoinedEvent> lastJoin = new HashMap<>();
    private final Map<String, MemberLeftEvent> lastLeave = new HashMap<>();
    private final Map<String, GoalSetEvent> goals = new HashMap<>();
    private final Set<String> currentMembers = new HashSet<>();
    private final MembershipHistory memberships = new MembershipHistory();
    /** Each member's latest membership as it stands now: the join, corrected by the latest correction, if any. */
    private final Map<String, MembershipCorrectedEvent> currentStint = new HashMap<>();
    /** Each member's latest membership correction, to recognise it repeated. */
    private final Map<String, MembershipCorrectedEvent> lastCorrection = new HashMap<>();
    /**
     * Unretracted member reports filed on this stream, by record id: only what a membership change is checked against.
     * Kept small (not the events themselves), since the repository keeps a coalition between commands and a coalition
     * gathers a report for every member's batch.
     */
    private final Map<String, FiledReport> memberReports = new LinkedHashMap<>();
    /** One instance of each reporting member's id, shared by its reports. */
    private final Map<String, String> memberIds = new HashMap<>();

    Coalition() {
        // Required by Axon.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FoundCoalitionCommand command) {
        List<Object> events = foundingEventsOf(command);
        if (coalitionId != null) {
            if (events.equals(foundingEvents)) {
                return; // The same founding again: already recorded.
            }
            throw new CoalitionAlreadyFounded("coalition '" + coalitionId + "' was already founded on " + foundedOn);
        }
        events.forEach(e -> apply(e));
    }

    private static List<Object> foundingEventsOf(FoundCoalitionCommand c) {
        List<Object> events = new ArrayList<>();
        events.add(new CoalitionFoundedEvent(c.coalitionId(), c.name(), c.foundedOn(), c.convenors()));
        for (FoundingMember m : c.foundingMembers()) {
            events.add(new MemberJoinedEvent(c.coalitionId(), m.memberId(), true, true, m.name(), m.country(),
                    m.region(), m.sector(), c.foundedOn(), null));
        }
        events.add(goalSet(c.coalitionId(), c.goal(), c.foundedOn()));
        return events;
    }

    private static GoalSetEvent goalSet(String coalitionId, Goal g, LocalDate setOn) {
        return new GoalSetEvent(coalitionId, g.goalId(), g.description(), g.metric(), g.baseline(),
                g.targetReductionPercent(), g.deadline(), setOn);
    }

    @CommandHandler
    void handle(JoinCoalitionCommand c) {
        requireOnOrAfterFounding(c.joinedOn(), "joinedOn");
        MemberJoinedEvent joined = new MemberJoinedEvent(coalitionId, c.memberId(), false, c.disclosed(), c.name(),
                c.country(), c.region(), c.sector(), c.joinedOn(), c.note());
        MemberJoinedEvent previous = lastJoin.get(c.memberId());
        if (isMember(c.memberId())) {
            if (joined.equals(previous)) {
                return; // The same join again: already recorded.
            }
            throw new MemberAlreadyJoined("member '" + c.memberId() + "' is already a member since "
                    + previous.joinedOn());
        }
        MembershipCorrectedEvent last = currentStint.get(c.memberId());
        if (last != null && c.joinedOn().isBefore(last.leftOn())) {
            throw new MemberAlreadyJoined("member '" + c.memberId() + "' was a member until " + last.leftOn()
                    + "; it can rejoin on or after that date, not on " + c.joinedOn());
        }
        apply(joined);
    }

    @CommandHandler
    void handle(LeaveCoalitionCommand c) {
        MemberLeftEvent left = new MemberLeftEvent(coalitionId, c.memberId(), c.leftOn(), c.reason());
        if (!isMember(c.memberId())) {
            if (left.equals(lastLeave.get(c.memberId()))) {
                return; // The same departure again: already recorded.
            }
            throw new MemberNotAMember("'" + c.memberId() + "' is not a member of '" + coalitionId + "'");
        }
        LocalDate joinedOn = currentStint.get(c.memberId()).joinedOn();
        if (!c.leftOn().isAfter(joinedOn)) {
            throw new LeaveBeforeJoin("leftOn " + c.leftOn() + " must be after the member's joinedOn " + joinedOn);
        }
        // The last member day is the day before leftOn: no report may end on or after leftOn.
        requireReportsInside(c.memberId(), r -> !r.periodEnd().isBefore(c.leftOn()),
                "leaving on " + c.leftOn());
        apply(left);
    }

    @CommandHandler
    void handle(CorrectMembershipCommand c) {
        MembershipCorrectedEvent now = currentStint.get(c.memberId());
        if (now == null) {
            throw new MemberNotAMember("'" + c.memberId() + "' has never been a member of '" + coalitionId
                    + "'; there is no membership to correct");
        }
        boolean current = isMember(c.memberId());
        if (c.leftOn() != null && current) {
            throw new MemberNotAMember("'" + c.memberId() + "' is still a member: record its departure instead of "
                    + "correcting a leftOn");
        }
        LocalDate joinedOn = c.joinedOn() != null ? c.joinedOn() : now.joinedOn();
        LocalDate leftOn = c.leftOn() != null ? c.leftOn() : now.leftOn();
        MembershipCorrectedEvent corrected = c.namesMember()
                ? new MembershipCorrectedEvent(coalitionId, c.memberId(), true, c.name(), c.country(), c.region(),
                        c.sector(), joinedOn, leftOn, c.reason())
                : new MembershipCorrectedEvent(coalitionId, c.memberId(), now.disclosed(), now.name(), now.country(),
                        now.region(), now.sector(), joinedOn, leftOn, c.reason());
        if (corrected.equals(lastCorrection.get(c.memberId()))) {
            return; // The same correction again: already recorded.
        }
        if (corrected.equals(new MembershipCorrectedEvent(coalitionId, c.memberId(), now.disclosed(), now.name(),
                now.country(), now.region(), now.sector(), now.joinedOn(), now.leftOn(), c.reason()))) {
            throw new CorrectionChangesNothing("the correction gives the membership's current name, places and dates;"
                    + " nothing to restate");
        }
        requireOnOrAfterFounding(joinedOn, "joinedOn");
        if (leftOn != null && !leftOn.isAfter(joinedOn)) {
            throw new LeaveBeforeJoin("leftOn " + leftOn + " must be after the member's joinedOn " + joinedOn);
        }
        List<MembershipHistory.Membership> after = memberships.withLatest(c.memberId(),
                new MembershipHistory.Membership(joinedOn, leftOn));
        if (after.size() > 1 && joinedOn.isBefore(after.get(after.size() - 2).leftOn())) {
            throw new MemberAlreadyJoined("member '" + c.memberId() + "' was a member until "
                    + after.get(after.size() - 2).leftOn() + "; its latest membership cannot start before, on "
                    + joinedOn);
        }
        requireReportsInside(c.memberId(), r -> after.stream().noneMatch(m -> m.covers(r.periodStart(), r.periodEnd())),
                "corrected to " + joinedOn + (leftOn == null ? " onwards" : " until " + leftOn));
        apply(corrected);
    }

    /** Refuses a membership change that would leave the member's unretracted reports matching {@code outside} out. */
    private void requireReportsInside(String memberId, java.util.function.Predicate<FiledReport> outside,
                                      String change) {
        List<Map.Entry<String, FiledReport>> orphaned = memberReports.entrySet().stream()
                .filter(r -> r.getValue().memberId().equals(memberId)).filter(r -> outside.test(r.getValue()))
                .toList();
        if (!orphaned.isEmpty()) {
            // Named up to a limit: a member may have thousands of reports, and the refusal goes back in a response.
            String named = orphaned.stream().limit(REPORTS_NAMED)
                    .map(r -> r.getKey() + " (" + r.getValue().periodStart() + " to " + r.getValue().periodEnd() + ")")
                    .collect(Collectors.joining(", "));
            throw new ReportsOutsideMembership("member '" + memberId + "' " + change + " would leave "
                    + orphaned.size() + " report(s) outside its membership: " + named
                    + (orphaned.size() > REPORTS_NAMED ? " and " + (orphaned.size() - REPORTS_NAMED) + " more" : "")
                    + "; retract or correct them first");
        }
    }

    /** A member's report is filed: the member must have been one throughout its period (see {@link MemberReports}). */
    void fileMemberReport(String memberId, String recordId, LocalDate periodStart, LocalDate periodEnd) {
        if (memberReports.containsKey(recordId)) {
            return; // Filed already: the record's own repeat check decides whether the command is a repeat.
        }
        requireOnOrAfterFounding(periodStart, "periodStart");
        if (!memberships.memberThroughout(memberId, periodStart, periodEnd)) {
            throw new ReporterNotAMemberForPeriod("reporter '" + memberId + "' was not a member throughout "
                    + periodStart + " to " + periodEnd + " (memberships: " + memberships.membershipsOf(memberId) + ")");
        }
        apply(new MemberReportFiledEvent(coalitionId, memberId, recordId, periodStart, periodEnd));
    }

    /** A member's report was retracted: it no longer holds any membership change back. */
    void withdrawMemberReport(String memberId, String recordId) {
        if (memberReports.containsKey(recordId)) {
            apply(new MemberReportWithdrawnEvent(coalitionId, memberId, recordId));
        }
    }

    @CommandHandler
    void handle(SetGoalCommand c) {
        requireOnOrAfterFounding(c.setOn(), "setOn");
        GoalSetEvent set = goalSet(coalitionId, c.goal(), c.setOn());
        GoalSetEvent existing = goals.get(set.goalId());
        if (existing != null) {
            if (existing.equals(set)) {
                return; // The same goal again: already recorded.
            }
            throw new GoalConflict("goal '" + set.goalId() + "' already exists with different content");
        }
        apply(set);
    }

    private void requireOnOrAfterFounding(LocalDate date, String field) {
        if (date.isBefore(foundedOn)) {
            throw new BeforeFoundingDate(field + " " + date + " is before the coalition's founding date " + foundedOn);
        }
    }

    private boolean isMember(String memberId) {
        return currentMembers.contains(memberId);
    }

    @EventSourcingHandler
    void on(CoalitionFoundedEvent e) {
        coalitionId = e.coalitionId();
        foundedOn = e.foundedOn();
        foundingEvents.add(e);
        memberships.apply(e);
    }

    @EventSourcingHandler
    void on(MemberJoinedEvent e) {
        if (e.founding()) {
            foundingEvents.add(e);
        }
        lastJoin.put(e.memberId(), e);
        currentMembers.add(e.memberId());
        currentStint.put(e.memberId(), new MembershipCorrectedEvent(e.coalitionId(), e.memberId(), e.disclosed(),
                e.name(), e.country(), e.region(), e.sector(), e.joinedOn(), null, null));
        lastCorrection.remove(e.memberId());
        memberships.apply(e);
    }

    @EventSourcingHandler
    void on(MemberLeftEvent e) {
        lastLeave.put(e.memberId(), e);
        currentMembers.remove(e.memberId());
        MembershipCorrectedEvent stint = currentStint.get(e.memberId());
        currentStint.put(e.memberId(), new MembershipCorrectedEvent(stint.coalitionId(), stint.memberId(),
                stint.disclosed(), stint.name(), stint.country(), stint.region(), stint.sector(), stint.joinedOn(),
                e.leftOn(), stint.reason()));
        memberships.apply(e);
    }

    @EventSourcingHandler
    void on(MembershipCorrectedEvent e) {
        currentStint.put(e.memberId(), e);
        lastCorrection.put(e.memberId(), e);
        memberships.apply(e);
    }

    @EventSourcingHandler
    void on(MemberReportFiledEvent e) {
        String memberId = memberIds.computeIfAbsent(e.memberId(), id -> id);
        memberReports.put(e.recordId(), new FiledReport(memberId, e.periodStart(), e.periodEnd()));
    }

    /** A filed member report, as a membership change is checked against it. */
    private record FiledReport(String memberId, LocalDate periodStart, LocalDate periodEnd) {
    }

    @EventSourcingHandler
    void on(MemberReportWithdrawnEvent e) {
        memberReports.remove(e.recordId());
    }

    @EventSourcingHandler
    void on(GoalSetEvent e) {
        if (goals.isEmpty()) {
            foundingEvents.add(e); // The founding command always records exactly one goal, the first.
        }
        goals.put(e.goalId(), e);
    }
}
