#!/usr/bin/env python3
"""Generates the drift-statistics agreement fixture from SciPy/NumPy (run by `make fixtures`).

Every case is one (reference, current) pair with the expected value of every applicable
method, computed by SciPy/NumPy exactly as docs/statistics.md §2-3 defines it (Evidently's
binning and zero filling, scipy.stats.ks_2samp / wasserstein_distance / chisquare /
chi2_contingency(correction=False), scipy.spatial.distance.jensenshannon). The Java test DriftFixtureAgreementTest replays all
cases through the engine and checks statistics to 1e-9 relative and p-values to 1e-6
absolute + 1e-3 relative.

Output: src/test/resources/fixtures/drift-cases.json.gz (deterministic for a given seed).
"""
import argparse
import gzip
import json
import math
import os
import sys
import warnings

import numpy as np
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "resources", "fixtures", "drift-cases.json.gz"))

BINNING_DISTINCT_LIMIT = 20
NUMERICAL_METHODS = ["ks", "wasserstein", "psi", "kl", "jensenshannon", "chisquare", "chisquare_2s", "z",
                     "hellinger"]
CATEGORICAL_METHODS = ["psi", "kl", "jensenshannon", "chisquare", "chisquare_2s", "z", "hellinger"]


# ---------------------------------------------------------------- definitions (docs/statistics.md)

def default_method(kind, n_ref, distinct):
    if kind == "numerical":
        if n_ref <= 1000:
            return "z" if distinct <= 2 else "chisquare" if distinct <= 5 else "ks"
        return "jensenshannon" if distinct <= 5 else "wasserstein"
    if n_ref <= 1000:
        return "chisquare" if distinct > 2 else "z"
    return "jensenshannon"


def as_numpy(values, integer):
    return np.array(values, dtype=np.int64 if integer else np.float64)


def category_counts(ref, cur):
    keys = sorted(set(ref) | set(cur))
    ref_counts = {k: 0 for k in keys}
    cur_counts = {k: 0 for k in keys}
    for v in ref:
        ref_counts[v] += 1
    for v in cur:
        cur_counts[v] += 1
    return (np.array([ref_counts[k] for k in keys], dtype=np.int64),
            np.array([cur_counts[k] for k in keys], dtype=np.int64))


def binned_shares(ref, cur, kind, integer):
    """Evidently's get_binned_data without zero filling."""
    if kind == "numerical" and len(set(ref)) > BINNING_DISTINCT_LIMIT:
        r = as_numpy(ref, integer)
        c = as_numpy(cur, integer)
        edges = np.histogram_bin_edges(np.concatenate([r, c]), bins="sturges")
        return np.histogram(r, edges)[0] / len(r), np.histogram(c, edges)[0] / len(c)
    rc, cc = category_counts(ref, cur)
    return rc / len(ref), cc / len(cur)


def fill_zeros(shares):
    shares = shares.copy()
    smallest = min(shares[shares != 0])
    np.place(shares, shares == 0, smallest / 10 ** 6 if smallest <= 0.0001 else 0.0001)
    return shares


def psi(ref, cur, kind, integer):
    r, c = binned_shares(ref, cur, kind, integer)
    r, c = fill_zeros(r), fill_zeros(c)
    return float(np.sum((r - c) * np.log(r / c)))


def kl(ref, cur, kind, integer):
    r, c = binned_shares(ref, cur, kind, integer)
    return float(stats.entropy(fill_zeros(r), fill_zeros(c)))


def jensenshannon(ref, cur, kind, integer):
    r, c = binned_shares(ref, cur, kind, integer)
    with np.errstate(invalid="ignore"):
        return float(distance.jensenshannon(r, c))


def chisquare(ref, cur):
    rc, cc = category_counts(ref, cur)
    if len(rc) == 1:
        # one category: no degrees of freedom, the samples cannot differ (SciPy would give nan)
        expected = rc * (len(cur) / len(ref))
        return float(np.sum((cc - expected) ** 2 / expected)), 1.0
    if np.any(rc == 0):
        return math.inf, 0.0
    result = stats.chisquare(cc, rc * (len(cur) / len(ref)))
    return float(result.statistic), float(result.pvalue)


