#!/bin/sh
# Backs up a Coalition Ledger on PostgreSQL: the database (pg_dump, one consistent snapshot, taken while the
# application runs) and then the signing keys (the key directory, owner-only files kept owner-only). Both are needed:
# a ledger with checkpoints and no signing key refuses to start.
#
#   ops/backup-postgres.sh <backup-dir>
#
# Settings (the application's own names): COALITION_DB_HOST (127.0.0.1), COALITION_DB_PORT (5432),
# COALITION_DB_NAME (coalition), COALITION_DB_OWNER_USER (required: the schema owner, who can read every table; its
# password from PGPASSWORD or ~/.pgpass), COALITION_KEY_DIR (./data/audit: the directory of
# coalition.audit.key-file). PG_BIN, if set, is where pg_dump lives.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 <backup-dir>" >&2
    exit 2
fi
out=$1
host=${COALITION_DB_HOST:-127.0.0.1}
port=${COALITION_DB_PORT:-5432}
db=${COALITION_DB_NAME:-coalition}
owner=${COALITION_DB_OWNER_USER:?set COALITION_DB_OWNER_USER to the schema owner}
keys=${COALITION_KEY_DIR:-./data/audit}
bin=${PG_BIN:+$PG_BIN/}

if [ ! -d "$keys" ]; then
    echo "no signing key directory at $keys (set COALITION_KEY_DIR)" >&2
    exit 1
fi
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "$out is not empty: refusing to mix backups" >&2
    exit 1
fi
mkdir -p "$out"
umask 077

"${bin}pg_dump" --host="$host" --port="$port" --username="$owner" --format=custom --no-password \
    --file="$out/ledger.dump" "$db"
# The keys after the database: a key rotated in between is then in the backup too (a key the database does not
# name yet is harmless; a key it names and the backup lacks is not).
tar -C "$keys" -cpf "$out/signing-keys.tar" .
(cd "$out" && sha256sum ledger.dump signing-keys.tar > SHA256SUMS)
echo "backed up database $db and signing keys $keys to $out"
