-- The verifiable log, version 2 (coalition-log): leaves bind their event's position and the time they were logged;
-- an index of each leaf's coalition for the views as recorded in the log; the chain of signing keys.

-- Leaves logged before keep version 1 and no log time; every new leaf is version 2.
alter table audit_leaf add column leaf_version smallint default 1 not null;
alter table audit_leaf add column logged_at timestamp(6) with time zone;
alter table audit_leaf add constraint audit_leaf_version check (leaf_version in (1, 2));
alter table audit_leaf add constraint audit_leaf_v2_has_log_time check (leaf_version = 1 or logged_at is not null);

-- One row per leaf: the coalition its event belongs to (null for none). Derived from the logged payload, so
-- verification checks it; the views as recorded in the log read a coalition's leaves through it.
create table audit_leaf_coalition (
    leaf_index bigint not null,
    coalition_id varchar(255),
    primary key (leaf_index)
);
create index audit_leaf_coalition_by_coalition on audit_leaf_coalition (coalition_id, leaf_index);

-- The signing keys, first to current. Each after the first is introduced by a note its predecessor signed.
create table audit_signing_key (
    key_index integer not null,
    verifier_key varchar(512) not null,
    valid_from bigint not null,
    introduction text,
    created_at timestamp(6) with time zone not null,
    primary key (key_index),
    constraint audit_signing_key_unique unique (verifier_key),
    constraint audit_signing_key_first check ((key_index = 0) = (introduction is null))
);