def chisquare_2s(ref, cur):
    """Two-sample homogeneity on the 2 x k table; SciPy itself gives chi2 = 0, p = 1 for one column."""
    rc, cc = category_counts(ref, cur)
    result = stats.chi2_contingency(np.vstack([rc, cc]), correction=False)
    return float(result.statistic), float(result.pvalue)


def z_test(ref, cur):
    keys = sorted(set(ref) | set(cur))
    if len(keys) == 1:
        return 0.0, 1.0
    first = keys[0]
    n1, n2 = len(ref), len(cur)
    p1 = float(sum(0 if v == first else 1 for v in ref)) / n1
    p2 = float(sum(0 if v == first else 1 for v in cur)) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(np.abs(z))))


def hellinger(ref, cur, kind, integer):
    if kind == "categorical":
        rc, cc = category_counts(ref, cur)
        p, q = rc / len(ref), cc / len(cur)
        return float(np.sqrt(1 - np.clip(np.sum(np.sqrt(p * q)), 0, 1)))
    r = as_numpy(ref, integer)
    c = as_numpy(cur, integer)
    edges = np.histogram_bin_edges(np.unique(np.concatenate([r, c])), bins="sturges")
    h1 = np.histogram(r, bins=edges, density=True)[0]
    h2 = np.histogram(c, bins=edges, density=True)[0]
    width = (edges[-1] - edges[0]) / (len(edges) - 1)
    bc = np.sum(np.sqrt(h1 * h2)) * width
    return float(np.sqrt(1 - np.clip(bc, 0, 1)))


def expectations(ref, cur, kind, integer):
    out = {}
    methods = NUMERICAL_METHODS if kind == "numerical" else CATEGORICAL_METHODS
    for method in methods:
        if method == "ks":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                res = stats.ks_2samp(as_numpy(ref, integer), as_numpy(cur, integer))
            out[method] = {"statistic": float(res.statistic), "pValue": float(res.pvalue)}
        elif method == "wasserstein":
            r = as_numpy(ref, integer)
            raw = float(stats.wasserstein_distance(r, as_numpy(cur, integer)))
            out[method] = {"statistic": raw / max(float(np.std(r)), 0.001), "raw": raw}
        elif method == "psi":
            out[method] = {"statistic": psi(ref, cur, kind, integer)}
        elif method == "kl":
            out[method] = {"statistic": kl(ref, cur, kind, integer)}
        elif method == "jensenshannon":
            out[method] = {"statistic": jensenshannon(ref, cur, kind, integer)}
        elif method == "chisquare":
            s, p = chisquare(ref, cur)
            out[method] = {"statistic": s, "pValue": p}
        elif method == "chisquare_2s":
            s, p = chisquare_2s(ref, cur)
            out[method] = {"statistic": s, "pValue": p}
        elif method == "z":
            s, p = z_test(ref, cur)
            out[method] = {"statistic": s, "pValue": p}
        elif method == "hellinger":
            out[method] = {"statistic": hellinger(ref, cur, kind, integer)}
    return out


# ---------------------------------------------------------------- data shapes

def short(x):
    """Six significant digits keep the file small; the rounded value is the data."""
    return float(f"{x:.6g}")


def sizes(rng, max_n):
    # log-uniform sizes, so tiny samples are as common as large ones
    return int(round(math.exp(rng.uniform(0, math.log(max_n)))))


