"""numpy peer of the CIB enumeration: a vectorised brute force over every scenario of the seeded
12 × 3 matrix that `smartspec-benchmarks cib` writes to cib_12x3.csv (531,441 scenarios).

Usage: python3 cib_bruteforce.py DATA_DIR
Prints: cib_random_12x3 <seconds> <number of consistent scenarios>
"""
import sys
import time
from pathlib import Path

import numpy as np


def main():
    m = np.loadtxt(Path(sys.argv[1]) / "cib_12x3.csv", delimiter=",", dtype=np.int64)
    descriptors, variants = 12, 3
    start = time.perf_counter()
    choices = np.indices((variants,) * descriptors).reshape(descriptors, -1).T.astype(np.int64)
    active = choices + np.arange(descriptors) * variants          # flat index of each active variant
    balance = np.zeros((len(choices), m.shape[0]), dtype=np.int64)  # (scenarios, variants): sum of active rows
    for d in range(descriptors):
        balance += m[active[:, d]]
    blocks = balance.reshape(len(choices), descriptors, variants)
    chosen = np.take_along_axis(blocks, choices[:, :, None], axis=2)[:, :, 0]
    consistent = (blocks.max(axis=2) - chosen).max(axis=1) == 0
    count = int(consistent.sum())
    print(f"cib_random_12x3\t{time.perf_counter() - start:.4f}\t{count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
