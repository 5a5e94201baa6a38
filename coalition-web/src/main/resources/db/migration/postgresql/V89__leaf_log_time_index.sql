-- The first leaf logged after an instant, in one probe: a view as recorded at that instant reads the coalition's
-- leaves below it through the coalition index instead of filtering all of the coalition's later leaves.
create index audit_leaf_by_log_time on audit_leaf (logged_at, leaf_index);
