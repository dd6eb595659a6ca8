#!/usr/bin/python3
"""Wilson-Cowan network, numba speed reference for NeuroEngine.

Independent implementation of the integration scheme of neurolib's `wc` model
(neurolib, MIT; Cakan et al. 2021, "neurolib: a simulation framework for whole-brain
neural mass modeling", Cognitive Computation), used as the speed reference of
NeuroEngine: explicit Euler, coupling read with per-pair delays from the full-length
activity history, E and I clipped to [0, 1], OU input updated after the state with
normals drawn for the whole run before the loop. One thread, float64.

Prints one JSON line: {"tool", "model", "nodes", "steps", "seconds", "region_steps_per_s", "numba"}.

  /usr/bin/python3 wc_numba.py [--connectome DIR] [--duration-ms 300000] [--dt-ms 0.1]
      [--K-gl 0.6] [--signalV 20] [--exc-ext 0.8] [--sigma-ou 0] [--seed 42]
      [--init-exc 0.05] [--init-inh 0.05] [--repeat 1] [--out exc.npy --sample-every 10]
      [--self-check]
"""
import argparse
import json
import math
import os
import sys
import time

import numba
import numpy as np

# Fixed parameters (neurolib's wc defaults). c_ei is E->I (I equation), c_ie is I->E (E equation).
P = dict(tau_e=2.5, tau_i=3.75, c_ee=16.0, c_ei=15.0, c_ie=12.0, c_ii=3.0, a_e=1.5, a_i=1.5,
         mu_e=3.0, mu_i=3.0, inh_ext=0.0, tau_ou=5.0, ou_mean_e=0.0, ou_mean_i=0.0)


@numba.njit
def integrate(excs, inhs, cmat, delay, startind, dt, k_gl, exc_ext, sigma_ou,
              tau_e, tau_i, c_ee, c_ei, c_ie, c_ii, a_e, a_i, mu_e, mu_i, inh_ext,
              tau_ou, ou_mean_e, ou_mean_i):
    """Integrates in place. Columns >= startind hold the pre-drawn normals on entry
    (as in neurolib, this saves two (N, steps) arrays) and the activity on return."""
    n, total = excs.shape
    sqrt_dt = math.sqrt(dt)
    ou_e = np.zeros(n)
    ou_i = np.zeros(n)
    for t in range(startind, total):
        for i in range(n):
            # read the normals before the state overwrites them
            xi_e = excs[i, t]
            xi_i = inhs[i, t]
            # delayed input; per-term K_gl*C*E accumulation in source order keeps the
            # rounding identical to neurolib's loop
            coupling = 0.0
            for j in range(n):
                coupling += k_gl * cmat[i, j] * excs[j, t - delay[i, j] - 1]
            e = excs[i, t - 1]
            h = inhs[i, t - 1]
            s_e = 1.0 / (1.0 + math.exp(-a_e * (c_ee * e - c_ie * h + coupling + exc_ext - mu_e)))
            s_i = 1.0 / (1.0 + math.exp(-a_i * (c_ei * e - c_ii * h + inh_ext - mu_i)))
            de = (-e + (1.0 - e) * s_e + ou_e[i]) / tau_e
            di = (-h + (1.0 - h) * s_i + ou_i[i]) / tau_i
            excs[i, t] = min(1.0, max(0.0, e + dt * de))
            inhs[i, t] = min(1.0, max(0.0, h + dt * di))
            # OU after the state: the step above used the previous OU value
            ou_e[i] += (ou_mean_e - ou_e[i]) * dt / tau_ou + sigma_ou * sqrt_dt * xi_e
            ou_i[i] += (ou_mean_i - ou_i[i]) * dt / tau_ou + sigma_ou * sqrt_dt * xi_i


def load_connectome(folder, signal_v, dt):
    cmat = np.loadtxt(os.path.join(folder, "Cmat.csv"), delimiter=",")
    length = np.loadtxt(os.path.join(folder, "Dmat.csv"), delimiter=",")
    np.fill_diagonal(cmat, 0.0)  # no self-coupling; Cmat is otherwise used as given
    d_ms = length / signal_v if signal_v > 0 else np.zeros_like(length)  # signalV 0: no delays
    delay = np.around(d_ms / dt).astype(np.int64)  # round half to even, like numpy/neurolib
    np.fill_diagonal(delay, 0)  # self-delay is never read (C_ii = 0); neurolib zeroes it too
    return cmat, delay


