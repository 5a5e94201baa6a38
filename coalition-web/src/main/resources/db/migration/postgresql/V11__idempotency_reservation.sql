-- An Idempotency-Key is reserved (status IN_FLIGHT, no response yet) before its command runs, and completed with
-- the response afterwards: the primary key makes the reservation atomic, so two requests with one key never both run.
alter table idempotency_key add column status varchar(16) default 'COMPLETED' not null;
alter table idempotency_key alter column body drop not null;
