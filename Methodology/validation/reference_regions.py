"""Independent reproduction of SmartSpec's reference regions from Methodology/reference-regions.md.

Usage: python3 reference_regions.py DATASET_DIR SMARTSPEC_BINARY [--top N]

Implements sections 1-5 of the methodology with numpy alone, runs `smartspec similar --all` and
`--write-scores` on the same dataset, and checks:
  * every region's top-N list and distances (|difference| <= 1e-9, ties by region code);
  * per dimension, the scores against scikit-learn's PCA(whiten=True), up to the sign of each
    component (<= 1e-9), and the eigenvalues (<= 1e-9);
  * the varimax-rotated loadings against factor-analyzer's Rotator, up to column signs (<= 1e-6).
Prints a summary and exits 1 on any mismatch, 0 otherwise.
"""
import csv
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml

MISSING = {"", "NA", "N/A", "na", "n/a", ":", ".."}


def read_dataset(folder):
    folder = Path(folder)
    with open(folder / "regions.csv", newline="", encoding="utf-8-sig") as f:
        regions = list(csv.DictReader(f))
    meta = yaml.safe_load(open(folder / "indicators.yaml", encoding="utf-8"))["indicators"]
    with open(folder / "indicators.csv", newline="", encoding="utf-8-sig") as f:
        rows = {row["code"]: row for row in csv.DictReader(f)}
    structural = [m for m in meta if m["role"] == "structural"]
    x = np.full((len(regions), len(structural)), np.nan)
    for r, region in enumerate(regions):
        row = rows.get(region["code"], {})
        for j, m in enumerate(structural):
            cell = (row.get(m["id"]) or "").strip()
            if cell not in MISSING:
                value = float(cell)
                x[r, j] = math.log(value) if m.get("transform", "none") == "log" else value
    return regions, structural, x


def standardise(column):
    present = column[~np.isnan(column)]
    return (column - present.mean()) / present.std(ddof=1)


def completed_z(regions, x):
    z = np.column_stack([standardise(x[:, j]) for j in range(x.shape[1])])
    countries = np.array([r["country"] for r in regions])
    filled = z.copy()
    for r, c in zip(*np.where(np.isnan(z))):
        donors = [q for q in range(len(regions)) if q != r and countries[q] == countries[r] and not np.isnan(z[q, c])]
        filled[r, c] = np.mean(z[donors, c]) if donors else 0.0
    return np.column_stack([standardise(filled[:, j]) for j in range(filled.shape[1])])


def dimension_blocks(structural):
    order = []
    for m in structural:
        if m["dimension"] not in order:
            order.append(m["dimension"])
    return [(d, [j for j, m in enumerate(structural) if m["dimension"] == d]) for d in order]


def reduce_dimension(z_block):
    n, p = z_block.shape
    if p == 1:
        return z_block.copy(), np.array([1.0]), np.ones((1, 1))
    corr = z_block.T @ z_block / (n - 1)
    values, vectors = np.linalg.eigh(corr)
    values, vectors = values[::-1], vectors[:, ::-1]
    kept = max(1, int(np.sum(values >= 1 - 1e-10)))
    scores = z_block @ vectors[:, :kept] / np.sqrt(values[:kept])
    loadings = vectors[:, :kept] * np.sqrt(values[:kept])
    return scores, values, loadings


def points(z, blocks):
    parts = []
    for _, columns in blocks:
        scores, _, _ = reduce_dimension(z[:, columns])
        parts.append(scores * math.sqrt(1.0 / (scores.shape[1] * len(blocks))))
    return np.hstack(parts)


def top_lists(p, codes, top):
    squared = ((p[:, None, :] - p[None, :, :]) ** 2).sum(axis=2)
    result = []
    for i in range(len(codes)):
        order = sorted((j for j in range(len(codes)) if j != i), key=lambda j: (math.sqrt(squared[i, j]), codes[j]))
        result.append([(codes[j], math.sqrt(squared[i, j])) for j in order[:top]])
    return result


