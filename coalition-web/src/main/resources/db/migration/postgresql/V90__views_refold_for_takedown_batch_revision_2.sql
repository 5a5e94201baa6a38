-- TakedownBatchRecordedEvent revision 2 names its reporter as one value. The coalition views keep their fold's state
-- between batches as JSON holding such events, a cache in the old shape that the new code cannot read: drop it, with
-- the views processor's position and parked letters, so the views are folded again from the event store (where old
-- events are upcast on every read) when the application starts. Nothing else is touched; on a new ledger all three
-- are empty.
delete from coalition_view_state;
delete from token_entry where processor_name = 'coalition-views';
delete from dead_letter_entry where processing_group = 'coalition-views';
