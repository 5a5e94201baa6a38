-- The administrative acts (streams whose id starts with 'admin:', see AdminStreams) in store order, a page at a
-- time: the column holds an event's global index when it is an administrative act and is null otherwise, so the
-- auditors' page of acts walks this index from its cursor and stops after the page instead of filtering the store.
-- Derived by the database itself; no one writes it.
alter table domain_event_entry add column administrative_index bigint
    generated always as (case when aggregate_identifier like 'admin:%' then global_index end) stored;
create index domain_event_entry_administrative on domain_event_entry (administrative_index)
    where administrative_index is not null;