def run_smartspec(binary, dataset, top, workdir):
    scores_path = Path(workdir) / "scores.csv"
    listing = subprocess.run([binary, "similar", "--dataset", dataset, "--all", "--top", str(top), "--format", "csv",
                              "--write-scores", str(scores_path), "--force", "--allow-sparse"],
                             check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(listing.splitlines()))
    with open(scores_path, newline="") as f:
        scores = [[float(v) for v in row[1:]] for row in list(csv.reader(f))[1:]]
    first = rows[0]["region"]
    method = json.loads(subprocess.run([binary, "similar", "--dataset", dataset, "--region", first, "--top", "1",
                                        "--format", "json", "--allow-sparse"],
                                       check=True, capture_output=True, text=True).stdout)["method"]
    return rows, np.array(scores), method


def compare_columns_up_to_sign(a, b):
    worst = 0.0
    for k in range(a.shape[1]):
        worst = max(worst, min(np.abs(a[:, k] - b[:, k]).max(), np.abs(a[:, k] + b[:, k]).max()))
    return worst


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    dataset, binary = sys.argv[1], sys.argv[2]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 10
    from sklearn.decomposition import PCA
    from factor_analyzer.rotator import Rotator

    regions, structural, x = read_dataset(dataset)
    codes = [r["code"] for r in regions]
    z = completed_z(regions, x)
    blocks = dimension_blocks(structural)
    expected = top_lists(points(z, blocks), codes, top)
    failures = []

    with tempfile.TemporaryDirectory() as workdir:
        rows, exported, method = run_smartspec(binary, dataset, top, workdir)
    got = {}
    for row in rows:
        got.setdefault(row["region"], []).append((row["code"], float(row["distance"])))
    worst_distance = 0.0
    for i, code in enumerate(codes):
        mine = got.get(code, [])
        if len(mine) != len(expected[i]):
            failures.append(f"{code}: {len(mine)} references instead of {len(expected[i])}")
            continue
        for (c1, d1), (c2, d2) in zip(mine, expected[i]):
            worst_distance = max(worst_distance, abs(d1 - d2))
            if c1 != c2 and abs(d1 - d2) > 1e-9:
                failures.append(f"{code}: reference {c1} where {c2} was expected")
    if worst_distance > 1e-9:
        failures.append(f"largest distance difference {worst_distance:.3e} > 1e-9")

    worst_scores, worst_eigen, worst_loadings = 0.0, 0.0, 0.0
    offset = 0
    for (dimension, columns), block in zip(blocks, method["dimensions"]):
        scores, values, loadings = reduce_dimension(z[:, columns])
        m = scores.shape[1]
        scale = math.sqrt(1.0 / (m * len(blocks)))
        mine = exported[:, offset:offset + m] / scale
        offset += m
        if len(columns) > 1:
            sk = PCA(n_components=m, whiten=True, svd_solver="full").fit(z[:, columns])
            worst_scores = max(worst_scores, compare_columns_up_to_sign(mine, sk.transform(z[:, columns])))
            worst_eigen = max(worst_eigen, np.abs(np.array(block["eigenvalues"]) - values).max())
            if m >= 2:
                reference = Rotator(method="varimax").fit_transform(loadings)
                worst_loadings = max(worst_loadings, compare_columns_up_to_sign(np.array(block["rotatedLoadings"]), reference))
        else:
            worst_scores = max(worst_scores, compare_columns_up_to_sign(mine, scores))
    for name, value, tolerance in [("PCA scores", worst_scores, 1e-9), ("eigenvalues", worst_eigen, 1e-9),
                                   ("varimax loadings", worst_loadings, 1e-6)]:
        if value > tolerance:
            failures.append(f"{name}: largest difference {value:.3e} > {tolerance}")

    print(f"{Path(dataset).name}: {len(codes)} regions, {len(structural)} structural indicators in {len(blocks)} dimensions, top {top}")
    print(f"  distances  max |diff| = {worst_distance:.2e}   PCA scores vs scikit-learn = {worst_scores:.2e}   "
          f"eigenvalues = {worst_eigen:.2e}   varimax vs factor-analyzer = {worst_loadings:.2e}")
    for failure in failures[:20]:
        print("  MISMATCH:", failure)
    print("OK" if not failures else f"FAILED ({len(failures)} mismatches)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
