#!/usr/bin/env python3
"""boot_ref.py -- reference values for tests/check_boot.c.

* One-sample jackknife accelerations (SciPy 1.10 `bootstrap` internals) and
  the exact percentile-bootstrap CI of the median are copied from
  /work/shared/reference/mwu_golden.json (`bootstrap_deterministic`).
* Two-sample accelerations and the 0.9-quantile acceleration are computed
  here by brute force with NumPy: every leave-one-out sample is formed
  explicitly, the statistic is np.mean / np.median / np.quantile (linear =
  Hyndman-Fan type 7), and the acceleration follows Efron & Tibshirani
  (1993) eq. 14.15, as scipy.stats.bootstrap's BCa does for several samples.
* The resampling index stream (IdxStream below, written from the stream's
  description in src/boot.c on top of the xoshiro256**/splitmix64/Lemire
  reference in rng_ref.py), a hash of whole resamples, and percentile
  intervals of the mean and median computed from it with NumPy
  (np.mean, np.median, np.quantile linear = type 7).
Writes tests/data/boot_ref.h.  Run: python3 tests/gen/boot_ref.py
"""
import json
import os

import sys

import numpy as np
import scipy

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rng_ref import Xoshiro256ss  # noqa: E402
GOLDEN = "/work/shared/reference/mwu_golden.json"


def accel(groups):
    num = den = 0.0
    for th in groups:
        th = np.asarray(th)
        n = len(th)
        u = (n - 1) * (th.mean() - th)
        num += (u ** 3).sum() / n ** 3
        den += (u ** 2).sum() / n ** 2
    return num / (6 * den ** 1.5) if den > 0 else 0.0


def jack(x, f):
    return [f(np.delete(x, i)) for i in range(len(x))]


def two_sample_accel(x, y, f, ratio):
    ex, ey = f(x), f(y)
    c = (lambda a, b: b / a) if ratio else (lambda a, b: b - a)
    return accel([[c(v, ey) for v in jack(x, f)], [c(ex, v) for v in jack(y, f)]])


def arr(name, v):
    return "static const double %s[%d] = { %s };" % (
        name, len(v), ", ".join(repr(float(t)) for t in v))


