"""Cross-check of SmartSpec's TOPSIS and AHP against pymcdm and ahpy on seeded random cases.

Usage: python3 mcda.py SMARTSPEC_BINARY [--cases N]

Each case is written as a study file (Docs/study-file.md) with one expert's ratings as the decision
matrix, then `smartspec mcda --method topsis` (both normalisations) and `smartspec ahp` are run and
compared with pymcdm's TOPSIS (same normalisation function) and ahpy's Compare (random index
'saaty' = Saaty 2005, which SmartSpec offers as --random-index saaty2005). Tolerances: TOPSIS 1e-9;
AHP weights 1e-6 and CR 1e-6 (ahpy iterates its eigenvector to a tolerance; values rounded to 10).
Prints a summary; exits 1 on any mismatch.
"""
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import ahpy
from pymcdm import normalizations
from pymcdm.methods import TOPSIS


def study_yaml(values, weights, types, ahp=None):
    m, n = len(values), len(weights)
    lines = ["study: {name: crosscheck}", "priorities:"]
    lines += [f"  - {{id: p{i}}}" for i in range(m)]
    lines += ["criteria:", "  items:"]
    for j in range(n):
        weight = "" if ahp else f", weight: {weights[j]!r}"
        lines.append(f"    - {{id: c{j}, type: {types[j]}{weight}}}")
    if ahp:
        lines.append("  ahp:")
        lines += ["    - [" + ", ".join(repr(float(x)) for x in row) + "]" for row in ahp]
    lines += ["delphi:", "  scale: [0, 100]", "  ratings:"]
    for i in range(m):
        for j in range(n):
            lines.append(f"    - {{expert: e, round: 1, priority: p{i}, criterion: c{j}, value: {values[i][j]!r}}}")
    return "\n".join(lines) + "\n"


def run(binary, args):
    return json.loads(subprocess.run([binary] + args, check=True, capture_output=True, text=True).stdout)


def main():
    binary = sys.argv[1]
    cases = int(sys.argv[sys.argv.index("--cases") + 1]) if "--cases" in sys.argv else 20
    rng = random.Random(2026)
    worst_topsis, worst_weights, worst_cr, failures = 0.0, 0.0, 0.0, []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.yaml"
        for case in range(cases):
            m, n = rng.randint(3, 8), rng.randint(2, 6)
            values = [[round(rng.uniform(1, 99), 2) for _ in range(n)] for _ in range(m)]
            weights = [round(rng.uniform(0.05, 1), 3) for _ in range(n)]
            types = [rng.choice(["benefit", "cost"]) for _ in range(n)]
            path.write_text(study_yaml(values, weights, types))
            w = np.array(weights) / sum(weights)
            t = np.array([1 if x == "benefit" else -1 for x in types])
            for name, function in [("vector", normalizations.vector_normalization), ("minmax", normalizations.minmax_normalization)]:
                ours = {r["priority"]: r["score"] for r in run(binary, ["mcda", str(path), "--method", "topsis", "--normalisation", name, "--format", "json"])}
                theirs = TOPSIS(normalization_function=function)(np.array(values, dtype=float), w, t)
                diff = max(abs(ours[f"p{i}"] - theirs[i]) for i in range(m))
                worst_topsis = max(worst_topsis, diff)
                if diff > 1e-9:
                    failures.append(f"case {case} TOPSIS ({name}): difference {diff:.2e}")
            size = rng.randint(3, 7)
            scale = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9]
            matrix = [[1.0] * size for _ in range(size)]
            pairs = {}
            for i in range(size):
                for j in range(i + 1, size):
                    value = rng.choice(scale)
                    matrix[i][j], matrix[j][i] = value, 1 / value
                    pairs[(f"c{i}", f"c{j}")] = value
            path.write_text(study_yaml([[50.0] * size] * 3, [1] * size, ["benefit"] * size, ahp=matrix))
            ours = run(binary, ["ahp", str(path), "--accept-inconsistent", "--random-index", "saaty2005", "--format", "json"])
            theirs = ahpy.Compare("x", pairs, precision=10, random_index="saaty")
            diff = max(abs(ours["weights"][k] - theirs.target_weights[k]) for k in theirs.target_weights)
            worst_weights = max(worst_weights, diff)
            worst_cr = max(worst_cr, abs(ours["consistencyRatio"] - theirs.consistency_ratio))
            if diff > 1e-6:
                failures.append(f"case {case} AHP weights: difference {diff:.2e}")
            if abs(ours["consistencyRatio"] - theirs.consistency_ratio) > 1e-6:
                failures.append(f"case {case} AHP CR: {ours['consistencyRatio']} vs {theirs.consistency_ratio}")
    print(f"{cases} random cases: TOPSIS vs pymcdm max |diff| = {worst_topsis:.2e}; "
          f"AHP weights vs ahpy = {worst_weights:.2e}, CR = {worst_cr:.2e}")
    for failure in failures[:20]:
        print("  MISMATCH:", failure)
    print("OK" if not failures else f"FAILED ({len(failures)} mismatches)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
