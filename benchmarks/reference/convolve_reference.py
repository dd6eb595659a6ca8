#!/usr/bin/python3
"""Reference results for NeuroEngine's convolution: numpy.convolve (Debian python3-numpy) of a seeded
signal with kernels of several lengths, in its three modes. Writes conv_signal.csv, conv_kernel_<n>.csv and
conv_<n>_<mode>.csv (one column each) into the output folder.

  /usr/bin/python3 benchmarks/reference/convolve_reference.py --out-dir tests/NeuroEngine.Tests/Signals/reference
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = np.random.default_rng(4)
    x = rng.poisson(3.0, 3000).astype(float)  # binned spike counts
    np.savetxt(os.path.join(a.out_dir, "conv_signal.csv"), x, fmt="%.17g", header="x", comments="")
    for n in (1, 6, 7, 128, 129, 1000):
        t = np.arange(n)
        h = np.exp(-t / (n / 5.0 + 1.0)) * np.sin(0.05 * t + 0.3) - 0.01 * rng.standard_normal(n)  # a kernel-like shape
        np.savetxt(os.path.join(a.out_dir, "conv_kernel_%d.csv" % n), h, fmt="%.17g", header="h", comments="")
        for mode in ("full", "same", "valid"):
            np.savetxt(os.path.join(a.out_dir, "conv_%d_%s.csv" % (n, mode)), np.convolve(x, h, mode), fmt="%.17g",
                       header="y", comments="")


if __name__ == "__main__":
    main()
