#!/usr/bin/env bash
# Writes Docs/cli-reference.md from the argument parser's own help texts.
# Usage: [OUT=file] bash Docs/generate-cli-reference.sh [path-to-smartspec]   (a test checks the file is current)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/smartspec}
commands=("" validate similar benchmark complexity niches backtest recommend scenarios micmac ahp mcda delphi score "import" "import eurostat" "import long" "import rosstat" generate "generate demo" "generate scale" doctor)
{
    echo "# smartspec command-line reference"
    echo
    echo "Generated from \`smartspec help\` by \`Docs/generate-cli-reference.sh\`; do not edit by hand."
    cat <<'CONVENTIONS'

## Conventions

Every command follows these rules (a test checks them on the binary: `Tests/CLITests/ConventionTests.swift`).

| option | one meaning everywhere |
|---|---|
| `--format table\|json\|csv` | the output style on standard output, and only that; `table` is an aligned table for people, never CSV |
| `--dataset DIR` | the dataset read (default: the bundled demo, `Datasets/demo`) |
| `STUDY` / `--study FILE` | a foresight command (`scenarios`, `micmac`, `ahp`, `mcda`, `delphi`, `score`) takes its study file as its argument; a command that can also use a study (`recommend`) takes it as `--study` |
| `--out DIR` | the folder a command writes files into (`recommend`, `import`, `generate`) |
| `--write-<table> FILE` | one more table written to a file (`--write-cells`, `--write-scores`) |
| `--force` | replace files smartspec did not write; a symbolic link, folder, device or FIFO at the target, or an input of the same run, is refused even then |
| `--region CODE`, `--all` | one region; every region of the dataset |
| `--top N`, `--seed S`, `--method M` | how many to list; seed of the random numbers; the method of the analysis |

An option with a fixed set of values lists them (`values: …`) and a wrong value's error names them.
A numeric option states its range (`range: …`); NaN, infinities and values out of range are refused
before anything runs. An error while a command runs is one sentence on standard error with exit
status 1; a parsing error also shows the command's usage. Tables and messages never carry control
characters to a terminal (they are shown as `\u{…}`); CSV cells that a spreadsheet would run as
formulas are neutralised.

### Renamed options (the old spelling still works in 0.2, hidden, with a warning)

| command | old | new |
|---|---|---|
| `recommend` | `--format html,md,…` (the file types) | `--file-types html,md,…` |
| `recommend` | `--foresight FILE` | `--study FILE` |
| `recommend` | `--no-foresight` | `--no-study` |
| `ahp` | `--force` (accept a consistency ratio above 0.1) | `--accept-inconsistent` |
| `mcda` | `--v X` | `--vikor-v X` |
| `complexity` | `--cells FILE` | `--write-cells FILE` |
| `similar` | `--export-scores FILE` | `--write-scores FILE` |
| `import eurostat`, `import long` | `--into DIR` | `--out DIR` |
| `import long` | `--metadata-file FILE` | `--metadata FILE` |
| `generate scale` | `--activities N` (a count; `--activities` is a flag of `import rosstat`) | `--activity-count N` |

Option values that were free text are now checked enums: `mcda --normalisation`, `ahp --random-index`,
`delphi --quantile-type`, `import --role`, `--direction`, `--transform`; `score --scenario-weights`
takes `equal`, `volume` or a list of non-negative numbers.
CONVENTIONS
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
