package org.coalitionledger.command.reporting;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.coalitionledger.api.error.CoalitionErrorCode;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.CorrectRecordCommand;
import org.coalitionledger.api.reporting.RecordArrestCommand;
import org.coalitionledger.api.reporting.RecordConfiscationCommand;
import org.coalitionledger.api.reporting.RecordIds;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.RecordTakedownBatchCommand;
import org.coalitionledger.api.reporting.Reporter;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.RetractRecordCommand;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.command.coalition.CoalitionFacts;
import org.coalitionledger.command.coalition.MemberReports;
import org.coalitionledger.command.coalition.MembershipHistory;
import org.coalitionledger.command.rules.BeforeFoundingDate;
import org.coalitionledger.command.rules.CoalitionNotFound;
import org.coalitionledger.command.rules.CorrectionChangesNothing;
import org.coalitionledger.command.rules.CorrectionNotApplicable;
import org.coalitionledger.command.rules.InvalidFigures;
import org.coalitionledger.command.rules.RecordConflict;
import org.coalitionledger.command.rules.RecordNotFound;
import org.coalitionledger.command.rules.RecordRetracted;
import org.coalitionledger.command.rules.ReporterNotAMemberForPeriod;
import org.coalitionledger.command.rules.StaleRecordVersion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One reported figure: a takedown batch, an arrest record or a confiscation, with its corrections and retraction.
 * Each record is its own aggregate (stream {@code record:<coalitionId>:<recordId>}, or the legacy
 * {@code record:<recordId>} of a record made before ids were scoped: see {@link RecordTargetResolver}), so records of
 * one coalition are written in parallel; the coalition's founding date and memberships are read through
 * {@link CoalitionFacts}.
 * <p>
 * Idempotency: the same recording command twice records one fact; a correction that repeats any earlier one (or,
 * given the version it expected, the one made at that version) records nothing, and so does a retraction that
 * repeats the retraction. The same record id with different content is a conflict. Versions count the record's
 * events from 0 (the recording), like its stream's sequence numbers.
 */
@Aggregate(commandTargetResolver = RecordTargetResolver.BEAN_NAME)
class FigureRecord {

    enum Kind { TAKEDOWN_BATCH, ARREST, CONFISCATION }

    @AggregateIdentifier
    private String aggregateId;
    private String coalitionId;
    private String recordId;
    private Kind kind;
    /** The reporting member of a member's takedown batch, else null. */
    private String reporterMemberId;
    /** The recording event, to recognise a repeated recording command. */
    private Object recorded;
    /** The record's version: the sequence number of its latest event. */
    private long version = -1;
    /** Each correction, by the version it was made at (the version it expected). */
    private final java.util.Map<Long, Object> correctionsAt = new java.util.HashMap<>();
    private RecordRetractedEvent retraction;
    // Current figures.
    private long listingsRemoved;
    private long adsBlocked;
    private long accountsRemoved;
    private long count;
    private BigDecimal amount;
    private String currency;
    private BigDecimal usdRate;
    private LocalDate rateDate;
    private String rateSource;

