#!/usr/bin/python3
"""Reference: the batched single-neuron LIF model of the BayesFlow LIF project (docs/lif-neurons.md), vectorised across
neurons in numpy (loop over time steps, arrays over neurons).

Per step k = 0 .. Lt-2 (Lt = len(arange(0, T, dt)), v[0] = V_init), as the seed's loop:
  1. if refractory counter > 0: v := V_reset, counter -= 1
     elif v >= V_th:            spike at k, v := V_reset, counter := ceil(tref/dt)
  2. I ~ N(I_mean, I_std^2) drawn fresh per neuron per step (numpy default Generator, PCG64)
     v := v + (dt/tau_m) * (-(v - E_L) + I/g_L), clipped to [v_lo, v_hi]
Only spike counts are kept (no voltage output, no observation noise, no mean_v).

Throughput = neurons * Lt / wall seconds of the time loop (parameter sampling excluded),
best of --repeat runs. The last stdout line is exactly `neuron_steps_per_s=<number>`.

Parameters (default --params prior): the prior of the BayesFlow LIF project sampled with numpy
(truncated normals by rejection for V_th, E_L, V_init, V_reset with the ordering caps;
clipped log-normals for tau_m, g_L): the engine's distribution, different draws, so mean
spike counts agree statistically, not exactly.
--params fixed uses V_th=-55, tau_m=10, g_L=10, V_reset=-72, V_init=-70, E_L=-70 for all.

--check: runs 5 noiseless neurons (I_std = 0) through this vectorised code and through a
scalar transliteration of the seed's loop and compares the spike counts exactly.
"""
import argparse
import math
import sys
import time

import numpy as np

NAMES = ("V_th", "tau_m", "g_L", "V_reset", "V_init", "E_L")


def n_samples(t_ms, dt_ms):
    return len(np.arange(0.0, t_ms, dt_ms))


def ref_steps(tref_ms, dt_ms):
    return int(math.ceil(tref_ms / dt_ms))


def truncnorm(rng, mean, sd, low, high, n):
    """N(mean, sd^2) truncated to [low, high] (bounds may be arrays), by rejection."""
    low = np.broadcast_to(low, (n,))
    high = np.broadcast_to(high, (n,))
    x = rng.normal(mean, sd, n)
    bad = (x < low) | (x > high)
    while bad.any():
        idx = np.flatnonzero(bad)
        x[idx] = rng.normal(mean, sd, idx.size)
        bad[idx] = (x[idx] < low[idx]) | (x[idx] > high[idx])
    return x


def sample_params(n, rng, kind):
    if kind == "fixed":
        return {k: np.full(n, v) for k, v in zip(NAMES, (-55.0, 10.0, 10.0, -72.0, -70.0, -70.0))}
    # The BayesFlow LIF prior, in its order (same distribution as the engine's, other draws).
    v_th = truncnorm(rng, -55.0, 2.0, -60.0, -50.0, n)
    e_l = truncnorm(rng, -70.0, 2.0, -75.0, -60.0, n)
    v_init = truncnorm(rng, -70.0, 2.0, -80.0, np.minimum(e_l - 0.5, -65.0), n)
    v_reset = truncnorm(rng, -72.0, 2.0, -85.0, np.minimum(v_init - 0.5, -65.0), n)
    tau_m = np.clip(np.exp(rng.normal(math.log(10.0), 0.2, n)), 5.0, 20.0)
    g_l = np.clip(np.exp(rng.normal(math.log(10.0), 0.2, n)), 5.0, 15.0)
    return {"V_th": v_th, "tau_m": tau_m, "g_L": g_l, "V_reset": v_reset, "V_init": v_init, "E_L": e_l}


def simulate(p, t_ms, dt_ms, tref_ms, i_mean, i_std, v_lo, v_hi, rng):
    """Vectorised over neurons; returns spike counts (int64 array)."""
    v_th, tau_m, g_l = p["V_th"], p["tau_m"], p["g_L"]
    v_reset, e_l = p["V_reset"], p["E_L"]
    n = v_th.shape[0]
    lt = n_samples(t_ms, dt_ms)
    nref = ref_steps(tref_ms, dt_ms)
    a = dt_ms / tau_m
    inv_gl = 1.0 / g_l
    v = p["V_init"].astype(np.float64, copy=True)
    ref = np.zeros(n, dtype=np.int32)
    counts = np.zeros(n, dtype=np.int64)
    z = np.empty(n)
    drive = np.empty(n)
    for _ in range(lt - 1):
        # 1. refractory hold / threshold test on the pre-update value
        refr = ref > 0
        np.subtract(ref, 1, out=ref, where=refr)
        spk = v >= v_th
        spk &= ~refr
        counts += spk
        ref[spk] = nref
        np.copyto(v, v_reset, where=refr | spk)
        # 2. fresh input current per neuron: I = I_mean + I_std * z
        rng.standard_normal(out=z)
        np.multiply(z, i_std, out=z)
        z += i_mean
        # Euler step: v += a * (-(v - E_L) + I / g_L), then clip
        np.subtract(v, e_l, out=drive)
        np.negative(drive, out=drive)
        z *= inv_gl
        drive += z
        drive *= a
        v += drive
        np.clip(v, v_lo, v_hi, out=v)
    return counts


