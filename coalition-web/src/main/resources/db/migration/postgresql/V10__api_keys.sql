-- Named API keys. Written in the same transaction as the ApiKeyIssuedEvent / ApiKeyRevokedEvent that record them
-- (not a projection: a replay never touches it). Only the SHA-256 of a key's secret is kept, never the secret.
create table api_key (
    key_id            varchar(16)              not null primary key,
    subject           varchar(200)             not null,
    display_name      varchar(200),
    role              varchar(16)              not null,
    secret_hash       varchar(64)              not null,
    issued_at         timestamp with time zone not null,
    issued_by         varchar(200)             not null,
    expires_at        timestamp with time zone not null,
    revoked_at        timestamp with time zone,
    revoked_by        varchar(200),
    revocation_reason varchar(1000)
);
