-- Each fold snapshot's head: the fold without its records, and the year-over-year table its records make on each
-- basis, a row per year. The views as recorded at an instant and as of a checkpoint continue from the head, not from
-- the whole state, when the coalition's facts after the snapshot only add records. Null in snapshots written before
-- heads were (those serve from their whole state). Derived data: verification re-folds and compares it. By default
-- heads are stored ten times as often as whole states, so most snapshots hold a head alone (state null).
alter table coalition_fold_snapshot alter column state set null;
alter table coalition_fold_snapshot add column head character large object;

-- The records the snapshots' folds hold, each with the first snapshot that holds it: a fold continued from a head
-- asks here whether a record it folds was already among the head's records. Derived data, checked by verification.
create table coalition_fold_record (
    coalition_id varchar(255) not null,
    record_id varchar(255) not null,
    leaf_index bigint not null,
    primary key (coalition_id, record_id)
);
