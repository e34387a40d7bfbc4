#!/usr/bin/env bash
# Builds Datasets/eaeu-regions-2022: the regions of Russia, Kazakhstan and Kyrgyzstan in 2022 on
# indicators made comparable across the three countries. Russian researchers are read from Rosstat's
# nauka_2.xls (in ../ru-regions-2022/source/raw) with `smartspec import rosstat`; the other values come
# from the committed datasets ru-regions-2022 and kz-regions-2022 and from source/raw (Kyrgyzstan's SDG
# panel, the PPP conversion factors); source/build.py writes the files.
# Usage: bash source/build.sh [OUT] [SMARTSPEC]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
OUT=${1:-$(dirname "$HERE")}
BIN=${2:-}
if [ -z "$BIN" ]; then
    for candidate in "$ROOT/.build/release/smartspec" "$ROOT/.build/debug/smartspec"; do
        [ -x "$candidate" ] && { BIN=$candidate; break; }
    done
fi
[ -n "$BIN" ] || { echo "no smartspec binary: run swift build first" >&2; exit 1; }
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
"$BIN" import rosstat "$ROOT/Datasets/ru-regions-2022/source/raw/nauka_2.xls" --sheet 2 --year 2022 --indicator researchers \
    --column "исследователи" --out "$STAGE/ru" 2>"$STAGE/log" || { cat "$STAGE/log" >&2; exit 1; }
mkdir -p "$OUT"
python3 "$HERE/build.py" "$STAGE/ru" "$OUT" "$ROOT"
"$BIN" validate --dataset "$OUT" > /dev/null
echo "built $OUT"
