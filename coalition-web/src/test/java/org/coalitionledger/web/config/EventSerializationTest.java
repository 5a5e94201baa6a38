package org.coalitionledger.web.config;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.coalitionledger.api.CoalitionIds;
import org.coalitionledger.api.KnownEventTypes;
import org.coalitionledger.api.admin.ViewsRebuildStartedEvent;
import org.coalitionledger.api.admin.ApiKeyIssuedEvent;
import org.coalitionledger.api.admin.ApiKeyRevokedEvent;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.GoalMetric;
import org.coalitionledger.api.coalition.GoalSetEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordCorrectedEvent;
import org.coalitionledger.api.reporting.ConfiscationRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ReporterType;
import org.coalitionledger.api.reporting.TakedownBatchCorrectedEvent;
import org.coalitionledger.api.reporting.TakedownBatchRecordedEvent;
import org.coalitionledger.audit.StoredEvent;
import org.coalitionledger.audit.bundle.StoredFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.coalitionledger.api.audit.SigningKeyRotatedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event survives the stored format unchanged: serialize with the application's serializer, read back, equal. */
class EventSerializationTest {

    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder()
            .jsonMapperBuilderCustomizer(AxonSerializerConfig::storedFormat)
            .build();

    static List<Object> oneOfEachEvent() {
        LocalDate d = LocalDate.of(2019, 3, 6);
        return List.of(
                new CoalitionFoundedEvent("cewto", "Coalition", LocalDate.of(2018, 3, 7), List.of("WWF", "TRAFFIC")),
                new MemberJoinedEvent("cewto", "alibaba", true, true, "Alibaba", "CN", "Asia", "e-commerce", d, null),
                new MemberJoinedEvent("cewto", "undisclosed-1", false, false, null, null, null, null, d, "a note"),
                new MemberLeftEvent("cewto", "alibaba", LocalDate.of(2020, 1, 1), "reason"),
                new GoalSetEvent("cewto", "goal-1", "Reduce by 80%", GoalMetric.ONLINE_TRAFFICKING, null,
                        new BigDecimal("80"), LocalDate.of(2020, 12, 31), d),
                new GoalSetEvent("cewto", "goal-2", "Fewer listings", GoalMetric.LISTINGS_REMOVED, 1_000_000L,
                        new BigDecimal("12.50"), LocalDate.of(2021, 12, 31), d),
                new TakedownBatchRecordedEvent("cewto", "batch-1", new TakedownBatchRecordedEvent.ReportedBy(ReporterType.NGO, null, "WWF"), d.minusDays(10), d,
                        1_000_000, 10_000_000, 350_000, List.of("ivory", "pangolin"), "China-based members", "report"),
                new ArrestRecordedEvent("cewto", "arrests-1", d, 129, "CN", "police", "scope", "source"),
                new ConfiscationRecordedEvent("cewto", "conf-1", d, new BigDecimal("18000000.00"), "CNY",
                        new BigDecimal("6.7202"), d, "rate source", "CN", "scope", "source"),
                new TakedownBatchCorrectedEvent("cewto", "batch-1", 999_999, 10_000_000, 350_000, "typo"),
                new ArrestRecordCorrectedEvent("cewto", "arrests-1", 130, "late report"),
                new ConfiscationRecordCorrectedEvent("cewto", "conf-1", new BigDecimal("18000001.10"),
                        new BigDecimal("6.72020000"), d, "other source", "restated"),
                new RecordRetractedEvent("cewto", "batch-1", "duplicate"),
                new SigningKeyRotatedEvent("coalition-ledger/audit-log", 1, "new+key", "old+key", 42, "yearly"),
                new ViewsRebuildStartedEvent("3f2c8a6e-0d1b-4c5e-9a7f-2b6d8e1c4a90", List.of("coalition-views"),
                        "replay after a projection fix"),
                new org.coalitionledger.api.coalition.MemberReportFiledEvent("cewto", "alibaba", "batch-2",
                        d.minusDays(10), d),
                new org.coalitionledger.api.coalition.MemberReportWithdrawnEvent("cewto", "alibaba", "batch-2"),
                new org.coalitionledger.api.coalition.MembershipCorrectedEvent("cewto", "undisclosed-1", true, "Name",
                        "CN", "Asia", "search", d.minusDays(100), null, "disclosed in the annual report"),
                new ApiKeyIssuedEvent("0123456789abcdef", "alice@example.org", "Alice", "ADMIN",
                        java.time.Instant.parse("2027-01-01T00:00:00Z")),
                new ApiKeyRevokedEvent("0123456789abcdef", "left the team"),
                new org.coalitionledger.api.admin.DeadLetterRetriedEvent("5a1d2f0e-8c3b-4e6a-9f7d-1b2c3d4e5f60",
                        "coalition-views", "coalition:cewto", "event-1", true, 0, "projection fix deployed"),
                new org.coalitionledger.api.admin.DeadLetterEvictedEvent("5a1d2f0e-8c3b-4e6a-9f7d-1b2c3d4e5f60",
                        "coalition-views", "coalition:cewto", "event-1", 2, "figure withdrawn"));
    }

