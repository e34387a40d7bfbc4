"""numpy peer of the LinearAlgebra benchmark: the same operations on the same sizes.

Prints one line per case: name, best seconds over the repeats. numpy uses its own bundled
OpenBLAS (scipy-openblas), so this compares SmartSpec + Debian's OpenBLAS with numpy + its own.
"""
import sys
import time

import numpy as np


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    rng = np.random.default_rng(42)
    n = 2000
    a = rng.standard_normal((n, n))
    b = rng.standard_normal((n, n))
    print(f"gemm_2000\t{best(lambda: a @ b, 3):.4f}")
    m = 1000
    x = rng.standard_normal((m, m))
    s = (x + x.T) / 2
    print(f"syev_1000_all\t{best(lambda: np.linalg.eigh(s), 3):.4f}")
    try:
        import scipy.linalg as sl
        print(f"syevr_1000_top10\t{best(lambda: sl.eigh(s, subset_by_index=[m - 10, m - 1], driver='evr'), 3):.4f}")
    except ImportError:
        print("syevr_1000_top10\tnan")
    r = rng.standard_normal((1000, 500))
    print(f"gesdd_1000x500\t{best(lambda: np.linalg.svd(r, full_matrices=False), 3):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
