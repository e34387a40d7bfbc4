#!/usr/bin/env bash
# Writes Docs/cli-reference.md from the argument parser's own help texts.
# Usage: [OUT=file] bash Docs/generate-cli-reference.sh [path-to-smartspec]   (a test checks the file is current)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/smartspec}
commands=("" validate similar benchmark complexity niches recommend scenarios micmac ahp mcda delphi score "import" "import eurostat" "import long" generate "generate demo" "generate scale" doctor)
{
    echo "# smartspec command-line reference"
    echo
    echo "Generated from \`smartspec help\` by \`Docs/generate-cli-reference.sh\`; do not edit by hand."
    for c in "${commands[@]}"; do
        echo
        echo "## smartspec${c:+ $c}"
        echo
        echo '```'
        # shellcheck disable=SC2086
        COLUMNS=100 "$BIN" help $c
        echo '```'
    done
} > "${OUT:-Docs/cli-reference.md}"
