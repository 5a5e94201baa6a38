package org.coalitionledger.query.config;

import org.coalitionledger.api.CoalitionIds;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.coalitionledger.api.coalition.MemberJoinedEvent;
import org.coalitionledger.api.reporting.ArrestRecordCorrectedEvent;
import org.coalitionledger.api.reporting.RecordIds;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A correction in a record's stream must be sequenced with its coalition, not with its own aggregate. */
class CoalitionSequencingPolicyTest {

    private final CoalitionSequencingPolicy policy = new CoalitionSequencingPolicy();

    @Test
    void eventsOfOneCoalition_fromDifferentStreams_shareOneSequence() {
        var join = new GenericDomainEventMessage<>("Coalition", "cewto", 3,
                new MemberJoinedEvent("cewto", "m", false, false, null, null, null, null, LocalDate.of(2019, 1, 1),
                        null));
        var correction = new GenericDomainEventMessage<>("FigureRecord", RecordIds.aggregateId("cewto", "a"), 1,
                new ArrestRecordCorrectedEvent("cewto", "a", 2, "recount"));
        var legacyCorrection = new GenericDomainEventMessage<>("FigureRecord", RecordIds.legacyAggregateId("c"), 1,
                new ArrestRecordCorrectedEvent("cewto", "c", 2, "recount"));
        var otherCoalition = new GenericDomainEventMessage<>("FigureRecord", RecordIds.aggregateId("other", "b"), 0,
                new ArrestRecordCorrectedEvent("other", "b", 2, "recount"));

        assertThat(policy.getSequenceIdentifierFor(join)).isEqualTo(policy.getSequenceIdentifierFor(correction))
                .isEqualTo(policy.getSequenceIdentifierFor(legacyCorrection))
                .isEqualTo("coalition:cewto");
        assertThat(policy.getSequenceIdentifierFor(otherCoalition)).isEqualTo("coalition:other");
    }

    @Test
    void eventsWithoutACoalition_fallBackToTheirAggregate() {
        var foreign = new GenericDomainEventMessage<>("Thing", "thing-1", 0, "not a coalition event");

        assertThat(policy.getSequenceIdentifierFor(foreign)).isEqualTo("thing-1");
        assertThat(CoalitionIds.of(new GenericEventMessage<>("x").getPayload())).isEmpty();
        assertThat(CoalitionIds.of(new ArrestRecordCorrectedEvent(null, "a", 1, "r"))).isEmpty();
    }
}
