#!/usr/bin/python3
"""Reference fits for NeuroEngine's power-spectrum parameterisation: the algorithm of specparam's
SpectralModel (Donoghue et al. 2020) re-implemented on scipy.optimize.curve_fit
(Debian python3-scipy) with specparam's optimiser choices - Levenberg-Marquardt for the aperiodic fits,
trust-region-reflective with bounds and the analytic jacobian for the peaks, ftol = xtol = gtol = 1e-5,
maxfev 5000 - on seeded synthetic spectra. Writes spectra and results (specparam_cases.json).

  /usr/bin/python3 benchmarks/reference/specparam_reference.py --out-dir tests/NeuroEngine.Tests/Features/reference
"""
import argparse
import json
import os

import numpy as np
from scipy.optimize import curve_fit

TOL = dict(ftol=1e-5, xtol=1e-5, gtol=1e-5)


def ap_fixed(f, offset, exp):
    return offset - np.log10(f ** exp)


def ap_knee(f, offset, knee, exp):
    return offset - np.log10(knee + f ** exp)


def gaussians(f, *q):
    y = np.zeros_like(f)
    for cf, h, sd in zip(q[0::3], q[1::3], q[2::3]):
        y = y + h * np.exp(-(f - cf) ** 2 / (2 * sd ** 2))
    return y


def gauss_jac(f, *q):
    cols = []
    for cf, h, sd in zip(q[0::3], q[1::3], q[2::3]):
        e = np.exp(-(f - cf) ** 2 / (2 * sd ** 2))
        cols += [h * e * (f - cf) / sd ** 2, e, h * e * (f - cf) ** 2 / sd ** 3]
    return np.column_stack(cols)


def simple_ap_fit(f, p, knee):
    exp = abs((p[-1] - p[0]) / (np.log10(f[-1]) - np.log10(f[0])))
    guess = [p[0], 0, exp] if knee else [p[0], exp]
    q, _ = curve_fit(ap_knee if knee else ap_fixed, f, p, p0=guess, maxfev=5000, **TOL)
    return q


def fit(freqs, power, peak_width_limits=(0.5, 12.0), max_n_peaks=np.inf, min_peak_height=0.0, peak_threshold=2.0,
        aperiodic_mode="fixed", freq_range=None):
    knee = aperiodic_mode == "knee"
    lo, hi = freq_range if freq_range else (-np.inf, np.inf)
    m = (freqs >= lo) & (freqs <= hi)
    f, p = freqs[m], np.log10(power[m])
    if f[0] == 0:
        f, p = f[1:], p[1:]
    res = f[1] - f[0]
    fun = ap_knee if knee else ap_fixed
    init = simple_ap_fit(f, p, knee)
    flat = p - fun(f, *init)
    flat[flat < 0] = 0
    mask = flat <= np.percentile(flat, 0.025)
    robust, _ = curve_fit(fun, f[mask], p[mask], p0=init, maxfev=5000, **TOL)
    flattened = p - fun(f, *robust)
    copy = flattened.copy()
    lower, upper = peak_width_limits
    guesses = []
    while len(guesses) < max_n_peaks:
        i = int(np.argmax(copy))
        h = copy[i]
        if h <= peak_threshold * np.std(copy) or h <= min_peak_height:
            break
        half = 0.5 * h
        le = next((j for j in range(i - 1, 0, -1) if copy[j] <= half), None)
        ri = next((j for j in range(i + 1, len(copy)) if copy[j] <= half), None)
        sides = [abs(j - i) for j in (le, ri) if j is not None]
        sd = (min(sides) * 2 * res) / (2 * np.sqrt(2 * np.log(2))) if sides else np.mean(peak_width_limits)
        if sd < lower / 2 or sd > upper / 2:
            sd = lower / 2
        guesses.append([f[i], h, sd])
        copy = copy - h * np.exp(-(f - f[i]) ** 2 / (2 * sd ** 2))
    guesses = [g for g in guesses if abs(g[0] - f[0]) > g[2] and abs(g[0] - f[-1]) > g[2]]
    guesses.sort(key=lambda g: g[0])
    drop = set()
    for k in range(len(guesses) - 1):
        a, b = guesses[k], guesses[k + 1]
        if a[0] + 0.75 * a[2] > b[0] - 0.75 * b[2]:
            drop.add(k if a[1] < b[1] else k + 1)
    guesses = [g for k, g in enumerate(guesses) if k not in drop]
    peaks = np.empty((0, 3))
    if guesses:
        g = np.array(guesses)
        lb = np.column_stack([np.maximum(g[:, 0] - 3 * g[:, 2], f[0]), np.zeros(len(g)), np.full(len(g), lower / 2)]).ravel()
        ub = np.column_stack([np.minimum(g[:, 0] + 3 * g[:, 2], f[-1]), np.full(len(g), np.inf), np.full(len(g), upper / 2)]).ravel()
        q, _ = curve_fit(gaussians, f, flattened, p0=g.ravel(), bounds=(lb, ub), jac=gauss_jac, maxfev=5000, **TOL)
        peaks = q.reshape(-1, 3)
        peaks = peaks[np.argsort(peaks[:, 0])]
    peak_fit = gaussians(f, *peaks.ravel())
    final = simple_ap_fit(f, p - peak_fit, knee)
    ap = fun(f, *final)
    model = ap + peak_fit
    out_peaks = [[cf, float(model[np.argmin(np.abs(f - cf))] - ap[np.argmin(np.abs(f - cf))]), 2 * sd] for cf, _, sd in peaks]
    r2 = np.corrcoef(p, model)[0, 1] ** 2
    return dict(aperiodic=[float(v) for v in final], peaks=out_peaks, r_squared=float(r2),
                error_mae=float(np.mean(np.abs(p - model))))


