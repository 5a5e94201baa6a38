-- How many committed batches of processor "coalition-views" have changed a coalition's rows in this generation. A
-- live view computed from the rows stays valid while the count is the same, so a node answers repeated reads of an
-- unchanged coalition from memory after one indexed read of this row, on every node of a shared database.
alter table coalition_view_founding add column change_count bigint default 0 not null;
