"""Cross-check of `smartspec backtest` against scikit-learn and py-ecomplexity.

Usage: backtest.py DATASET_DIR SMARTSPEC_BINARY BASE_YEAR TARGET_YEAR [--tolerance 1e-9]

1. The AUC and average precision `backtest` reports for density, COG, PCI and the score equal
   scikit-learn's roc_auc_score and average_precision_score on the --predictions file.
2. The density in that file equals py-ecomplexity's density of the base year, computed on the
   regions and activities with positive totals in both years (absent pairs zero).
3. The cells, entries and RCA columns are recomputed here from activities.csv.
Prints the largest absolute difference of each quantity and "OK" when all are within tolerance.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

warnings.filterwarnings("ignore")

parser = argparse.ArgumentParser()
parser.add_argument("dataset")
parser.add_argument("binary")
parser.add_argument("base", type=int)
parser.add_argument("target", type=int)
parser.add_argument("--tolerance", type=float, default=1e-9)
args = parser.parse_args()

from ecomplexity import ecomplexity

with tempfile.TemporaryDirectory() as folder:
    predictions = os.path.join(folder, "P.csv")
    run = subprocess.run([args.binary, "backtest", "--dataset", args.dataset, "--base-year", str(args.base), "--target-year", str(args.target),
                          "--bootstrap", "20", "--seed", "1", "--predictions", predictions, "--format", "json"],
                         capture_output=True, text=True, check=True)
    report = json.loads(run.stdout)
    cells = pd.read_csv(predictions, dtype={"region": str, "activity": str})

worst = {}
def record(name, value):
    worst[name] = max(worst.get(name, 0.0), value)

measures = {s["signal"]: s for s in report["signals"]}
for signal in ["density", "cog", "pci", "score"]:
    values = cells[signal].fillna(-np.inf).to_numpy()
    finite = np.where(np.isfinite(values), values, np.nanmin(values[np.isfinite(values)]) - 1)
    record(f"{signal} auc", abs(roc_auc_score(cells.entered, finite) - measures[signal]["auc"]))
    record(f"{signal} average precision", abs(average_precision_score(cells.entered, finite) - measures[signal]["averagePrecision"]))

# The restriction and RCA, recomputed.
table = pd.read_csv(os.path.join(args.dataset, "activities.csv"), dtype={"region": str, "activity": str})
years = {}
for year in (args.base, args.target):
    m = table[table.year == year].pivot_table(index="region", columns="activity", values="value", aggfunc="sum", fill_value=0.0)
    years[year] = m
regions = sorted(set(years[args.base].index[years[args.base].sum(axis=1) > 0]) & set(years[args.target].index[years[args.target].sum(axis=1) > 0]))
activities = sorted(set(years[args.base].columns[years[args.base].sum(axis=0) > 0]) & set(years[args.target].columns[years[args.target].sum(axis=0) > 0]))
def rca(m):
    m = m.reindex(index=regions, columns=activities, fill_value=0.0)
    return (m.div(m.sum(axis=1), axis=0)).div(m.sum(axis=0) / m.to_numpy().sum(), axis=1)
rca0, rca1 = rca(years[args.base]), rca(years[args.target])
open_cells = [(r, a) for r in regions for a in activities if rca0.loc[r, a] < 1]
if len(open_cells) != report["cells"] or len(cells) != report["cells"]:
    print(f"cells: {len(open_cells)} recomputed, {report['cells']} reported, {len(cells)} in the predictions file")
    sys.exit(1)
indexed = cells.set_index(["region", "activity"])
record("rca_base", max(abs(indexed.loc[(r, a), "rca_base"] - rca0.loc[r, a]) for r, a in open_cells))
record("rca_target", max(abs(indexed.loc[(r, a), "rca_target"] - rca1.loc[r, a]) for r, a in open_cells))
entries = sum(1 for r, a in open_cells if rca1.loc[r, a] >= 1)
if entries != report["entries"]:
    print(f"entries: {entries} recomputed, {report['entries']} reported")
    sys.exit(1)

# py-ecomplexity's density of the base year on the restricted matrix.
base = years[args.base].reindex(index=regions, columns=activities, fill_value=0.0).stack().reset_index()
base.columns = ["region", "activity", "value"]
base["year"] = 0
reference = ecomplexity(base, {"time": "year", "loc": "region", "prod": "activity", "val": "value"}, verbose=False,
                        check_logsupermodularity=False).set_index(["region", "activity"])
record("density", max(abs(indexed.loc[(r, a), "density"] - reference.loc[(r, a), "density"]) for r, a in open_cells))

failed = False
for name, value in worst.items():
    status = "ok" if value <= args.tolerance else "FAIL"
    failed |= status == "FAIL"
    print(f"{name:28s} {value:.3g} {status}")
print("FAIL" if failed else "OK")
sys.exit(1 if failed else 0)
