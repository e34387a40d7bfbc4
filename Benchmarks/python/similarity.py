"""scikit-learn peer of `smartspec similar --all --top 20`: brute-force k nearest neighbours on the
same final score matrix (exported by `smartspec similar --write-scores`).

Usage: python3 similarity.py SCORES_DIR   (files scores2000.csv, scores20000.csv, scores100000.csv)
Prints one line per size: similar_search_N, seconds of fit + kneighbors (self included, so k = 21).
"""
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.neighbors import NearestNeighbors


def main():
    folder = Path(sys.argv[1])
    for n in (2000, 20000, 100000):
        path = folder / f"scores{n}.csv"
        if not path.exists():
            continue
        x = np.loadtxt(path, delimiter=",", skiprows=1, usecols=None, dtype=str)[:, 1:].astype(float)
        start = time.perf_counter()
        model = NearestNeighbors(n_neighbors=21, algorithm="brute", n_jobs=2).fit(x)
        model.kneighbors(x)
        print(f"similar_search_{n}\t{time.perf_counter() - start:.4f}\t{x.shape[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