    FigureRecord() {
        // Required by Axon.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordTakedownBatchCommand c, CoalitionFacts facts, MemberReports memberReports) {
        Reporter r = c.reporter();
        TakedownBatchRecordedEvent event = new TakedownBatchRecordedEvent(c.coalitionId(), c.batchId(),
                TakedownBatchRecordedEvent.ReportedBy.of(r), c.periodStart(), c.periodEnd(), c.listingsRemoved(), c.adsBlocked(),
                c.accountsRemoved(), c.categories(), c.scope(), c.source());
        if (alreadyRecorded(event, c.batchId())) {
            return;
        }
        MembershipHistory coalition = coalition(facts, c.coalitionId());
        requireOnOrAfterFounding(coalition, c.periodStart(), "periodStart");
        if (r.type() == ReporterType.MEMBER && !coalition.memberThroughout(r.memberId(), c.periodStart(), c.periodEnd())) {
            throw new ReporterNotAMemberForPeriod("reporter '" + r.memberId() + "' was not a member throughout "
                    + c.periodStart() + " to " + c.periodEnd() + " (memberships: "
                    + coalition.membershipsOf(r.memberId()) + ")");
        }
        if (r.type() == ReporterType.MEMBER) {
            memberReports.filed(c.coalitionId(), r.memberId(), c.batchId(), c.periodStart(), c.periodEnd());
        }
        apply(event);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordArrestCommand c, CoalitionFacts facts) {
        ArrestRecordedEvent event = new ArrestRecordedEvent(c.coalitionId(), c.recordId(), c.date(), c.count(),
                c.jurisdiction(), c.agency(), c.scope(), c.source());
        if (alreadyRecorded(event, c.recordId())) {
            return;
        }
        requireOnOrAfterFounding(coalition(facts, c.coalitionId()), c.date(), "date");
        apply(event);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordConfiscationCommand c, CoalitionFacts facts) {
        ConfiscationRecordedEvent event = new ConfiscationRecordedEvent(c.coalitionId(), c.recordId(), c.date(),
                c.amount(), c.currency(), c.usdRate(), c.rateDate(), c.rateSource(), c.jurisdiction(), c.scope(),
                c.source());
        if (alreadyRecorded(event, c.recordId())) {
            return;
        }
        requireOnOrAfterFounding(coalition(facts, c.coalitionId()), c.date(), "date");
        apply(event);
    }

    /** True for a repeat of the recording; a conflict if the id is taken by other content. */
    private boolean alreadyRecorded(Object event, String recordId) {
        if (recorded == null) {
            return false;
        }
        if (recorded.equals(event)) {
            return true;
        }
        throw new RecordConflict("record '" + recordId + "' already exists with different content");
    }

    private static MembershipHistory coalition(CoalitionFacts facts, String coalitionId) {
        return facts.find(coalitionId)
                .orElseThrow(() -> new CoalitionNotFound("no coalition '" + coalitionId + "' has been founded"));
    }

    private static void requireOnOrAfterFounding(MembershipHistory coalition, LocalDate date, String field) {
        if (date.isBefore(coalition.foundedOn())) {
            throw new BeforeFoundingDate(field + " " + date + " is before the coalition's founding date "
                    + coalition.foundedOn());
        }
    }

    @CommandHandler
    void handle(CorrectRecordCommand c) {
        requireOpenRecordOf(c.coalitionId(), c.recordId());
        if (c.expectedVersion() != null && c.expectedVersion() != version) {
            Object madeThen = correctionsAt.get(c.expectedVersion());
            if (madeThen != null && restates(c, madeThen)) {
                return; // The correction made at that version, delivered again: already recorded.
            }
            throw new StaleRecordVersion("record '" + recordId() + "' is at version " + version + ", not "
                    + c.expectedVersion() + ": it changed after it was read; read it again before correcting it");
        }
        if (c.expectedVersion() == null && correctionsAt.values().stream().anyMatch(e -> restates(c, e))) {
            return; // An earlier correction again (a late retry): already recorded, never re-applied.
        }
        Object correction = switch (kind) {
            case TAKEDOWN_BATCH -> correctTakedown(c);
            case ARREST -> correctArrest(c);
            case CONFISCATION -> correctConfiscation(c);
        };
        if (correction == null) {
            throw new CorrectionChangesNothing("the correction gives the record's current figures; nothing to restate");
        }
        apply(correction);
    }

    /** True if {@code correction} gives exactly the figures and reason this command gives (and no others). */
    private static boolean restates(CorrectRecordCommand c, Object correction) {
        if (!c.reason().equals(reasonOf(correction))) {
            return false;
        }
        if (correction instanceof TakedownBatchCorrectedEvent t) {
            return givenAs(c.listingsRemoved(), t.listingsRemoved()) && givenAs(c.adsBlocked(), t.adsBlocked())
                    && givenAs(c.accountsRemoved(), t.accountsRemoved()) && c.count() == null && noMoney(c);
        }
        if (correction instanceof ArrestRecordCorrectedEvent a) {
            return c.count() != null && c.count() == a.count() && c.listingsRemoved() == null
                    && c.adsBlocked() == null && c.accountsRemoved() == null && noMoney(c);
        }
        ConfiscationRecordCorrectedEvent m = (ConfiscationRecordCorrectedEvent) correction;
        return c.listingsRemoved() == null && c.adsBlocked() == null && c.accountsRemoved() == null
                && c.count() == null
                && (c.amount() == null || c.amount().compareTo(m.amount()) == 0)
                && (c.usdRate() == null || c.usdRate().compareTo(m.usdRate()) == 0)
                && (c.rateDate() == null || c.rateDate().equals(m.rateDate()))
                && (c.rateSource() == null || c.rateSource().equals(m.rateSource()));
    }