def numeric_case(rng, shape, n1, n2):
    integer = False
    if shape == "normal":
        ref = rng.normal(0, 1, n1)
        cur = rng.normal(rng.choice([0, 0.05, 0.3, 1.0]), rng.choice([1, 1.5]), n2)
    elif shape == "ties":
        ref = np.round(rng.normal(0, 1, n1), 1)
        cur = np.round(rng.normal(rng.choice([0, 0.2]), 1, n2), 1)
    elif shape == "integers":
        integer = True
        lam = rng.choice([0.5, 3, 40])
        ref = rng.poisson(lam, n1)
        cur = rng.poisson(lam * rng.choice([1, 1.2]), n2)
    elif shape == "few-integers":
        integer = True
        k = int(rng.integers(1, 7))
        ref = rng.integers(0, k, n1)
        cur = rng.integers(0, k + int(rng.integers(0, 2)), n2)
    elif shape == "constant":
        c = rng.choice([0.0, 3.5, -2.0])
        ref = np.full(n1, c)
        cur = np.full(n2, c if rng.random() < 0.5 else c + 1)
    elif shape == "disjoint":
        ref = rng.uniform(0, 1, n1)
        cur = rng.uniform(5, 6, n2)
    elif shape == "tiny":
        ref = rng.normal(0, 1e-7, n1)
        cur = rng.normal(1e-7, 1e-7, n2)
    elif shape == "huge":
        ref = rng.normal(1e12, 1e10, n1)
        cur = rng.normal(1.01e12, 1e10, n2)
    elif shape == "mixed-magnitude":
        ref = rng.standard_cauchy(n1) * 1e3
        cur = rng.standard_cauchy(n2) * 1e3
    elif shape == "shifted-lognormal":
        ref = rng.lognormal(0, 1, n1)
        cur = rng.lognormal(0.1, 1, n2)
    else:
        raise ValueError(shape)
    if integer:
        return [int(v) for v in ref], [int(v) for v in cur], True
    ref, cur = [short(v) for v in ref], [short(v) for v in cur]
    # docs/statistics.md: the integer bin-width rule follows the values, not how they were produced
    if all(v.is_integer() and abs(v) < 2 ** 53 for v in ref + cur):
        return [int(v) for v in ref], [int(v) for v in cur], True
    return ref, cur, False


def categorical_case(rng, shape, n1, n2):
    if shape == "letters":
        k = int(rng.integers(1, 8))
        cats = [chr(ord("a") + i) for i in range(k)]
        ref = rng.choice(cats, n1, p=rng.dirichlet(np.ones(k)))
        cur = rng.choice(cats, n2, p=rng.dirichlet(np.ones(k)))
    elif shape == "only-in-one":
        ref = rng.choice(["Drama", "Comedy", "Horror"], n1)
        cur = rng.choice(["Drama", "Comedy", "Sci-Fi"], n2)
    elif shape == "booleans":
        ref = rng.choice(["false", "true"], n1, p=[0.7, 0.3])
        q = float(rng.choice([0.7, 0.5, 1.0]))
        cur = rng.choice(["false", "true"], n2, p=[q, 1 - q])
    elif shape == "same-single":
        ref = np.array(["x"] * n1)
        cur = np.array(["x"] * n2)
    elif shape == "many":
        cats = [f"genre-{i:02d}" for i in range(30)]
        ref = rng.choice(cats, n1)
        cur = rng.choice(cats[3:], n2)
    else:
        raise ValueError(shape)
    return [str(v) for v in ref], [str(v) for v in cur]


