-- A fold snapshot no longer stores the coalition's whole state as one document (every record, at every snapshot:
-- storage grew with the square of a coalition's events). The snapshot row keeps the fold without its records
-- (founding, memberships, goals) and its head; each record's state is stored at the first snapshot that holds it
-- and again at each snapshot where it changed, with its place in fold order; each restatement once, with the
-- snapshot that first holds it. A snapshot's whole state is its row, each record's latest version at or before it
-- and the restatements at or before it. Derived data, checked by verification: the snapshots written before are
-- deleted here and written again, in the new form, by the background job from the log.
delete from coalition_fold_snapshot;
drop table coalition_fold_record;
alter table coalition_fold_snapshot alter column state set not null;

create table coalition_fold_record_version (
    coalition_id varchar(255) not null,
    record_id varchar(255) not null,
    leaf_index bigint not null,
    ordinal integer not null,
    state character large object not null,
    primary key (coalition_id, record_id, leaf_index)
);
-- A whole state reads the versions in fold order; verification reads those stored between two snapshots.
create index coalition_fold_record_version_in_order on coalition_fold_record_version (coalition_id, ordinal,
    leaf_index);
create index coalition_fold_record_version_by_leaf on coalition_fold_record_version (coalition_id, leaf_index);

create table coalition_fold_restatement (
    coalition_id varchar(255) not null,
    ordinal integer not null,
    leaf_index bigint not null,
    restatement character large object not null,
    primary key (coalition_id, ordinal)
);
create index coalition_fold_restatement_by_leaf on coalition_fold_restatement (coalition_id, leaf_index);
