-- The application nodes working on this database. Each node writes its row every few seconds (its heartbeat); the
-- nodes whose row is fresh share the event processors' segments between them (query.nodes.LiveNodes). A node's row
-- goes stale when it dies; rows stale for a day are removed by the live nodes.
create table ledger_node (
    node_id    varchar(255)                not null,
    started_at timestamp(6) with time zone not null,
    last_seen  timestamp(6) with time zone not null,
    primary key (node_id)
);
