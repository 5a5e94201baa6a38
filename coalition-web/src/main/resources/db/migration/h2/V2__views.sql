-- The coalition views' state (H2): per coalition, the shared fold's snapshot as JSON text. Rebuilt from the event
-- store by a reset of processor "coalition-views", never edited by hand.

create table coalition_view_state (
    coalition_id varchar(255) not null,
    -- Hibernate's long-text type (Length.LONG32) is a character large object on H2, text on PostgreSQL.
    state character large object not null,
    events_folded bigint not null,
    version bigint not null,
    primary key (coalition_id)
);