class IdxStream:
    """Bootstrap resampling indices: lanes 0..3 are the seeded generator
    jumped 0..3 times, the redraw stream is it jumped 4 times.  A block of
    8 indices takes one output of each lane (low half, then high half); a
    rejected word (Lemire 2019 on 32 bits: low half of w*n below 2^32 mod n)
    and the last n mod 8 indices of a resample come from the redraw
    stream's 32-bit words, low half first."""

    def __init__(self, seed):
        g = Xoshiro256ss.seeded(seed)
        self.lanes = []
        for _ in range(4):
            self.lanes.append(Xoshiro256ss(g.s))
            g.jump()
        self.extra = g
        self.spare = None

    def next32(self):
        if self.spare is not None:
            w, self.spare = self.spare, None
            return w
        w = self.extra.next()
        self.spare = w >> 32
        return w & 0xFFFFFFFF

    @staticmethod
    def lemire(w, n, t):
        m = w * n
        return (m >> 32) if (m & 0xFFFFFFFF) >= t else None

    def redraw(self, n, t):
        while True:
            v = self.lemire(self.next32(), n, t)
            if v is not None:
                return v

    def resample(self, n):
        """One resample of n indices; returns (indices, rejections)."""
        t = (1 << 32) % n
        out, rejected = [], 0
        for _ in range(n // 8):
            blk = []
            for g in self.lanes:
                w = g.next()
                blk += [self.lemire(w & 0xFFFFFFFF, n, t), self.lemire(w >> 32, n, t)]
            for k, v in enumerate(blk):
                if v is None:
                    rejected += 1
                    blk[k] = self.redraw(n, t)
            out += blk
        out += [self.redraw(n, t) for _ in range(n % 8)]
        return out, rejected


def fold(idx):
    """Order-sensitive 64-bit hash of an index sequence: h = h * K + i + 1."""
    h = 0
    for i in idx:
        h = (h * 6364136223846793005 + i + 1) & ((1 << 64) - 1)
    return h


def stream_refs(x21, x101):
    out = []
    n, seed = 250100, 77   # 2^32 mod 250100 = 250096: ~15 rejections a resample
    g = IdxStream(seed)
    rows = []
    for _ in range(2):
        idx, rej = g.resample(n)
        rows.append((fold(idx), rej, idx[:8], idx[-4:]))
    out.append("/* index stream, seed %d, n = %d: per resample the fold hash "
               "(h = h * 6364136223846793005 + i + 1 mod 2^64), the number of "
               "rejected words, the first 8 and the last 4 (tail) indices */" % (seed, n))
    out.append("enum { REF_STREAM_N = %d, REF_STREAM_SEED = %d };" % (n, seed))
    out.append("static const struct { uint64_t hash; unsigned rejected; uint32_t "
               "first[8], last[4]; } ref_stream[2] = {\n\t%s\n};" % ",\n\t".join(
                   "{ UINT64_C(0x%016x), %d, { %s }, { %s } }" % (
                       h, r, ", ".join(map(str, f)), ", ".join(map(str, l)))
                   for h, r, f, l in rows))
    # percentile intervals, B = 999, seed 5: mean of N21, median of N101
    for name, x, f in (("mean_n21", x21, np.mean), ("median_n101", x101, np.median)):
        s = np.sort(np.asarray(x))
        g = IdxStream(5)
        th = np.array([f(s[g.resample(len(s))[0]]) for _ in range(999)])
        lo, hi = np.quantile(th, [0.025, 0.975])
        out.append("/* percentile 95 %% interval of the %s, B = 999, seed 5, from "
                   "IdxStream and NumPy */" % name)
        out.append("static const double ref_pct_%s[2] = { %r, %r };" % (name, lo, hi))
    return out


def main():
    d = json.load(open(GOLDEN))["bootstrap_deterministic"]
    out = ["/* boot_ref.h -- generated by tests/gen/boot_ref.py (NumPy %s, SciPy %s);"
           " do not edit. */" % (np.__version__, scipy.__version__)]
    for c in d:
        nm = c["name"]
        out.append("/* %s (mwu_golden.json bootstrap_deterministic) */" % nm)
        out.append(arr("ref_%s_x" % nm, c["x"]))
        ja = c["jackknife_accel"]
        out.append("static const double ref_%s_accel_mean = %r; /* SciPy */"
                   % (nm, ja["mean_scipy"]))
        out.append("static const double ref_%s_accel_median = %r; /* SciPy */"
                   % (nm, ja["median_scipy"]))
        x = np.array(c["x"])
        out.append("static const double ref_%s_accel_q90 = %r; /* NumPy brute force */"
                   % (nm, accel([jack(x, lambda v: np.quantile(v, 0.9))])))
        if "exact_percentile_bootstrap_median_ci95" in c:
            lo, hi = c["exact_percentile_bootstrap_median_ci95"]
            out.append("static const double ref_%s_exact_ci95[2] = { %r, %r };"
                       % (nm, lo, hi))
            cdf = c["exact_bootstrap_median_cdf"]
            pm = np.diff([0.0] + [p for _, p in cdf])
            v = np.array([t for t, _ in cdf])
            m1 = (pm * v).sum()
            out.append("/* mean and sd of the exact bootstrap distribution of the"
                       " median, from its recorded CDF */")
            out.append("static const double ref_%s_exact_mean = %r;" % (nm, m1))
            out.append("static const double ref_%s_exact_sd = %r;"
                       % (nm, float(np.sqrt((pm * (v - m1) ** 2).sum()))))
        sc = c["scipy_mean_ci95_B9999_RandomState1"]
        out.append("/* SciPy bootstrap(mean, B=9999, RandomState(1)): Monte Carlo,"
                   " orientation only */")
        out.append("static const double ref_%s_scipy_bca[2] = { %r, %r };"
                   % (nm, sc["BCa"][0], sc["BCa"][1]))
        out.append("static const double ref_%s_scipy_pct[2] = { %r, %r };"
                   % (nm, sc["percentile"][0], sc["percentile"][1]))
    base = np.array(d[1]["x"])   # lognormal_n21 as baseline
    cand = np.array(d[0]["x"]) / 1500.0  # benchstat n10 scaled, as candidate
    out.append("/* two-sample: x = lognormal_n21, y = benchstat_doc_json_old_n10 / 1500;"
               " NumPy brute-force jackknife, E&T eq. 14.15 */")
    out.append(arr("ref_two_y", cand))
    for st, f in (("mean", np.mean), ("median", np.median)):
        for ratio in (0, 1):
            out.append("static const double ref_two_accel_%s_%s = %r;" % (
                st, "ratio" if ratio else "diff", two_sample_accel(base, cand, f, ratio)))
    out += stream_refs(d[1]["x"], d[2]["x"])
    with open(os.path.join(HERE, "..", "data", "boot_ref.h"), "w") as fh:
        fh.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
