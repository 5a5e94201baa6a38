-- Idempotency keys of API writes: a repeat with the same key and the same request answers the stored response
-- (as 200); the same key with a different request is refused. Scoped per principal.
create table idempotency_key (
    principal    varchar(200)  not null,
    idem_key     varchar(255)  not null,
    request_hash varchar(64)   not null,
    location     varchar(2000),
    body         clob          not null,
    created_at   timestamp     not null,
    primary key (principal, idem_key)
);
