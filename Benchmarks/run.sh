#!/usr/bin/env bash
# Runs SmartSpec's release-build benchmarks and their Python peers on this machine, in one run,
# and prints the figures side by side with the ratio (peer time / SmartSpec time).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product smartspec-benchmarks >/dev/null
swift build -c release --product smartspec >/dev/null
BIN=$(swift build -c release --show-bin-path)

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

echo "== Linear algebra: SmartSpec + system LAPACK/BLAS vs numpy, as installed"
"$BIN/smartspec" doctor 2>/dev/null | sed -n 2,5p
compare linear-algebra Benchmarks/python/linear_algebra.py
if [ -n "$suggested" ] && [ -z "${OPENBLAS_CORETYPE:-}" ]; then
    echo "== Linear algebra with OPENBLAS_CORETYPE=$suggested for SmartSpec (numpy unchanged)"
    compare linear-algebra Benchmarks/python/linear_algebra.py "$suggested"
fi