    private static boolean givenAs(Long given, long recorded) {
        return given == null || given == recorded;
    }

    private static boolean noMoney(CorrectRecordCommand c) {
        return c.amount() == null && c.usdRate() == null && c.rateDate() == null && c.rateSource() == null;
    }

    private static String reasonOf(Object correction) {
        if (correction instanceof TakedownBatchCorrectedEvent t) return t.reason();
        if (correction instanceof ArrestRecordCorrectedEvent a) return a.reason();
        return ((ConfiscationRecordCorrectedEvent) correction).reason();
    }

    private Object correctTakedown(CorrectRecordCommand c) {
        notApplicable(c.count(), "count");
        notApplicable(c.amount(), "amount");
        notApplicable(c.usdRate(), "usdRate");
        notApplicable(c.rateDate(), "rateDate");
        notApplicable(c.rateSource(), "rateSource");
        long listings = Objects.requireNonNullElse(c.listingsRemoved(), listingsRemoved);
        long ads = Objects.requireNonNullElse(c.adsBlocked(), adsBlocked);
        long accounts = Objects.requireNonNullElse(c.accountsRemoved(), accountsRemoved);
        if (listings == 0 && ads == 0 && accounts == 0) {
            throw new InvalidFigures(CoalitionErrorCode.ALL_FIGURES_ZERO,
                    "the corrected figures are all 0: retract the record instead");
        }
        if (listings == listingsRemoved && ads == adsBlocked && accounts == accountsRemoved) {
            return null;
        }
        return new TakedownBatchCorrectedEvent(coalitionId, recordId(), listings, ads, accounts, c.reason());
    }

    private Object correctArrest(CorrectRecordCommand c) {
        notApplicable(c.listingsRemoved(), "listingsRemoved");
        notApplicable(c.adsBlocked(), "adsBlocked");
        notApplicable(c.accountsRemoved(), "accountsRemoved");
        notApplicable(c.amount(), "amount");
        notApplicable(c.usdRate(), "usdRate");
        notApplicable(c.rateDate(), "rateDate");
        notApplicable(c.rateSource(), "rateSource");
        // The command carries at least one figure, and every other figure was refused above: count is given.
        if (c.count() == 0) {
            throw new InvalidFigures(CoalitionErrorCode.ALL_FIGURES_ZERO, "the corrected count is 0: retract the record instead");
        }
        return c.count() == count ? null
                : new ArrestRecordCorrectedEvent(coalitionId, recordId(), c.count(), c.reason());
    }

    private Object correctConfiscation(CorrectRecordCommand c) {
        notApplicable(c.listingsRemoved(), "listingsRemoved");
        notApplicable(c.adsBlocked(), "adsBlocked");
        notApplicable(c.accountsRemoved(), "accountsRemoved");
        notApplicable(c.count(), "count");
        BigDecimal newAmount = Objects.requireNonNullElse(c.amount(), amount);
        int decimals = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        if (newAmount.scale() > decimals) {
            throw new InvalidFigures(CoalitionErrorCode.INVALID_AMOUNT,
                    "amount must have at most " + decimals + " decimals for " + currency);
        }
        newAmount = newAmount.setScale(decimals); // Recorded at the currency's scale, like the original amount.
        BigDecimal newRate = Objects.requireNonNullElse(c.usdRate(), usdRate);
        LocalDate newRateDate = Objects.requireNonNullElse(c.rateDate(), rateDate);
        String newRateSource = Objects.requireNonNullElse(c.rateSource(), rateSource);
        // compareTo, not equals: 18000000.00 and 18000000.0 are the same amount.
        if (newAmount.compareTo(amount) == 0 && newRate.compareTo(usdRate) == 0 && newRateDate.equals(rateDate)
                && newRateSource.equals(rateSource)) {
            return null;
        }
        return new ConfiscationRecordCorrectedEvent(coalitionId, recordId(), newAmount, newRate, newRateDate,
                newRateSource, c.reason());
    }

