#!/usr/bin/env bash
# Runs SmartSpec's release-build benchmarks and their Python peers on this machine, in one run,
# and prints the figures side by side with the ratio (peer time / SmartSpec time).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product smartspec-benchmarks >/dev/null
swift build -c release --product smartspec >/dev/null
swift build -c release --product smartspec-workbook >/dev/null
BIN=$(swift build -c release --show-bin-path)
# `run.sh` runs every suite; `run.sh complexity cib` only those named.
want() { [ -z "${SUITES:-}" ] || [[ " $SUITES " == *" $1 "* ]]; }
SUITES="$*"

# compare SUITE PEER_SCRIPT [OPENBLAS_CORETYPE for SmartSpec]
compare() {
    local ours peer
    ours=$(mktemp); peer=$(mktemp)
    if [ -n "${3:-}" ]; then
        OPENBLAS_CORETYPE="$3" "$BIN/smartspec-benchmarks" "$1" > "$ours"
    else
        "$BIN/smartspec-benchmarks" "$1" > "$ours"
    fi
    python3 "$2" > "$peer"
    printf '%-22s %12s %12s %8s\n' case "smartspec_s" "peer_s" ratio
    join -t $'\t' <(sort "$ours") <(sort "$peer") | while IFS=$'\t' read -r name a b; do
        awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN { printf "%-22s %12.4f %12.4f %8.2f\n", n, a, b, (a > 0 ? b / a : 0) }'
    done
    rm -f "$ours" "$peer"
}

# Debian's OpenBLAS 0.3.21 falls back to generic Prescott kernels on processors it does not know
# (numpy's newer OpenBLAS does not). Where `smartspec doctor` suggests a core type and none is
# set, the linear-algebra suite runs once as installed and once with the suggested kernels.
suggested=$("$BIN/smartspec" doctor --format json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin).get("suggestedCoreType") or "")')

