#!/usr/bin/python3
"""Reference spectra for NeuroEngine's Welch estimate: scipy.signal.welch (Debian python3-scipy) on a
seeded test signal with several option sets. Writes signal.csv (one column x) and one CSV per case
(freq_hz,power) plus cases.json into the output folder.

  /usr/bin/python3 benchmarks/reference/welch_reference.py --out-dir tests/NeuroEngine.Tests/Signals/reference
"""
import argparse
import json
import os

import numpy as np
import scipy
from scipy import signal

CASES = [
    dict(name="welch_defaults", fs=100.0),
    dict(name="welch_hamming_linear_spectrum", fs=250.0, window="hamming", nperseg=128, noverlap=32, detrend="linear",
         scaling="spectrum"),
    dict(name="welch_boxcar_nfft_none", fs=1.0, window="boxcar", nperseg=200, noverlap=0, nfft=301, detrend=False),
    dict(name="welch_median_blackman", fs=1000.0, window="blackman", nperseg=100, average="median"),
    dict(name="welch_short_series", fs=10.0, length=150),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = np.random.default_rng(0)
    n = 1000
    t = np.arange(n)
    x = rng.standard_normal(n) + 2.0 * np.sin(2 * np.pi * 0.05 * t) + 0.01 * t  # noise, a sine, a trend
    np.savetxt(os.path.join(a.out_dir, "signal.csv"), x, fmt="%.17g", header="x", comments="")
    described = []
    for case in CASES:
        kw = {k: v for k, v in case.items() if k not in ("name", "length")}
        f, p = signal.welch(x[: case.get("length", n)], **kw)
        np.savetxt(os.path.join(a.out_dir, case["name"] + ".csv"), np.column_stack([f, p]), fmt="%.17g", delimiter=",",
                   header="freq_hz,power", comments="")
        described.append(dict(case, detrend=case.get("detrend", "constant") or "none"))
    with open(os.path.join(a.out_dir, "welch_cases.json"), "w") as fh:
        json.dump(dict(generator="benchmarks/reference/welch_reference.py", scipy=scipy.__version__, cases=described), fh,
                  indent=1)


if __name__ == "__main__":
    main()