    private void notApplicable(Object value, String field) {
        if (value != null) {
            throw new CorrectionNotApplicable(field + " does not apply to record '" + recordId() + "' ("
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")");
        }
    }

    @CommandHandler
    void handle(RetractRecordCommand c, MemberReports memberReports) {
        if (retraction != null && retraction.coalitionId().equals(c.coalitionId())
                && retraction.reason().equals(c.reason())) {
            return; // The same retraction again: already recorded.
        }
        requireOpenRecordOf(c.coalitionId(), c.recordId());
        apply(new RecordRetractedEvent(coalitionId, recordId(), c.reason()));
        if (reporterMemberId != null) {
            memberReports.withdrawn(coalitionId, reporterMemberId, recordId());
        }
    }

    private void requireOpenRecordOf(String commandCoalitionId, String recordId) {
        if (!coalitionId.equals(commandCoalitionId)) {
            throw new RecordNotFound("coalition '" + commandCoalitionId + "' has no record '" + recordId + "'");
        }
        if (retraction != null) {
            throw new RecordRetracted("record '" + recordId + "' was retracted (" + retraction.reason()
                    + "); a retracted record is final");
        }
    }

    private String recordId() {
        return recordId;
    }

    @EventSourcingHandler
    void on(TakedownBatchRecordedEvent e, DomainEventMessage<?> message) {
        start(message, e, e.coalitionId(), e.batchId(), Kind.TAKEDOWN_BATCH);
        reporterMemberId = e.reporter().type() == ReporterType.MEMBER ? e.reporter().memberId() : null;
        listingsRemoved = e.listingsRemoved();
        adsBlocked = e.adsBlocked();
        accountsRemoved = e.accountsRemoved();
    }

    @EventSourcingHandler
    void on(ArrestRecordedEvent e, DomainEventMessage<?> message) {
        start(message, e, e.coalitionId(), e.recordId(), Kind.ARREST);
        count = e.count();
    }

    @EventSourcingHandler
    void on(ConfiscationRecordedEvent e, DomainEventMessage<?> message) {
        start(message, e, e.coalitionId(), e.recordId(), Kind.CONFISCATION);
        amount = e.amount();
        currency = e.currency();
        usdRate = e.usdRate();
        rateDate = e.rateDate();
        rateSource = e.rateSource();
    }

    private void start(DomainEventMessage<?> message, Object event, String coalitionId, String recordId, Kind kind) {
        this.version = 0;
        // Replayed, the stream is the stored one (scoped or legacy); applied now, the record is new and its stream
        // is scoped (no record is ever started on a legacy stream any more).
        String stored = message.getAggregateIdentifier();
        this.aggregateId = stored != null ? stored : RecordIds.aggregateId(coalitionId, recordId);
        this.recordId = recordId;
        this.coalitionId = coalitionId;
        this.kind = kind;
        this.recorded = event;
    }

    @EventSourcingHandler
    void on(TakedownBatchCorrectedEvent e) {
        listingsRemoved = e.listingsRemoved();
        adsBlocked = e.adsBlocked();
        accountsRemoved = e.accountsRemoved();
        corrected(e);
    }

    @EventSourcingHandler
    void on(ArrestRecordCorrectedEvent e) {
        count = e.count();
        corrected(e);
    }

    @EventSourcingHandler
    void on(ConfiscationRecordCorrectedEvent e) {
        amount = e.amount();
        usdRate = e.usdRate();
        rateDate = e.rateDate();
        rateSource = e.rateSource();
        corrected(e);
    }

    private void corrected(Object correction) {
        correctionsAt.put(version, correction);
        version++;
    }

    @EventSourcingHandler
    void on(RecordRetractedEvent e) {
        retraction = e;
        version++;
    }
}
