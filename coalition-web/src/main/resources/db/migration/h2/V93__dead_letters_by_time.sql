-- Dead letters by the time they were parked, so that the administrators' list of the oldest letters reads the letters
-- it shows, however many are parked (an event a view fails on parks every later event of its coalition).
create index dead_letter_entry_by_time on dead_letter_entry (enqueued_at, sequence_identifier, sequence_index);
