#!/usr/bin/python3
"""Speed reference for NeuroEngine's signal layer: scipy.signal.welch on 1,000 series of 2,000 samples
(defaults, fs 1 kHz, one call per series as a feature pipeline makes them) and numpy.convolve of a
200,000-sample rate with kernels of 100 and 1,000 taps ('same'); Debian python3-scipy/numpy, one thread.
Prints key=value lines like `neuroengine bench signals`.
"""
import time

import numpy as np
from scipy import signal


def best(work, repeat=3):
    t = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        t.append(time.perf_counter() - t0)
    return min(t)


def main():
    rng = np.random.default_rng(1)
    data = rng.standard_normal((1000, 2000))
    welch = best(lambda: [signal.welch(x, fs=1000.0) for x in data])
    rate = rng.random(200_000)
    k100 = np.exp(-np.arange(100) / 20.0)
    k1000 = np.exp(-np.arange(1000) / 200.0)
    c100 = best(lambda: np.convolve(rate, k100, "same"))
    c1000 = best(lambda: np.convolve(rate, k1000, "same"))
    print("welch_series_per_s=%.3e" % (1000 / welch))
    print("convolve_100_samples_per_s=%.3e" % (rate.size / c100))
    print("convolve_1000_samples_per_s=%.3e" % (rate.size / c1000))


if __name__ == "__main__":
    main()
