-- The coalition views' state, one row per thing an event changes: the founding, each membership stint, each goal,
-- each figure record, each restatement. An event rewrites only its own rows, never a whole-coalition document.
-- Every row belongs to a generation: queries read the published one while a rebuild fills the next, and the
-- rebuild switches over once it has caught up. The state columns hold the shared fold's snapshot parts as JSON
-- (a few hundred bytes each: plain varchar on H2, so no large-object storage for them).
-- All of it is derived from the event store by processor "coalition-views"; never edit it by hand.

create table coalition_view_generation (
    processor_name varchar(255) not null,
    published bigint not null,
    -- The generation a rebuild is filling; null when none is under way.
    building bigint,
    -- The event store's head (global index) when the rebuild started, for its progress.
    rebuild_head bigint,
    primary key (processor_name)
);

create table coalition_view_founding (
    generation bigint not null,
    coalition_id varchar(255) not null,
    state character varying(1000000) not null,
    primary key (generation, coalition_id)
);

create table coalition_view_stint (
    generation bigint not null,
    coalition_id varchar(255) not null,
    member_id varchar(255) not null,
    -- The member's stints in order: 0 for the first join, 1 after leaving and joining again, ...
    stint_no integer not null,
    -- Global index of the join: the fold order of stints across members.
    position bigint not null,
    state character varying(1000000) not null,
    primary key (generation, coalition_id, member_id, stint_no)
);

create table coalition_view_goal (
    generation bigint not null,
    coalition_id varchar(255) not null,
    goal_id varchar(255) not null,
    position bigint not null,
    state character varying(1000000) not null,
    primary key (generation, coalition_id, goal_id)
);

create table coalition_view_record (
    generation bigint not null,
    coalition_id varchar(255) not null,
    record_id varchar(255) not null,
    kind varchar(32) not null,
    business_date date not null,
    position bigint not null,
    state character varying(1000000) not null,
    primary key (generation, coalition_id, record_id)
);

-- Append only: one row per correction or retraction, by the global index of its event (the trail's order).
create table coalition_view_restatement (
    generation bigint not null,
    coalition_id varchar(255) not null,
    position bigint not null,
    state character varying(1000000) not null,
    primary key (generation, coalition_id, position)
);

insert into coalition_view_generation (processor_name, published) values ('coalition-views', 1);

-- The whole-coalition documents are replaced by the rows above: the processor starts again from the first event
-- (a missing token starts at the tail), filling generation 1 once after the upgrade.
drop table coalition_view_state;
delete from token_entry where processor_name = 'coalition-views';
-- Parked events are replayed with the rest; their old sequences (one per coalition) are no longer used.
delete from dead_letter_entry where processing_group = 'coalition-views';
