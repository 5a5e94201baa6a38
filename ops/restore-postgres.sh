#!/bin/sh
# Restores a backup made by ops/backup-postgres.sh into a NEW database and a NEW (absent or empty) key directory,
# then start the application on them. Nothing existing is overwritten.
#
#   ops/restore-postgres.sh <backup-dir>
#
# Settings as for the backup: COALITION_DB_HOST, COALITION_DB_PORT, COALITION_DB_NAME (the new database; must not
# exist), COALITION_DB_OWNER_USER (becomes the owner of the restored schema; needs CREATEDB), COALITION_KEY_DIR (the
# new key directory), PG_BIN. The application's role (COALITION_DB_USER) must exist on the server; its grants are
# restored with the schema and renewed by the application's migrations at start.
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 <backup-dir>" >&2
    exit 2
fi
in=$1
host=${COALITION_DB_HOST:-127.0.0.1}
port=${COALITION_DB_PORT:-5432}
db=${COALITION_DB_NAME:?set COALITION_DB_NAME to the new database}
owner=${COALITION_DB_OWNER_USER:?set COALITION_DB_OWNER_USER to the schema owner}
keys=${COALITION_KEY_DIR:?set COALITION_KEY_DIR to the new key directory}
bin=${PG_BIN:+$PG_BIN/}

(cd "$in" && sha256sum --check --quiet SHA256SUMS)
if [ -e "$keys" ] && [ -n "$(ls -A "$keys")" ]; then
    echo "$keys is not empty: refusing to overwrite signing keys" >&2
    exit 1
fi

"${bin}createdb" --host="$host" --port="$port" --username="$owner" --no-password "$db"
"${bin}pg_restore" --host="$host" --port="$port" --username="$owner" --no-password --no-owner \
    --exit-on-error --single-transaction --dbname="$db" "$in/ledger.dump"
umask 077
mkdir -p "$keys"
tar -C "$keys" -xpf "$in/signing-keys.tar"
echo "restored $in into database $db and signing keys $keys"
