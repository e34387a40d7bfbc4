#!/usr/bin/env bash
# Builds Datasets/ru-regions-2022 from Rosstat's workbooks in source/raw: every value is read with
# `smartspec import rosstat` into a staging folder, then source/derive.py computes the shares and
# ratios and writes the dataset's files. Usage: bash source/build.sh [OUT] [SMARTSPEC]
# (default OUT: this dataset's folder; SMARTSPEC: .build/release/smartspec, then .build/debug/smartspec).
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
RAW=$HERE/raw
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
take() {  # workbook sheet year id [more options]
    local book=$1 sheet=$2 year=$3 id=$4; shift 4
    "$BIN" import rosstat "$RAW/$book" --sheet "$sheet" --year "$year" --indicator "$id" --out "$STAGE/values" "$@" 2>"$STAGE/log" || { cat "$STAGE/log" >&2; exit 1; }
}
take VRP_s1998.xlsx 2 2022 grp
take VRP_s1998.xlsx 4 2022 grp_per_capita
take innovations_1.xls 1 2022 innovation_activity
take nauka_2.xls 2 2022 rd_personnel --column "персонала – всего"
take nauka_2.xls 2 2022 researchers --column "исследователи"
take nauka_3.xls 4 2022 researchers_with_degree --column "Всего"
take innov_3_2024.xls 1 2022 shipments --column "/ всего"
take innov_3_2024.xls 1 2022 innovative_shipments --column "инновацион"
for year in 2017 2022; do
    "$BIN" import rosstat "$RAW/Nal_of_pus_reg-2024.xlsx" --sheet 2 --year $year --activities --out "$STAGE/activities" 2>"$STAGE/log" || { cat "$STAGE/log" >&2; exit 1; }
done
python3 "$HERE/derive.py" "$STAGE" "$OUT"
python3 "$HERE/organisations.py" "$OUT" "$ROOT/Sources/SmartSpec/Registry/Data"
"$BIN" validate --dataset "$OUT" > /dev/null
echo "built $OUT"
