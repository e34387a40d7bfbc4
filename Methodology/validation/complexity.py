"""Cross-check of `smartspec complexity` against py-ecomplexity and an independent numpy script.

Usage: complexity.py DATASET_DIR SMARTSPEC_BINARY [--tolerance 1e-6]

1. `--convention atlas` (the default) against py-ecomplexity 0.5.x run on the same activities.csv:
   ECI, PCI, COI per region/activity and RCA, presence, density, COG per cell.
2. `--convention standard`, the method of reflections and fitness-complexity against numpy code
   written from Methodology/niches.md alone (R economiccomplexity's definitions).
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

warnings.filterwarnings("ignore")


def smartspec(binary, dataset, convention, cells=None):
    command = [binary, "complexity", "--dataset", dataset, "--format", "json", "--convention", convention]
    if cells:
        command += ["--write-cells", cells, "--force"]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def zscore(x, ddof):
    return (x - x.mean()) / x.std(ddof=ddof)


def standard_reference(m):
    """Eigenvector ECI/PCI (sample z-scores, signed by the reflections), reflections, fitness."""
    d, u = m.sum(axis=1), m.sum(axis=0)
    kc, kp = [d], [u]
    for _ in range(1, 20):
        kc_next, kp_next = (m @ kp[-1]) / d, (m.T @ kc[-1]) / u
        kc.append(kc_next)
        kp.append(kp_next)
    refl_eci, refl_pci = zscore(kc[18], 1), zscore(kp[19], 1)
    mcc = (m / d[:, None]) @ (m / u[None, :]).T
    values, vectors = np.linalg.eig(mcc)
    eci_raw = np.real(vectors[:, np.argsort(np.real(values))[-2]])
    pci_raw = (m.T @ eci_raw) / u
    eci_raw = (m @ pci_raw) / d
    if np.corrcoef(eci_raw, refl_eci)[0, 1] < 0:
        eci_raw = -eci_raw
    if np.corrcoef(pci_raw, refl_pci)[0, 1] < 0:
        pci_raw = -pci_raw
    f, q = np.ones(m.shape[0]), np.ones(m.shape[1])
    fits = [f]
    for _ in range(1, 20):
        f_next = m @ q
        q_next = 1 / (m.T @ (1 / f))
        f, q = f_next / f_next.mean(), q_next / q_next.mean()
        fits.append(f)
    return zscore(eci_raw, 1), zscore(pci_raw, 1), refl_eci, refl_pci, fits[18], q


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("binary")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()
    from ecomplexity import ecomplexity

    table = pd.read_csv(os.path.join(args.dataset, "activities.csv"), dtype={"region": str, "activity": str})
    if "year" in table.columns:
        table = table[table.year == table.year.max()]
    table = table.assign(year=0)
    reference = ecomplexity(table, {"time": "year", "loc": "region", "prod": "activity", "val": "value"},
                            verbose=False, check_logsupermodularity=False)
    with tempfile.TemporaryDirectory() as folder:
        cells_path = os.path.join(folder, "cells.csv")
        atlas = smartspec(args.binary, args.dataset, "atlas", cells_path)
        cells = pd.read_csv(cells_path, dtype={"region": str, "activity": str})
    standard = smartspec(args.binary, args.dataset, "standard")

    worst = {}
    regions = {r["code"]: r for r in atlas["regions"]}
    activities = {a["code"]: a for a in atlas["activities"]}
    by_region = reference.groupby("region").first()
    by_activity = reference.groupby("activity").first()
    worst["eci"] = max(abs(regions[c]["eci"] - v) for c, v in by_region.eci.items())
    worst["coi"] = max(abs(regions[c]["coi"] - v) for c, v in by_region.coi.items())
    worst["pci"] = max(abs(activities[c]["pci"] - v) for c, v in by_activity.pci.items())
    merged = reference.merge(cells, on=["region", "activity"], suffixes=("_reference", "_smartspec"))
    assert len(merged) == len(reference), "the cells do not match ecomplexity's region-activity pairs"
    for name in ["rca", "mcp", "density", "cog"]:
        difference = np.abs(merged[name + "_reference"] - merged[name + "_smartspec"])
        scale = np.maximum(1, np.abs(merged[name + "_reference"])) if name == "rca" else 1
        worst[name] = float(np.max(difference / scale))

    presence = cells.pivot(index="region", columns="activity", values="mcp")
    m = presence.values.astype(float)
    m = m[m.sum(axis=1) > 0][:, m.sum(axis=0) > 0]
    kept_regions = presence.index[presence.values.sum(axis=1) > 0]
    kept_activities = presence.columns[presence.values.sum(axis=0) > 0]
    eci, pci, refl_eci, refl_pci, fitness, fitness_q = standard_reference(m)
    std_regions = {r["code"]: r for r in standard["regions"]}
    std_activities = {a["code"]: a for a in standard["activities"]}
    worst["standard eci"] = max(abs(std_regions[c]["eci"] - v) for c, v in zip(kept_regions, eci))
    worst["standard pci"] = max(abs(std_activities[c]["pci"] - v) for c, v in zip(kept_activities, pci))
    worst["reflections eci"] = max(abs(std_regions[c]["eciReflections"] - v) for c, v in zip(kept_regions, refl_eci))
    worst["reflections pci"] = max(abs(std_activities[c]["pciReflections"] - v) for c, v in zip(kept_activities, refl_pci))
    worst["fitness"] = max(abs(std_regions[c]["fitness"] - v) / max(1, abs(v)) for c, v in zip(kept_regions, fitness))
    worst["fitness complexity"] = max(abs(std_activities[c]["fitnessComplexity"] - v) / max(1, abs(v))
                                      for c, v in zip(kept_activities, fitness_q))

    failed = False
    for name, value in worst.items():
        flag = "" if value <= args.tolerance else "  <-- above tolerance"
        failed |= value > args.tolerance
        print(f"{name:20s} max |difference| {value:.3e}{flag}")
    if failed:
        sys.exit(1)
    print(f"OK: {len(by_region)} regions x {len(by_activity)} activities within {args.tolerance:g}")


if __name__ == "__main__":
    main()
