-- The change (the coalition's change_count after the batch that wrote it) at which each record, stint and goal row
-- was last written, and at which each record row was first written. A node holding a coalition's live views as of
-- change H reads only the rows changed after H: when they are all records first written after H, it adds them to the
-- year rows it holds instead of reading every record of the coalition. Rows written before this column existed are
-- null: never "after H", and a record corrected later counts as an earlier one.
alter table coalition_view_record add column change_no bigint;
alter table coalition_view_record add column first_change_no bigint;
alter table coalition_view_stint add column change_no bigint;
alter table coalition_view_goal add column change_no bigint;
create index coalition_view_record_by_change on coalition_view_record (generation, coalition_id, change_no);