    @ParameterizedTest
    @MethodSource("oneOfEachEvent")
    void event_roundTrips_throughTheStoredFormat(Object event) {
        SerializedObject<byte[]> stored = SERIALIZER.serialize(event, byte[].class);
        Object read = SERIALIZER.deserialize(stored);
        assertThat(read).isEqualTo(event);
        assertThat(stored.getType().getRevision()).isEqualTo(event.getClass().getAnnotation(Revision.class).value());
    }

    /**
     * What the audit side reads from a stored event, for every event type: its payload, by a reader per type, is the
     * event the application's serializer wrote, and the coalition its text states (read without making the payload)
     * is the event's.
     */
    @ParameterizedTest
    @MethodSource("oneOfEachEvent")
    void storedEvent_readsBackAsStored_andStatesItsCoalition_asThePayloadHasIt(Object event) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);
        var stored = new StoredEvent(7, "event-1", "Coalition", "cewto", 0, serialized.getType().getName(),
                serialized.getType().getRevision(), "2026-12-05T12:00:00Z", serialized.getData(), new byte[0]);
        String coalitionId = CoalitionIds.of(event).orElse(null);

        assertThat(StoredFormat.payload(stored)).isEqualTo(event);
        assertThat(StoredFormat.statesCoalition(stored, coalitionId)).isTrue();
        assertThat(StoredFormat.statesCoalition(stored, "another")).isFalse();
        if (coalitionId != null) {
            assertThat(StoredFormat.statesCoalition(stored, null)).isFalse();
        }
    }

    @Test
    void storedFormat_keepsMoneyExact_andEnumsByName() {
        var event = (ConfiscationRecordedEvent) oneOfEachEvent().get(8);
        String json = new String(SERIALIZER.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"amount\":18000000.00").contains("\"usdRate\":6.7202")
                .contains("\"rateDate\":\"2019-03-06\"");
        var goal = oneOfEachEvent().get(4);
        assertThat(new String(SERIALIZER.serialize(goal, byte[].class).getData(), StandardCharsets.UTF_8))
                .contains("\"metric\":\"ONLINE_TRAFFICKING\"");
    }

    @Test
    void everyEventClass_isCoveredHere_andHasARevision() {
        Set<Class<?>> eventClasses = new ClassFileImporter().importPackages("org.coalitionledger.api").stream()
                .filter(c -> c.getSimpleName().endsWith("Event"))
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());
        assertThat(eventClasses).isNotEmpty();
        assertThat(oneOfEachEvent().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsAll(eventClasses);
        assertThat(eventClasses).allSatisfy(c -> assertThat(c.getAnnotation(Revision.class))
                .as("@Revision on %s", c.getName()).isNotNull());
        // The allow-list the server and the offline verifier read stored events by: exactly these classes.
        assertThat(KnownEventTypes.CLASSES).containsExactlyInAnyOrderElementsOf(eventClasses);
        assertThat(eventClasses).allSatisfy(c -> assertThat(
                KnownEventTypes.isKnown(c.getName(), c.getAnnotation(Revision.class).value())).isTrue());
    }
}
