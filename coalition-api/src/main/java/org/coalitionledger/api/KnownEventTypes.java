package org.coalitionledger.api;

import org.axonframework.serialization.Revision;
import org.coalitionledger.api.admin.ApiKeyIssuedEvent;
import org.coalitionledger.api.admin.ApiKeyRevokedEvent;
import org.coalitionledger.api.admin.DeadLetterEvictedEvent;
import org.coalitionledger.api.admin.DeadLetterRetriedEvent;
import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;
import org.coalitionledger.api.audit.SigningKeyRotatedEvent;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberReportFiledEvent;
import org.coalitionledger.api.coalition.MemberReportWithdrawnEvent;
import org.coalitionledger.api.coalition.MembershipCorrectedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The allow-list of stored payload types: the ledger's own event classes, each at its {@code @Revision}. The server
 * (before Axon resolves a stored event's type) and the offline verifier (before it reads a bundled event) accept
 * nothing else, so a planted row or a hostile bundle can never make either load or instantiate a class of its
 * choosing. Names are compared as text; no class is looked up by a stored name. Every new event goes here
 * (EventSerializationTest fails otherwise).
 */
public final class KnownEventTypes {

    /** Every event class of the ledger. */
    public static final List<Class<?>> CLASSES = List.of(
            CoalitionFoundedEvent.class, MemberJoinedEvent.class, MemberLeftEvent.class, GoalSetEvent.class,
            TakedownBatchRecordedEvent.class, ArrestRecordedEvent.class, ConfiscationRecordedEvent.class,
            TakedownBatchCorrectedEvent.class, ArrestRecordCorrectedEvent.class,
            ConfiscationRecordCorrectedEvent.class, RecordRetractedEvent.class, SigningKeyRotatedEvent.class,
            ViewsRebuildStartedEvent.class, MemberReportFiledEvent.class,
            MemberReportWithdrawnEvent.class, MembershipCorrectedEvent.class, ApiKeyIssuedEvent.class,
            ApiKeyRevokedEvent.class, DeadLetterRetriedEvent.class, DeadLetterEvictedEvent.class);

    /**
     * Revisions that are still stored but no longer current: events of these were written before their class changed
     * shape, and an upcaster (coalition-audit's {@code LedgerUpcasters}) brings each to the current revision before it
     * is read. Every other revision of a known type is refused like an unknown type.
     */
    public static final Map<Class<?>, Set<String>> OLDER_REVISIONS = Map.of(
            TakedownBatchRecordedEvent.class, Set.of("1"));

    private static final Map<String, String> REVISIONS = new LinkedHashMap<>();

    static {
        for (Class<?> type : CLASSES) {
            Revision revision = Objects.requireNonNull(type.getAnnotation(Revision.class),
                    () -> type.getName() + " has no @Revision");
            REVISIONS.put(type.getName(), revision.value());
        }
    }

    private KnownEventTypes() {
    }

    /**
     * Whether a stored payload type and revision name one of the ledger's events at its current revision, or at an
     * older revision that an upcaster reads (a row as stored, before upcasting).
     */
    public static boolean isStored(String type, String revision) {
        if (isKnown(type, revision)) {
            return true;
        }
        return type != null && revision != null && OLDER_REVISIONS.entrySet().stream()
                .anyMatch(e -> e.getKey().getName().equals(type) && e.getValue().contains(revision));
    }

    /** Why a stored event (before upcasting) is refused, naming it, or null when {@link #isStored} holds. */
    public static String storedRefusal(String event, String type, String revision) {
        return isStored(type, revision) ? null : refusal(event, type, revision);
    }

    /** Whether a stored payload type and revision name one of the ledger's events at its current revision. */
    public static boolean isKnown(String type, String revision) {
        return type != null && revision != null && revision.equals(REVISIONS.get(type));
    }

    /**
     * Why a stored event is refused, naming it, or null when its type is known.
     *
     * @param event where the event is: its id and position, e.g. "event e-1 (global index 7)"
     */
    public static String refusal(String event, String type, String revision) {
        if (isKnown(type, revision)) {
            return null;
        }
        return event + " names payload type '" + type + "' revision '" + revision + "', which is not one of the "
                + "ledger's event types: refused as tampering, nothing was loaded";
    }
}
