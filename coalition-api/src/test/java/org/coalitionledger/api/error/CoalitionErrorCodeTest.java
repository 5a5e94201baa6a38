package org.coalitionledger.api.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CoalitionErrorCodeTest {

    @Test
    void problemType_isStableKebabCaseUrn() {
        assertThat(CoalitionErrorCode.MEMBER_ALREADY_JOINED.problemType())
                .isEqualTo("urn:problem:coalition:member-already-joined");
    }

    @Test
    void category_separatesInput_notFound_andConflicts() {
        assertThat(CoalitionErrorCode.INVALID_PERIOD.category()).isEqualTo(CoalitionErrorCode.Category.INPUT);
        assertThat(CoalitionErrorCode.ALL_FIGURES_ZERO.category()).isEqualTo(CoalitionErrorCode.Category.INPUT);
        assertThat(CoalitionErrorCode.RECORD_NOT_FOUND.category()).isEqualTo(CoalitionErrorCode.Category.NOT_FOUND);
        assertThat(CoalitionErrorCode.COALITION_NOT_FOUND.category()).isEqualTo(CoalitionErrorCode.Category.NOT_FOUND);
        assertThat(CoalitionErrorCode.RECORD_CONFLICT.category()).isEqualTo(CoalitionErrorCode.Category.CONFLICT);
        assertThat(CoalitionErrorCode.ACTOR_MISSING.category()).isEqualTo(CoalitionErrorCode.Category.CONFLICT);
    }
}
