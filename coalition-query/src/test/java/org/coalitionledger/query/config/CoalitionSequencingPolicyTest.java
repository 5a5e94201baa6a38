package org.coalitionledger.query.config;

import org.coalitionledger.api.CoalitionIds;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.coalitionledger.api.coalition.CoalitionFoundedEvent;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.coalition.MemberLeftEvent;
import org.coalitionledger.api.reporting.ArrestRecordedEvent;
import org.coalitionledger.api.reporting.RecordRetractedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.RecordIds;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One slice of a coalition's views per sequence: a correction in a record's stream is sequenced with the record it
 * corrects, not with its own aggregate, and a coalition's records spread over the segments.
 */
class CoalitionSequencingPolicyTest {

    private final CoalitionSequencingPolicy policy = new CoalitionSequencingPolicy();

    @Test
    void eventsOfOneSlice_fromDifferentStreams_shareOneSequence() {
        var recorded = new GenericDomainEventMessage<>("Coalition", "cewto", 3,
                new ArrestRecordedEvent("cewto", "a", LocalDate.of(2019, 1, 1), 1, null, null, null, null));
        var correction = new GenericDomainEventMessage<>("FigureRecord", RecordIds.aggregateId("cewto", "a"), 1,
                new ArrestRecordCorrectedEvent("cewto", "a", 2, "recount"));
        var legacyCorrection = new GenericDomainEventMessage<>("FigureRecord", RecordIds.legacyAggregateId("a"), 1,
                new ArrestRecordCorrectedEvent("cewto", "a", 2, "recount"));
        var retraction = new GenericDomainEventMessage<>("FigureRecord", RecordIds.aggregateId("cewto", "a"), 2,
                new RecordRetractedEvent("cewto", "a", "duplicate"));
        var joined = new GenericDomainEventMessage<>("Coalition", "cewto", 4, join("m"));
        var left = new GenericDomainEventMessage<>("Coalition", "cewto", 5,
                new MemberLeftEvent("cewto", "m", LocalDate.of(2020, 1, 1), "left"));
        var founded = new GenericDomainEventMessage<>("Coalition", "cewto", 0,
                new CoalitionFoundedEvent("cewto", "CEWTO", LocalDate.of(2018, 3, 7), List.of("WWF")));

        assertThat(policy.getSequenceIdentifierFor(recorded)).isEqualTo(policy.getSequenceIdentifierFor(correction))
                .isEqualTo(policy.getSequenceIdentifierFor(legacyCorrection))
                .isEqualTo(policy.getSequenceIdentifierFor(retraction))
                .isEqualTo("coalition:cewto/record:a");
        assertThat(policy.getSequenceIdentifierFor(joined)).isEqualTo(policy.getSequenceIdentifierFor(left))
                .isEqualTo("coalition:cewto/member:m");
        assertThat(policy.getSequenceIdentifierFor(founded)).isEqualTo("coalition:cewto");
        for (Object sequence : List.of(policy.getSequenceIdentifierFor(recorded),
                policy.getSequenceIdentifierFor(joined), policy.getSequenceIdentifierFor(founded))) {
            assertThat(CoalitionSequencingPolicy.coalitionOf((String) sequence)).isEqualTo("cewto");
        }
    }

    @Test
    void oneCoalitionsRecordsAndMembers_spreadOverEverySegment() {
        Segment[] segments = Segment.splitBalanced(Segment.ROOT_SEGMENT, 3).toArray(new Segment[0]);
        assertThat(segments).hasSize(4);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            Object sequence = policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Coalition", "cewto", i,
                    i % 2 == 0 ? new ArrestRecordedEvent("cewto", "r" + i, LocalDate.of(2019, 1, 1), 1, null, null,
                            null, null)
                            : join("m" + i)));
            for (Segment segment : segments) {
                if (segment.matches(sequence)) {
                    used.add(segment.getSegmentId());
                }
            }
        }
        assertThat(used).as("one coalition's events are folded on every segment").hasSize(4);
    }

    private static MemberJoinedEvent join(String memberId) {
        return new MemberJoinedEvent("cewto", memberId, false, false, null, null, null, null,
                LocalDate.of(2019, 1, 1), null);
    }

    @Test
    void eventsWithoutACoalition_fallBackToTheirAggregate() {
        var foreign = new GenericDomainEventMessage<>("Thing", "thing-1", 0, "not a coalition event");

        assertThat(policy.getSequenceIdentifierFor(foreign)).isEqualTo("thing-1");
        assertThat(CoalitionIds.of(new GenericEventMessage<>("x").getPayload())).isEmpty();
        assertThat(CoalitionIds.of(new ArrestRecordCorrectedEvent(null, "a", 1, "r"))).isEmpty();
    }
}