def simulate(cmat, delay, steps, a, sigma_ou, kernel=integrate):
    """Allocates, draws the noise and integrates; returns (exc, inh) of shape (N, steps)."""
    n = cmat.shape[0]
    startind = int(delay.max()) + 1
    excs = np.empty((n, startind + steps))
    inhs = np.empty((n, startind + steps))
    excs[:, :startind] = a.init_exc
    inhs[:, :startind] = a.init_inh
    np.random.seed(a.seed)
    excs[:, startind:] = np.random.standard_normal((n, steps))  # exc normals first, then inh
    inhs[:, startind:] = np.random.standard_normal((n, steps))
    kernel(excs, inhs, cmat, delay, startind, a.dt_ms, a.K_gl, a.exc_ext, sigma_ou, *P.values())
    return excs[:, startind:], inhs[:, startind:]


def self_check(cmat, delay, a):
    ok = True
    for sigma in (a.sigma_ou, 0.05):
        # interpreted Python run of the very same kernel source must match bit for bit
        ref = simulate(cmat, delay, 20, a, sigma, kernel=integrate.py_func)
        jit = simulate(cmat, delay, 20, a, sigma)
        same = all(np.array_equal(r, j) for r, j in zip(ref, jit))
        diff = max(float(np.abs(r - j).max()) for r, j in zip(ref, jit))
        print("python vs njit, 20 steps, sigma_ou=%g: %s (max |diff| %.3g)"
              % (sigma, "identical" if same else "MISMATCH", diff))
        ok &= same
    steps = int(round(50.0 / a.dt_ms))
    exc, inh = simulate(cmat, delay, steps, a, max(a.sigma_ou, 0.05))
    lo, hi = min(exc.min(), inh.min()), max(exc.max(), inh.max())
    bounded = bool(np.isfinite(exc).all() and np.isfinite(inh).all() and lo >= 0.0 and hi <= 1.0)
    print("50 ms, %d nodes: exc,inh in [%.6g, %.6g] -> %s" % (cmat.shape[0], lo, hi, "ok" if bounded else "OUT OF [0,1]"))
    return ok and bounded


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--connectome", default=os.path.normpath(os.path.join(here, "../../data/gw/connectome")),
                    help="folder with Cmat.csv and Dmat.csv (N x N, no header)")
    ap.add_argument("--duration-ms", type=float, default=300000.0)
    ap.add_argument("--dt-ms", type=float, default=0.1)
    ap.add_argument("--K-gl", type=float, default=0.6)
    ap.add_argument("--signalV", type=float, default=20.0, help="mm/ms")
    ap.add_argument("--exc-ext", type=float, default=0.8)
    ap.add_argument("--sigma-ou", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--init-exc", type=float, default=0.05, help="initial exc of every node and history column")
    ap.add_argument("--init-inh", type=float, default=0.05)
    ap.add_argument("--repeat", type=int, default=1, help="timed runs; the best is reported")
    ap.add_argument("--out", help="save exc as .npy [samples, N] (state after S, 2S, ... steps); short runs only")
    ap.add_argument("--sample-every", type=int, default=10, metavar="S")
    ap.add_argument("--self-check", action="store_true", help="verify njit against plain Python and exit")
    a = ap.parse_args()

    cmat, delay = load_connectome(a.connectome, a.signalV, a.dt_ms)
    if a.self_check:
        sys.exit(0 if self_check(cmat, delay, a) else 1)

    steps = int(round(a.duration_ms / a.dt_ms))
    simulate(cmat, delay, int(round(10.0 / a.dt_ms)), a, a.sigma_ou)  # JIT compile outside the timing
    best = float("inf")
    for _ in range(a.repeat):
        # noise drawing and allocation are timed: neurolib's integration call does both
        t0 = time.perf_counter()
        exc, _ = simulate(cmat, delay, steps, a, a.sigma_ou)
        best = min(best, time.perf_counter() - t0)
    if a.out:
        np.save(a.out, np.ascontiguousarray(exc[:, a.sample_every - 1::a.sample_every].T))
    n = cmat.shape[0]
    print(json.dumps({"tool": "numba", "model": "wc", "nodes": n, "steps": steps, "seconds": best,
                      "region_steps_per_s": n * steps / best, "numba": numba.__version__}))


if __name__ == "__main__":
    main()