def synthetic(freqs, ap, peaks, noise, rng, knee=False):
    log = (ap_knee(freqs, *ap) if knee else ap_fixed(freqs, *ap)) + gaussians(freqs, *np.ravel(peaks))
    return 10 ** (log + noise * rng.standard_normal(len(freqs)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    rng = np.random.default_rng(5)
    cases = []
    specs = [
        dict(name="fixed_two_peaks", freqs=np.arange(1, 50.01, 0.5), ap=[1.0, 1.5], knee=False,
             peaks=[[10, 0.6, 1.5], [22, 0.3, 2.5]], noise=0.02, settings={}),
        dict(name="knee_one_peak", freqs=np.arange(1, 100.01, 1.0), ap=[2.0, 20.0, 2.0], knee=True,
             peaks=[[8, 0.5, 1.0]], noise=0.01, settings=dict(aperiodic_mode="knee")),
        dict(name="ncpi_settings", freqs=np.arange(0, 250.01, 0.5), ap=[0.5, 2.2], knee=False,
             peaks=[[40, 0.4, 8.0]], noise=0.03,
             settings=dict(peak_threshold=1.0, min_peak_height=0.0, max_n_peaks=5, peak_width_limits=(10, 50),
                           freq_range=(5, 200))),
    ]
    for spec in specs:
        f = spec["freqs"]
        fz = np.where(f == 0, 1e-9, f)
        power = synthetic(fz, spec["ap"], spec["peaks"], spec["noise"], rng, spec["knee"])
        np.savetxt(os.path.join(a.out_dir, spec["name"] + ".csv"), np.column_stack([f, power]), fmt="%.17g", delimiter=",",
                   header="freq_hz,power", comments="")
        result = fit(f, power, **spec["settings"])
        settings = {k: (list(v) if isinstance(v, tuple) else v) for k, v in spec["settings"].items()}
        cases.append(dict(name=spec["name"], file=spec["name"] + ".csv", settings=settings, truth=dict(aperiodic=spec["ap"],
                          peaks=spec["peaks"]), result=result))
    with open(os.path.join(a.out_dir, "specparam_cases.json"), "w") as fh:
        json.dump(dict(generator="benchmarks/reference/specparam_reference.py", cases=cases), fh, indent=1)
    for c in cases:
        print(c["name"], c["result"])


if __name__ == "__main__":
    main()