def simulate_scalar(theta, t_ms, dt_ms, tref_ms, i_mean, i_std, v_lo, v_hi, rng):
    """The seed's loop for one neuron, transliterated (theta in NAMES order)."""
    v_th, tau_m, g_l, v_reset, v_init, e_l = theta
    t = np.arange(0.0, t_ms, dt_ms)
    lt = len(t)
    current = rng.normal(i_mean, i_std, lt) if i_std > 0 else np.full(lt, i_mean)
    v = np.zeros(lt)
    v[0] = v_init
    spikes = np.zeros(lt)
    ref_counter = 0
    for k in range(lt - 1):
        if ref_counter > 0:
            v[k] = v_reset
            ref_counter -= 1
        elif v[k] >= v_th:
            spikes[k] = 1.0
            v[k] = v_reset
            ref_counter = ref_steps(tref_ms, dt_ms)
        v[k + 1] = v[k] + (dt_ms / tau_m) * (-(v[k] - e_l) + current[k] / g_l)
        v[k + 1] = min(max(v[k + 1], v_lo), v_hi)
    return int(spikes.sum())


def check(args):
    thetas = [  # V_th, tau_m, g_L, V_reset, V_init, E_L
        (-55.0, 10.0, 10.0, -72.0, -70.0, -70.0),   # drive 20 mV: regular spiking
        (-52.3, 7.5, 8.0, -74.1, -71.0, -68.2),     # stronger drive, faster membrane
        (-50.0, 20.0, 15.0, -85.0, -80.0, -60.0),   # fixed point -46.7 > V_th: slow spiking
        (-55.0, 10.0, 15.0, -72.0, -70.0, -70.0),   # fixed point -56.7 < V_th: silent
        (-58.9, 5.0, 5.0, -66.0, -65.5, -65.0),     # very strong drive: refractory-limited
    ]
    p = {k: np.array([th[i] for th in thetas]) for i, k in enumerate(NAMES)}
    s = dict(t_ms=args.t_ms, dt_ms=args.dt_ms, tref_ms=args.tref_ms, i_mean=args.i_mean, i_std=0.0,
             v_lo=args.v_lo, v_hi=args.v_hi)
    vec = simulate(p, rng=np.random.default_rng(args.seed), **s)
    ok = True
    for i, th in enumerate(thetas):
        ref = simulate_scalar(th, rng=np.random.default_rng(args.seed), **s)
        match = ref == int(vec[i])
        ok &= match
        print(f"neuron {i}: theta={th} vectorised={int(vec[i])} scalar={ref} {'ok' if match else 'MISMATCH'}")
    print("check: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--neurons", type=int, default=200_000)
    ap.add_argument("--t-ms", type=float, default=200.0)
    ap.add_argument("--dt-ms", type=float, default=0.2)
    ap.add_argument("--tref-ms", type=float, default=2.0)
    ap.add_argument("--i-mean", type=float, default=200.0)
    ap.add_argument("--i-std", type=float, default=50.0)
    ap.add_argument("--v-lo", type=float, default=-100.0)
    ap.add_argument("--v-hi", type=float, default=100.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=45)
    ap.add_argument("--params", choices=("prior", "fixed"), default="prior")
    ap.add_argument("--no-noise", action="store_true", help="I_std = 0")
    ap.add_argument("--check", action="store_true", help="5 noiseless neurons vs the scalar seed loop")
    args = ap.parse_args()
    if args.check:
        return check(args)
    if args.neurons < 1 or args.repeat < 1:
        ap.error("--neurons and --repeat must be >= 1")
    i_std = 0.0 if args.no_noise else args.i_std
    rng = np.random.default_rng(args.seed)
    p = sample_params(args.neurons, rng, args.params)
    lt = n_samples(args.t_ms, args.dt_ms)
    steps = args.neurons * lt
    print(f"numpy {np.__version__}, python {sys.version.split()[0]}; neurons={args.neurons} samples={lt} "
          f"noise={'off' if i_std == 0 else 'on'} params={args.params}")
    best = 0.0
    for r in range(args.repeat):
        t0 = time.perf_counter()
        counts = simulate(p, args.t_ms, args.dt_ms, args.tref_ms, args.i_mean, i_std, args.v_lo, args.v_hi, rng)
        wall = time.perf_counter() - t0
        rate = steps / wall
        best = max(best, rate)
        print(f"repeat {r}: {wall:.3f} s, {rate:.4g} neuron-steps/s, mean spikes/neuron {counts.mean():.3f}")
    print(f"neuron_steps_per_s={best:.6g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
