#!/bin/sh
# Backs up the embedded (H2) Coalition Ledger: a copy of its whole data directory, taken while the application is
# STOPPED (H2 keeps the database file open and locked while it runs). The directory holds the database, the signing
# keys (audit/) and the generated bootstrap tokens, so one archive has everything a restore needs.
#
#   ops/backup-h2.sh <data-dir> <backup-file.tar>
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 <data-dir> <backup-file.tar>" >&2
    exit 2
fi
data=$1
out=$2
if [ ! -f "$data/coalition-ledger.mv.db" ]; then
    echo "no ledger database in $data" >&2
    exit 1
fi
if [ -e "$out" ]; then
    echo "$out exists: refusing to overwrite a backup" >&2
    exit 1
fi
umask 077
tar -C "$data" -cpf "$out" .
(cd "$(dirname "$out")" && sha256sum "$(basename "$out")" > "$(basename "$out").sha256")
echo "backed up $data to $out"
