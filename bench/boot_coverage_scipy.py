#!/usr/bin/python3
"""boot_coverage_scipy.py -- the same coverage experiment as
bench/boot_coverage.c, run with SciPy's own BCa (scipy.stats.bootstrap), as an
independent check that the undercoverage of the BCa interval of the mean of
lognormal(0, sigma) samples at n = 30 is a property of the method, not of
libperfwf.  Not part of make check (needs SciPy; Debian python3-scipy).
Usage: /usr/bin/python3 bench/boot_coverage_scipy.py [sigma [trials]]"""
import sys

import numpy as np
import scipy
import scipy.stats as st

sigma = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
trials = int(sys.argv[2]) if len(sys.argv) > 2 else 600
rng = np.random.default_rng(1)
true_mean = np.exp(sigma * sigma / 2)
covered = 0
for _ in range(trials):
    x = rng.lognormal(0, sigma, 30)
    ci = st.bootstrap((x,), np.mean, n_resamples=2000, method="BCa",
                      random_state=rng).confidence_interval
    covered += ci.low <= true_mean <= ci.high
c = covered / trials
print("SciPy %s BCa 95%% interval of the mean, lognormal(0,%g) n=30, %d "
      "trials, B=2000: %.1f%% +- %.1f%%" % (scipy.__version__, sigma, trials,
                                            100 * c,
                                            100 * (c * (1 - c) / trials) ** 0.5))
