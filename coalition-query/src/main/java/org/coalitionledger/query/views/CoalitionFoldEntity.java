package org.coalitionledger.query.views;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.Length;

/**
 * One coalition's fold state between batches: the {@link org.coalitionledger.api.view.FoldSnapshot} as JSON text.
 * Every view of the coalition is computed from it by the shared fold. {@code version} makes a second node that
 * somehow processed the same coalition at the same time fail its commit instead of overwriting the state.
 */
@Entity
@Table(name = "coalition_view_state")
class CoalitionFoldEntity {

    @Id
    @Column(name = "coalition_id", nullable = false, length = 255)
    private String coalitionId;

    @Column(name = "state", nullable = false, length = Length.LONG32)
    private String state;

    @Column(name = "events_folded", nullable = false)
    private long eventsFolded;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    /** Required by JPA. */
    protected CoalitionFoldEntity() {
    }

    CoalitionFoldEntity(String coalitionId) {
        this.coalitionId = coalitionId;
    }

    String coalitionId() {
        return coalitionId;
    }

    String state() {
        return state;
    }

    long eventsFolded() {
        return eventsFolded;
    }

    void update(String state, long eventsFolded) {
        this.state = state;
        this.eventsFolded = eventsFolded;
    }
}
