-- Per-coalition access paths: a coalition's events by global index (its event-history pages), and snapshots of
-- its fold at intervals of its leaves (its views as recorded at an instant and as of a checkpoint).

-- The coalition index also carries the leaf's global index, so a history page walks one coalition's entries in
-- store order and stops after the page. Verification checks it against the leaf. (Migrations run as the schema
-- owner, whom the append-only grants do not restrict.)
alter table audit_leaf_coalition add column global_index bigint;
update audit_leaf_coalition c set global_index = (select l.global_index from audit_leaf l
    where l.leaf_index = c.leaf_index);
create index audit_leaf_coalition_by_position on audit_leaf_coalition (coalition_id, global_index);

-- Derived data, rebuilt at will: the fold of one coalition's first coalition_leaves leaves, the last of which is
-- leaf_index. covers_until is the latest log time (record time for leaves without one) among them, so the snapshot
-- serves "as recorded at T" only for T at or after it. Verification re-folds each from the one before it.
create table coalition_fold_snapshot (
    coalition_id varchar(255) not null,
    leaf_index bigint not null,
    coalition_leaves bigint not null,
    covers_until timestamp(6) with time zone not null,
    state text not null,
    primary key (coalition_id, leaf_index)
);
