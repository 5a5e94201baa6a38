-- The verifiable log (coalition-web audit): one row per leaf, one per signed checkpoint. Append-only.

create table audit_leaf (
    leaf_index bigint not null,
    global_index bigint not null,
    event_id varchar(255) not null,
    leaf_hash binary(32) not null,
    primary key (leaf_index),
    constraint audit_leaf_global_index unique (global_index),
    constraint audit_leaf_event_id unique (event_id),
    constraint audit_leaf_index_not_negative check (leaf_index >= 0)
);

-- One checkpoint per tree size: the log never signs two roots for one size.
create table audit_checkpoint (
    tree_size bigint not null,
    root_hash binary(32) not null,
    note varchar(4000) not null,
    signed_at timestamp(6) with time zone not null,
    primary key (tree_size),
    constraint audit_checkpoint_size_not_negative check (tree_size >= 0)
);
