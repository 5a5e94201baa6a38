package org.coalitionledger.query.views;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fill's settings: a page of no events would never fill anything, so the node refuses to start with one. */
class GenerationFillTest {

    @Test
    void aPageOfNoEvents_isRefusedAtStartup_namingTheSetting() {
        assertThatThrownBy(() -> new GenerationFill(null, null, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coalition.views.fill-page");
    }
}
