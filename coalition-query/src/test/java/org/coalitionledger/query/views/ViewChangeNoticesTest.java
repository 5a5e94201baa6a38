package org.coalitionledger.query.views;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text every node reads back from a view change notice. */
class ViewChangeNoticesTest {

    @Test
    void aNotice_readsBackAsSent() {
        var notice = new ViewChangeNotices.Notice("a coalition id");
        assertThat(notice.text()).isEqualTo("a coalition id");
        assertThat(ViewChangeNotices.Notice.parse(notice.text())).isEqualTo(notice);
    }

    @Test
    void anEmptyNotice_isRefused() {
        assertThatThrownBy(() -> ViewChangeNotices.Notice.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
