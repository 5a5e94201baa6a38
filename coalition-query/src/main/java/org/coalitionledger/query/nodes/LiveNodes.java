package org.coalitionledger.query.nodes;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The nodes of this ledger alive on its database, and each node's fair share of every streaming processor's
 * segments. Axon's pooled processors do not balance by themselves (the first node claims every segment); they do
 * release segments above a node's maximum and claim no more than it ({@code MaxSegmentProvider}). So every node
 * writes a heartbeat row in {@code ledger_node}, counts the nodes whose heartbeat is fresh, and caps itself at
 * {@code ceil(segments / live nodes)}: when a second node starts, the first releases half its segments and the
 * second claims them; when a node dies, its heartbeat and its token claims go stale together and the survivors'
 * caps rise to take its segments over. Times are the database's, so the nodes' clocks need not agree.
 */
@Component
public class LiveNodes {

    private static final Logger log = LoggerFactory.getLogger(LiveNodes.class);
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final NodeProperties properties;
    /** Unique per process and per application context (two contexts in one JVM are two nodes). */
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private volatile int live = 1;
    /** Segments per processor, as the token store holds them; empty until the first heartbeat. */
    private volatile Map<String, Integer> segments = Map.of();

    LiveNodes(JdbcTemplate jdbc, NodeProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** This node's id in {@code ledger_node}. */
    public String nodeId() {
        return nodeId;
    }

    /** The nodes whose heartbeat was fresh at the last count (this one included). */
    public int count() {
        return live;
    }

    /**
     * The most segments of {@code processor} this node may hold: its fair share. Unbounded while the processor's
     * segments are not known yet (a new ledger's first node claims them all and releases any surplus later).
     */
    public int maxSegments(String processor) {
        Integer total = segments.get(processor);
        if (total == null) {
            return Integer.MAX_VALUE;
        }
        int nodes = Math.max(1, live);
        return Math.max(1, (total + nodes - 1) / nodes);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${coalition.nodes.heartbeat-interval:PT2S}")
    void heartbeat() {
        try {
            beat();
        } catch (RuntimeException e) {
            // Keep the last count: a node that cannot reach the database cannot process events either.
            log.warn("Node heartbeat failed (will retry): {}", e.toString());
        }
    }

    /** Writes this node's heartbeat, recounts the live nodes and the processors' segments. */
    public void beat() {
        if (jdbc.update("update ledger_node set last_seen = current_timestamp where node_id = ?", nodeId) == 0) {
            jdbc.update("insert into ledger_node (node_id, started_at, last_seen) "
                    + "values (?, current_timestamp, current_timestamp)", nodeId);
        }
        Timestamp now = jdbc.queryForObject("select current_timestamp", Timestamp.class);
        Integer fresh = jdbc.queryForObject("select count(*) from ledger_node where last_seen > ?", Integer.class,
                Timestamp.from(now.toInstant().minus(properties.livenessTimeout())));
        Map<String, Integer> counted = new HashMap<>();
        jdbc.query("select processor_name, count(*) from token_entry group by processor_name",
                row -> {
                    counted.put(row.getString(1), row.getInt(2));
                });
        segments = Map.copyOf(counted);
        int nowLive = Math.max(1, fresh == null ? 1 : fresh);
        if (nowLive != live) {
            log.info("Live nodes on this database: {} (this node {}); segment shares now {}", nowLive, nodeId,
                    shares(nowLive));
        }
        live = nowLive;
        jdbc.update("delete from ledger_node where last_seen < ?", Timestamp.from(now.toInstant().minus(FORGET_AFTER)));
    }

    private Map<String, String> shares(int nodes) {
        Map<String, String> shares = new HashMap<>();
        segments.forEach((processor, total) ->
                shares.put(processor, Math.max(1, (total + nodes - 1) / nodes) + " of " + total));
        return shares;
    }

    /** A node that stops on purpose leaves at once: the others need not wait for its heartbeat to go stale. */
    @PreDestroy
    void leave() {
        try {
            jdbc.update("delete from ledger_node where node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not remove this node's heartbeat: {}", e.toString());
        }
    }
}
