package org.coalitionledger.query.views;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The text every node reads back from a view change notice. */
class ViewChangeNoticesTest {

    @Test
    void aNotice_readsBackAsSent() {
        var notice = new ViewChangeNotices.Notice("cewto", 42, Instant.parse("2019-03-08T09:00:10.123456Z"));
        assertThat(notice.text()).isEqualTo("42 2019-03-08T09:00:10.123456Z cewto");
        assertThat(ViewChangeNotices.Notice.parse(notice.text())).isEqualTo(notice);
    }

    @Test
    void aCoalitionIdWithSpaces_andNoRecordTime_readBackAsSent() {
        var notice = new ViewChangeNotices.Notice("a coalition id", 1, null);
        assertThat(ViewChangeNotices.Notice.parse(notice.text())).isEqualTo(notice);
    }

    @Test
    void aForeignNotice_isRefused() {
        assertThatThrownBy(() -> ViewChangeNotices.Notice.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
