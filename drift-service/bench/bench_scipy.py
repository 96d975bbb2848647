#!/usr/bin/env python3
"""Times SciPy/NumPy on the same work as StatsBench.java: n normal doubles per sample.

ks: scipy.stats.ks_2samp (method auto, p-value included); wasserstein: scipy.stats.wasserstein_distance
divided by max(np.std(ref), 0.001); psi: Evidently's binning (np.unique for the reference's distinct
count, histogram_bin_edges(sturges) on both samples, np.histogram per sample, zero filling, the sum).
Prints: scipy method=<m> n=<n> ms=<median wall ms>, and scipy-cpu method=<m> n=<n> ms=<mean process CPU ms per run>
"""
import os
import statistics
import time

import numpy as np
from scipy import stats


def psi(ref, cur):
    if len(np.unique(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, edges)[0] / len(ref)
        c = np.histogram(cur, edges)[0] / len(cur)
    else:
        raise ValueError("benchmark data is continuous")
    for shares in (r, c):
        smallest = min(shares[shares != 0])
        np.place(shares, shares == 0, smallest / 10 ** 6 if smallest <= 0.0001 else 0.0001)
    return float(np.sum((r - c) * np.log(r / c)))


METHODS = {
    "ks": lambda r, c: stats.ks_2samp(r, c).pvalue,
    "wasserstein": lambda r, c: stats.wasserstein_distance(r, c) / max(np.std(r), 0.001),
    "psi": psi,
}


def main():
    runs = int(os.environ.get("BENCH_RUNS", "7"))
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",")]
    for n in sizes:
        rng = np.random.default_rng(42 + n)
        ref = rng.standard_normal(n)
        cur = rng.standard_normal(n) + 0.05
        for name, fn in METHODS.items():
            warmups = 2 if n >= 1_000_000 else 5
            for _ in range(warmups):
                fn(ref, cur)
            cpu_runs = max(runs, 1_000_000 // n * runs // 10)
            cpu_start = time.process_time()
            for _ in range(cpu_runs):
                fn(ref, cur)
            cpu = (time.process_time() - cpu_start) * 1000 / cpu_runs
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                fn(ref, cur)
                times.append((time.perf_counter() - start) * 1000)
            print(f"scipy method={name} n={n} ms={statistics.median(times):.3f}", flush=True)
            print(f"scipy-cpu method={name} n={n} ms={cpu:.3f}", flush=True)


if __name__ == "__main__":
    main()
