"""Inputs and numpy peer of the foresight benchmarks.

  cib_uncertainty.py members SCW OUT_DIR K SEED   writes K copies of the ScenarioWizard file with
      about 5 % of the non-zero judgements moved by ±1 (seeded): an ensemble of K panels.
  cib_uncertainty.py peer DATA_DIR SAMPLES U SEED  judgement uncertainty on the seeded 12 × 3 matrix
      of `smartspec-benchmarks cib` (cib_12x3.csv): per sample, every non-zero judgement moved by a
      uniform integer in −U…U, then a vectorised brute force over all 531,441 scenarios.
      Prints: peer_uncertainty_12x3 <seconds> <samples> <consistent scenario-samples>
"""
import sys
import time
from pathlib import Path

import numpy as np


def members(scw, out, k, seed):
    lines = Path(scw).read_text(encoding="latin-1").splitlines()
    width = None
    rows = []
    for i, line in enumerate(lines):
        cells = line.split(",")
        if len(cells) > 2 and all(c.strip().lstrip("-").isdigit() for c in cells):
            width = width or len(cells)
            if len(cells) == width:
                rows.append(i)
    rng = np.random.default_rng(seed)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for m in range(k):
        copy = list(lines)
        for i in rows:
            values = [int(c) for c in copy[i].split(",")]
            for j, v in enumerate(values):
                if v != 0 and rng.random() < 0.05:
                    values[j] = v + int(rng.choice([-1, 1]))
            copy[i] = ",".join(str(v) for v in values)
        (out / f"member-{m + 1:02d}.scw").write_text("\r\n".join(copy) + "\r\n", encoding="latin-1")


def peer(data, samples, spread, seed):
    base = np.loadtxt(Path(data) / "cib_12x3.csv", delimiter=",", dtype=np.int64)
    descriptors, variants = 12, 3
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    choices = np.indices((variants,) * descriptors).reshape(descriptors, -1).T.astype(np.int64)
    active = choices + np.arange(descriptors) * variants
    found = 0
    for _ in range(samples):
        m = base + np.where(base != 0, rng.integers(-spread, spread + 1, size=base.shape), 0)
        balance = np.zeros((len(choices), m.shape[0]), dtype=np.int64)
        for d in range(descriptors):
            balance += m[active[:, d]]
        blocks = balance.reshape(len(choices), descriptors, variants)
        chosen = np.take_along_axis(blocks, choices[:, :, None], axis=2)[:, :, 0]
        found += int(((blocks.max(axis=2) - chosen).max(axis=1) == 0).sum())
    print(f"peer_uncertainty_12x3\t{time.perf_counter() - start:.4f}\t{samples}\t{found}")


if __name__ == "__main__":
    if sys.argv[1] == "members":
        members(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        peer(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
