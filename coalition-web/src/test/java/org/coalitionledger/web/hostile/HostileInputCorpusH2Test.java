package org.coalitionledger.web.hostile;

import org.coalitionledger.support.LedgerApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/** The hostile-input corpus against the embedded default: one node on H2. */
@LedgerApplicationTest
class HostileInputCorpusH2Test extends HostileInputCorpusContract {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyHostileRequest_refusedWithAProblem_andNothingRecorded_onH2() throws Exception {
        String coalition = prepare(port);
        assertAllRefused(run(coalition, List.of(port), jdbc));
    }
}
