-- A coalition's snapshots by the time they cover: "as recorded at T" finds the latest snapshot covering no later than T
-- in one index probe, however many snapshots were taken after T (covers_until never decreases with leaf_index, so
-- the latest by time is the latest by leaf).
create index coalition_fold_snapshot_by_time on coalition_fold_snapshot (coalition_id, covers_until, leaf_index);
