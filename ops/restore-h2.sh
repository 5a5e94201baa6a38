#!/bin/sh
# Restores a backup made by ops/backup-h2.sh into a NEW (absent or empty) data directory; start the application with
# --coalition.data-dir=<data-dir>.
#
#   ops/restore-h2.sh <backup-file.tar> <data-dir>
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 <backup-file.tar> <data-dir>" >&2
    exit 2
fi
in=$1
data=$2
(cd "$(dirname "$in")" && sha256sum --check --quiet "$(basename "$in").sha256")
if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then
    echo "$data is not empty: refusing to overwrite a ledger" >&2
    exit 1
fi
umask 077
mkdir -p "$data"
tar -C "$data" -xpf "$in"
echo "restored $in into $data"
