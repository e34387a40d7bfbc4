#!/usr/bin/env bash
# Builds SmartSpec's libFuzzer targets (coverage-instrumented, with AddressSanitizer) and runs each
# for a set time on its seed corpus. Crashes are written to Tests/Fuzz/crashes/ as reproducers.
# Usage: bash Tests/Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]     (default 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("${@:-FuzzDataset FuzzStudy FuzzScenarioWizard FuzzEurostat FuzzImport FuzzWorkbook}")
read -r -a TARGETS <<< "${TARGETS[*]}"
# Every module is instrumented for libFuzzer (inline 8-bit counters, comparison tracing) and
# AddressSanitizer; libFuzzer is linked without its own main: the target's entry point hands the
# process to it through LLVMFuzzerRunDriver (Sources/FuzzDriver).
SWIFT_LIB=$(dirname "$(dirname "$(readlink -f "$(command -v swiftc)")")")/lib
FUZZLIB=$(ls "$SWIFT_LIB"/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a "$SWIFT_LIB"/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
swift build -c release --scratch-path ../../.build-fuzz \
    -Xswiftc -sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=fuzzer-no-link,address -Xlinker "$FUZZLIB" -Xlinker -lstdc++ >/dev/null
BIN=../../.build-fuzz/release
# Workbooks are parsed by smartspec-workbook in a process of its own: the fuzz target drives it
# (built without instrumentation) with a short time limit.
(cd ../.. && swift build -c release --product smartspec-workbook >/dev/null)
export SMARTSPEC_WORKBOOK_READER=$(cd ../.. && swift build -c release --show-bin-path)/smartspec-workbook SMARTSPEC_WORKBOOK_SECONDS=2
mkdir -p crashes
for target in "${TARGETS[@]}"; do
    seeds="corpus/$target"
    work=$(mktemp -d)
    cp -r "$seeds"/. "$work"/ 2>/dev/null || true
    echo "== $target: $SECONDS_PER_TARGET s"
    ASAN_OPTIONS=detect_leaks=0 "$BIN/$target" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="crashes/$target-" -print_final_stats=1 "$work" "$seeds" 2>&1 \
        | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
    rm -rf "$work"
done
ls crashes | grep -q . && { echo "crash reproducers in Tests/Fuzz/crashes:"; ls crashes; exit 1; } || echo "no crash"
