package org.coalitionledger.query.nodes;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes sharing one database count each other by their heartbeats and split every processor's segments. */
class LiveNodesTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
            "jdbc:h2:mem:live-nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    private final NodeProperties properties = new NodeProperties(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @BeforeEach
    void schema() {
        jdbc.execute("create table ledger_node (node_id varchar(255) not null primary key, "
                + "started_at timestamp(6) with time zone not null, last_seen timestamp(6) with time zone not null)");
        // The columns of Axon's token store the heartbeat reads.
        jdbc.execute("create table token_entry (processor_name varchar(255) not null, segment integer not null, "
                + "owner varchar(255), primary key (processor_name, segment))");
        for (int segment = 0; segment < 4; segment++) {
            jdbc.update("insert into token_entry values ('coalition-views', ?, null)", segment);
        }
        jdbc.update("insert into token_entry values ('audit-log', 0, null)");
    }

    @Test
    void aNodeAlone_mayHoldEverySegment() {
        LiveNodes alone = new LiveNodes(jdbc, properties);
        assertThat(alone.maxSegments("coalition-views")).as("before its first heartbeat").isEqualTo(Integer.MAX_VALUE);
        alone.beat();
        assertThat(alone.count()).isEqualTo(1);
        assertThat(alone.maxSegments("coalition-views")).isEqualTo(4);
        assertThat(alone.maxSegments("audit-log")).isEqualTo(1);
        assertThat(alone.maxSegments("a-processor-with-no-tokens-yet")).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void twoLiveNodes_shareTheSegments_andTheSurvivorTakesAllWhenOneGoesSilent() {
        LiveNodes first = new LiveNodes(jdbc, properties);
        LiveNodes second = new LiveNodes(jdbc, properties);
        first.beat();
        second.beat();
        first.beat();
        assertThat(first.count()).isEqualTo(2);
        assertThat(second.count()).isEqualTo(2);
        assertThat(first.maxSegments("coalition-views")).isEqualTo(2);
        assertThat(second.maxSegments("coalition-views")).isEqualTo(2);
        // One segment cannot be split: each node may hold it, the token claim decides which does.
        assertThat(first.maxSegments("audit-log")).isEqualTo(1);

        // The second node dies: its heartbeat ages past the liveness timeout (as by the database's clock).
        jdbc.update("update ledger_node set last_seen = dateadd('SECOND', -11, current_timestamp) where node_id = ?",
                second.nodeId());
        first.beat();
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.maxSegments("coalition-views")).isEqualTo(4);
    }

    @Test
    void aNodeThatStopsOnPurpose_leavesAtOnce() {
        LiveNodes first = new LiveNodes(jdbc, properties);
        LiveNodes second = new LiveNodes(jdbc, properties);
        first.beat();
        second.beat();
        second.leave();
        first.beat();
        assertThat(first.count()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from ledger_node", Integer.class)).isEqualTo(1);
    }

    @Test
    void threeNodes_onFourSegments_eachMayHoldTwo() {
        LiveNodes first = new LiveNodes(jdbc, properties);
        new LiveNodes(jdbc, properties).beat();
        new LiveNodes(jdbc, properties).beat();
        first.beat();
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.maxSegments("coalition-views")).isEqualTo(2);
    }
}