if want linear-algebra; then
echo "== Linear algebra: SmartSpec + system LAPACK/BLAS vs numpy, as installed"
"$BIN/smartspec" doctor 2>/dev/null | sed -n 2,5p
compare linear-algebra Benchmarks/python/linear_algebra.py
if [ -n "$suggested" ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    echo "== Linear algebra with OPENBLAS_CORETYPE=$suggested for SmartSpec (numpy unchanged)"
    compare linear-algebra Benchmarks/python/linear_algebra.py "$suggested"
fi
fi

# Reference regions: `similar --all --top 20` on synthetic regions × 40 indicators in 7 dimensions,
# against scikit-learn NearestNeighbors(algorithm="brute", n_jobs=2) on the same final score matrix.
DATA=${SMARTSPEC_BENCH_DATA:-/tmp/smartspec-bench}
mkdir -p "$DATA"
if want similarity; then
for n in 2000 20000 100000; do
    [ -f "$DATA/s$n/indicators.csv" ] || "$BIN/smartspec" generate scale --regions "$n" --out "$DATA/s$n" 2>/dev/null
done
similarity_suite() {  # $1 = OPENBLAS_CORETYPE or empty
    local prefix=()
    [ -n "${1:-}" ] && prefix=(env "OPENBLAS_CORETYPE=$1")
    printf '%-24s %12s %12s %10s\n' case "whole_s" "max_rss_MB" ""
    for n in 2000 20000 100000; do
        /usr/bin/time -f "%e %M" -o "$DATA/time$n" "${prefix[@]}" "$BIN/smartspec" similar --dataset "$DATA/s$n" --all --top 20 \
            --format csv --write-scores "$DATA/scores$n.csv" --force > "$DATA/out$n.csv"
        read -r seconds rss < "$DATA/time$n"
        printf '%-24s %12s %12d\n' "similar_all_$n" "$seconds" "$((rss / 1024))"
    done
    ours=$(mktemp); peer=$(mktemp)
    SMARTSPEC_BENCH_DATA="$DATA" "${prefix[@]}" "$BIN/smartspec-benchmarks" similarity | grep search > "$ours"
    python3 Benchmarks/python/similarity.py "$DATA" | cut -f1,2 > "$peer"
    printf '%-24s %12s %12s %8s\n' "search only" "smartspec_s" "sklearn_s" ratio
    join -t $'\t' <(sort "$ours") <(sort "$peer") | while IFS=$'\t' read -r name a b; do
        awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN { printf "%-24s %12.4f %12.4f %8.2f\n", n, a, b, (a > 0 ? b / a : 0) }'
    done
    rm -f "$ours" "$peer"
}
echo "== Reference regions (similar --all --top 20), as installed"
similarity_suite ""
if [ -n "$suggested" ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    echo "== Reference regions with OPENBLAS_CORETYPE=$suggested"
    similarity_suite "$suggested"
fi
fi

# Cross-impact balance: ScenarioWizard files and seeded random matrices; the 12 × 3 case against a
# vectorised numpy brute force on the same matrix.
if want cib; then
echo "== Cross-impact balance (search only, best of 5; count = scenarios found)"
ours=$(mktemp)
SMARTSPEC_BENCH_DATA="$DATA" SMARTSPEC_SHARED="${SMARTSPEC_SHARED:-../shared/data}" "$BIN/smartspec-benchmarks" cib > "$ours"
cat "$ours"
peer=$(python3 Benchmarks/python/cib_bruteforce.py "$DATA")
echo "numpy brute force: $peer"
awk -F'\t' -v p="$(echo "$peer" | cut -f2)" '$1 == "cib_random_12x3" { printf "ratio numpy / smartspec on 12 x 3: %.0f\n", p / $2 }' "$ours"
rm -f "$ours"
for f in bench_50x50 CIB_nested; do
    [ -f "../shared/data/cib/$f.scw" ] && /usr/bin/time -f "whole process $f: %e s" "$BIN/smartspec" scenarios "../shared/data/cib/$f.scw" --format json > /dev/null
done
fi

# Foresight under uncertainty: 1,000 judgement-uncertainty samples of bench_50x50 (U = 1; target
# under 10 s whole process; no brute-force peer can enumerate its 4^50 scenarios), a 20-member
# ensemble of perturbed CIB_nested copies (target under 1 s), and per-sample time against a numpy
# brute force on the seeded 12 × 3 matrix with the same perturbation (20 samples each).
if want foresight; then
echo "== Foresight under uncertainty (whole process)"
mkdir -p "$DATA"
[ -f "$DATA/cib_12x3.csv" ] || SMARTSPEC_BENCH_DATA="$DATA" SMARTSPEC_SHARED="${SMARTSPEC_SHARED:-../shared/data}" "$BIN/smartspec-benchmarks" cib > /dev/null
if [ -f ../shared/data/cib/bench_50x50.scw ]; then
    /usr/bin/time -f "uncertainty, bench_50x50, U = 1, 1000 samples: %e s, peak %M KB" "$BIN/smartspec" scenarios ../shared/data/cib/bench_50x50.scw \
        --uncertainty 1 --samples 1000 --seed 1 --format csv > /dev/null
    python3 Benchmarks/python/cib_uncertainty.py members ../shared/data/cib/CIB_nested.scw "$DATA/ensemble" 20 1
    /usr/bin/time -f "ensemble, 20 perturbed CIB_nested members: %e s, peak %M KB" "$BIN/smartspec" scenarios \
        --ensemble "$DATA"/ensemble/member-*.scw --format csv > /dev/null 2>"$DATA/ensemble.err" || cat "$DATA/ensemble.err"
    grep "ensemble, 20" "$DATA/ensemble.err" || true
fi
python3 - "$DATA/cib_12x3.csv" "$DATA/cib_12x3.scw" <<'PY'
import sys
rows = [l.strip() for l in open(sys.argv[1]) if l.strip()]
out = ["$ ScenarioWizard 4.0", "cib_12x3.scw"]
for d in range(12):
    out.append(f"&D{d + 1}")
    out += [f" -V{d + 1}_{v + 1}" for v in range(3)]
out += ["#", "seeded 12 x 3 benchmark matrix", "#", "#", "#"] + rows + ["#"]
open(sys.argv[2], "w").write("\r\n".join(out) + "\r\n")
PY
/usr/bin/time -f "%e" -o "$DATA/time" "$BIN/smartspec" scenarios "$DATA/cib_12x3.scw" --uncertainty 1 --samples 20 --seed 1 --format csv > /dev/null
ours=$(cat "$DATA/time")
peer=$(python3 Benchmarks/python/cib_uncertainty.py peer "$DATA" 20 1 1)
echo "uncertainty, 12 x 3, U = 1, 20 samples: smartspec $ours s (whole process); numpy brute force $(echo "$peer" | cut -f2) s"
echo "$peer" | awk -F'\t' -v a="$ours" '{ printf "ratio numpy / smartspec: %.0f\n", $2 / a }'
fi

# Sharded runs (Docs/cluster.md): `similar --all --top 20` on 100,000 synthetic regions, one run
# against 4 shards run one after the other (the sum of their wall times: the cluster's cost) and
# their merge (target: shards at most 1.5 x the single run, merge under 2 s); outputs compared.
# The machine's speed drifts, so the single run and the 4 shards alternate for SHARD_ROUNDS rounds
# (default 5) and the ratio is taken round by round; the medians are the figures to quote.
if want shards; then
echo "== Sharded similar --all (100,000 regions, 4 shards, whole processes)"
mkdir -p "$DATA"
[ -d "$DATA/s100000" ] || "$BIN/smartspec" generate scale --regions 100000 --out "$DATA/s100000" --force > /dev/null
rm -rf "$DATA/shards"; mkdir -p "$DATA/shards"
rounds=()
for round in $(seq 1 "${SHARD_ROUNDS:-5}"); do
    /usr/bin/time -f "%e %M" -o "$DATA/time" "$BIN/smartspec" similar --all --dataset "$DATA/s100000" --top 20 --format csv > "$DATA/shards/single.csv"
    read -r single kb < "$DATA/time"
    sum=0; each=""
    for i in 0 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$DATA/time" "$BIN/smartspec" similar --all --dataset "$DATA/s100000" --top 20 --format csv --shard "$i/4" --out "$DATA/shards/part-$i" --force
        read -r seconds kb_i < "$DATA/time"
        each="$each $seconds"
        sum=$(python3 -c "print(round($sum + $seconds, 2))")
    done
    /usr/bin/time -f "%e %M" -o "$DATA/time" "$BIN/smartspec" merge "$DATA"/shards/part-{0,1,2,3} --out "$DATA/shards/merged.csv" --force 2>/dev/null
    read -r merge kb_m < "$DATA/time"
    cmp -s "$DATA/shards/merged.csv" "$DATA/shards/single.csv" && same="identical" || same="DIFFERENT"
    echo "round $round: single $single s (peak $((kb / 1024)) MB); shards$each s = $sum s (peak $((kb_i / 1024)) MB); ratio $(python3 -c "print(f'{$sum / $single:.2f}')"); merge $merge s (peak $((kb_m / 1024)) MB); merged output $same"
    rounds+=("$single $sum $merge")
done
printf '%s\n' "${rounds[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
ratios = [shards / single for single, shards, _ in rows]
print(f"medians over {len(rows)} rounds: single {statistics.median(r[0] for r in rows):.2f} s, shards {statistics.median(r[1] for r in rows):.2f} s, "
      f"shards / single {statistics.median(ratios):.2f} (rounds {min(ratios):.2f}-{max(ratios):.2f}), merge {statistics.median(r[2] for r in rows):.2f} s")'
fi

# Complexity: the whole `smartspec complexity --write-cells` process (load, RCA, proximity, density, ECI/PCI,
# COI, COG, every cell written) against the whole py-ecomplexity process doing the same, best of 3;
# and a synthetic 3,000 regions x 5,000 activities table (whole process, peak memory).
best_of_3() {  # prints the best wall time of the command, and its peak RSS in MB
    local best="" rss=0 t m
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$DATA/time" "$@" > /dev/null
        read -r t m < "$DATA/time"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; rss=$m; fi
    done
    echo "$best $((rss / 1024))"
}
if want complexity; then
echo "== Complexity (whole processes, best of 3)"
WT=../shared/data/world-trade-1998-2000
if [ -f "$WT/activities.csv" ]; then
    read -r ours ours_mb < <(best_of_3 "$BIN/smartspec" complexity --dataset "$WT" --format json --write-cells "$DATA/cells.csv" --force)
    read -r peer peer_mb < <(best_of_3 python3 Benchmarks/python/complexity.py "$WT/activities.csv" "$DATA/ecomplexity.csv")
    printf '%-28s %10s %10s %8s\n' case smartspec_s ecomplexity_s ratio
    awk -v a="$ours" -v b="$peer" 'BEGIN { printf "%-28s %10.3f %10.3f %8.1f\n", "world_trade_226x785", a, b, b / a }'
    echo "peak memory: smartspec ${ours_mb} MB, ecomplexity ${peer_mb} MB"
fi
[ -f "$DATA/c3000x5000/activities.csv" ] || "$BIN/smartspec" generate scale --regions 3000 --indicators 10 --activity-count 5000 --out "$DATA/c3000x5000" > /dev/null
/usr/bin/time -f "synthetic 3000 x 5000: %e s, peak %M KB" "$BIN/smartspec" complexity --dataset "$DATA/c3000x5000" --format json > /dev/null
fi

# Recommendation sheets: `recommend --all` for the 90-region demo (HTML, Markdown, JSON, CSV), whole process.
if want sheets; then
echo "== Recommendation sheets (whole process, best of 3)"
read -r seconds mb < <(best_of_3 "$BIN/smartspec" recommend --dataset Datasets/demo --all --out "$DATA/sheets" --force)
echo "recommend --all, demo (90 regions, 4 formats): $seconds s, peak $mb MB"
fi

# Backtest: the EU panel (153 NUTS-2 regions × 68 NACE divisions, 2008 → 2015) with 500 bootstrap
# draws, whole process (target: under 5 s on 2 cores).
if want backtest; then
echo "== Backtest (whole process, best of 3)"
read -r seconds mb < <(best_of_3 "$BIN/smartspec" backtest --dataset Datasets/eu-nuts2-sbs-2008-2015 --base-year 2008 --target-year 2015 --bootstrap 500 --format json)
echo "backtest, EU panel, 500 draws: $seconds s, peak $mb MB"
fi

# The union view over the 284 EU NUTS-2 regions (a sheet each, domains, partnerships), whole process
# (target: under 15 s on 2 cores).
if want union; then
echo "== Union view (whole process, best of 3)"
read -r seconds mb < <(best_of_3 "$BIN/smartspec" union --dataset Datasets/eu-nuts2-2014 --out "$DATA/union-eu" --force)
echo "union, EU NUTS-2 (284 regions): $seconds s, peak $mb MB"
fi

# Backtest at scale: a synthetic 3,000 regions × 5,000 activities panel of two years (15 million
# cells, 560 MB of CSV; `generate scale --years 2`), 500 bootstrap draws, one run (target: under
# 60 s on 2 cores). Named only: `bash Benchmarks/run.sh backtest-scale`.
if [[ " $SUITES " == *" backtest-scale "* ]]; then
echo "== Backtest at scale (whole process, one run)"
"$BIN/smartspec" generate scale --regions 3000 --activity-count 5000 --years 2 --out "$DATA/panel-3000x5000" --force >/dev/null
/usr/bin/time -f "%e %M" -o "$DATA/time" "$BIN/smartspec" backtest --dataset "$DATA/panel-3000x5000" --base-year 2001 --target-year 2002 --format json >/dev/null
read -r seconds kb < "$DATA/time"
echo "backtest, 3000 × 5000 synthetic panel, 500 draws: $seconds s, peak $((kb / 1024)) MB"
fi