def build_cases(seed):
    rng = np.random.default_rng(seed)
    cases = []

    def add(case_id, kind, ref, cur, integer, forced=None):
        evaluated_kind = forced or kind
        distinct = len(set(ref) | set(cur))
        case = {
            "id": case_id,
            "type": evaluated_kind,
            "forced": forced is not None,
            "reference": ref,
            "current": cur,
            "defaultMethod": default_method(evaluated_kind, len(ref), distinct),
            "expected": expectations(ref, cur, evaluated_kind, integer),
        }
        cases.append(case)
        print(f"  {case_id}: {evaluated_kind} n_ref={len(ref)} n_cur={len(cur)} u={distinct}", file=sys.stderr)

    numeric_shapes = ["normal", "ties", "integers", "few-integers", "constant", "disjoint", "tiny", "huge",
                      "mixed-magnitude", "shifted-lognormal"]
    # Random sizes up to 3000 for every shape: both KS regimes of small samples, all binning paths.
    for i in range(240):
        shape = numeric_shapes[i % len(numeric_shapes)]
        n1 = sizes(rng, 3000)
        n2 = sizes(rng, 3000) if rng.random() < 0.7 else n1
        ref, cur, integer = numeric_case(rng, shape, n1, n2)
        add(f"num-{i:03d}-{shape}", "numerical", ref, cur, integer)
    # Tiny samples exhaustively: 1..4 against 1..4.
    for n1 in range(1, 5):
        for n2 in range(1, 5):
            ref, cur, integer = numeric_case(rng, "normal" if (n1 + n2) % 2 else "ties", n1, n2)
            add(f"num-tiny-{n1}x{n2}", "numerical", ref, cur, integer)
    # Large samples: the exact KS regime up to 10000 and the kstwo regime beyond.
    for i, (n1, n2) in enumerate([(10000, 9000), (10000, 10000), (7000, 10000), (10001, 40), (20000, 150),
                                  (12000, 12000), (15000, 3), (250, 18000), (20000, 20000)]):
        shape = ["normal", "ties", "normal", "normal", "shifted-lognormal", "ties", "normal", "integers",
                 "normal"][i]
        ref, cur, integer = numeric_case(rng, shape, n1, n2)
        add(f"num-large-{i}-{shape}-{n1}x{n2}", "numerical", ref, cur, integer)
    # Numbers forced categorical: categories are the distinct numbers.
    for i in range(10):
        n1, n2 = sizes(rng, 2000), sizes(rng, 2000)
        ref, cur, integer = numeric_case(rng, "few-integers", n1, n2)
        add(f"num-forced-categorical-{i}", "numerical", ref, cur, integer, forced="categorical")
    categorical_shapes = ["letters", "only-in-one", "booleans", "same-single", "many"]
    for i in range(60):
        shape = categorical_shapes[i % len(categorical_shapes)]
        n1 = sizes(rng, 5000)
        n2 = sizes(rng, 5000)
        ref, cur = categorical_case(rng, shape, n1, n2)
        add(f"cat-{i:03d}-{shape}", "categorical", ref, cur, False)
    # chisquare_2s (the monitor's categorical default): tiny tables, categories in one sample only,
    # rare categories, skewed and unequal sizes. Appended last so the cases above keep their data.
    for i in range(60):
        k = int(rng.integers(2, 21))
        cats = [f"c{j:02d}" for j in range(k)]
        p_ref = rng.dirichlet(np.ones(k) * float(rng.choice([0.2, 1.0, 5.0])))
        p_cur = p_ref if rng.random() < 0.5 else rng.dirichlet(np.ones(k))
        n1 = sizes(rng, 200 if i < 20 else 20000)
        n2 = sizes(rng, 200 if i < 20 else 20000)
        ref = [str(v) for v in rng.choice(cats, n1, p=p_ref)]
        cur = [str(v) for v in rng.choice(cats, n2, p=p_cur)]
        if i % 3 == 0:
            cur = cur + ["only-current"] * int(rng.integers(1, 4))
        if i % 5 == 0:
            ref = ref + ["only-reference"]
        add(f"cat-2s-{i:03d}-k{k}", "categorical", ref, cur, False)
    return cases


def kstwo_grid():
    """kstwo.sf(d, n) over every branch of SciPy's kolmogn: tiny d (n·d ≤ 1), d ≥ 0.5, the
    Pomeranz/Durbin regions of small n and the Smirnov-series / Pelz-Good regions of large n."""
    rows = []
    for n in [1, 2, 3, 5, 10, 50, 140, 141, 500, 1000, 2000, 2001, 5000, 10000, 20000, 50000, 100000, 500000,
              1000000]:
        ds = set()
        for nxx in np.concatenate([np.linspace(0.02, 2.2, 10), np.linspace(2.2, 20, 25), [30, 100, 369, 371]]):
            ds.add(float(np.sqrt(nxx / n)))
        for t in [0.4, 0.6, 0.9, 1.0]:
            ds.add(t / n)
        ds.update([0.5, 0.6, 0.99, 1.0])
        for d in sorted(ds):
            if 0 < d <= 1:
                rows.append([d, n, float(stats.kstwo.sf(d, n))])
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20251123)
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    cases = build_cases(args.seed)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    payload = {
        "generator": "drift-service/src/test/python/make_fixtures.py",
        "seed": args.seed,
        "numpy": np.__version__,
        "scipy": __import__("scipy").__version__,
        "cases": cases,
        "kstwo": kstwo_grid(),
    }
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:
        f.write(json.dumps(payload, separators=(",", ":")).encode())
    methods = sum(len(c["expected"]) for c in cases)
    print(f"wrote {len(cases)} cases, {methods} method expectations to {args.out} "
          f"({os.path.getsize(args.out) // 1024} KiB)")


if __name__ == "__main__":
    main()
