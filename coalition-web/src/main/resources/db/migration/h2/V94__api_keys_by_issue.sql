-- The API keys are listed newest first, a page at a time: this index is that order, so a page costs its own rows.
create index api_key_by_issue on api_key (issued_at, key_id);
