#!/usr/bin/python3
"""The COBA benchmark (Vogels and Abbott 2005; Brette et al. 2007, benchmark 1) in Brian2, as in
Brian2's example (Euler; random initial V and conductances), for side-by-side timing against
`neuroengine bench lif-network --model coba`, which integrates the same Euler scheme (V and the
conductances). Synapses have a one-step delay (0.1 ms), as in NeuroEngine; Brian2's
example has none. /usr/bin/python3 coba_brian2.py --neurons 4000
"""
import os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network_stats import spike_stats
from brian2_common import network_parser, setup_device, run_timed

ap = network_parser(neurons=4000, duration_ms=1000.0)
a = ap.parse_args()

from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, mV, nS, pF

build_dir = setup_device(a, "coba_brian2_")
N = a.neurons; NE = int(round(0.8 * N))
ns = dict(Cm=200 * pF, gl=10 * nS, El=-60 * mV, Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms,
          Vt=-50 * mV, Vr=-60 * mV, we=6 * nS, wi=67 * nS)
eqs = """dv/dt = (gl * (El - v) + ge * (Ee - v) + gi * (Ei - v)) / Cm : volt (unless refractory)
dge/dt = -ge / taue : siemens
dgi/dt = -gi / taui : siemens"""
P = NeuronGroup(N, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method="euler", namespace=ns)
P.v = "El + (randn() * 5 - 5) * mV"
P.ge = "(randn() * 1.5 + 4) * gl"
P.gi = "(randn() * 12 + 20) * gl"
# a delay of one step (0.1 ms), as NeuroEngine uses; Brian2's example has none
Ce = Synapses(P[:NE], P, on_pre="ge += we", delay=0.1 * ms, namespace=ns)
Ci = Synapses(P[NE:], P, on_pre="gi += wi", delay=0.1 * ms, namespace=ns)
Ce.connect(p=0.02)
Ci.connect(p=0.02)
M = SpikeMonitor(P)
net = Network(P, Ce, Ci, M)
compile_s, wall = run_timed(net, a, build_dir)
i = np.asarray(M.i[:]); t = np.asarray(M.t[:] / ms)
rate_e, cv, fano = spike_stats(i, t, 0, NE, a.warmup_ms, a.duration_ms)
rate_i, _, _ = spike_stats(i, t, NE, N - NE, a.warmup_ms, a.duration_ms)
counts = np.bincount(i, minlength=N)
outdeg = np.bincount(np.concatenate([Ce.i[:], NE + Ci.i[:]]), minlength=N)
print("engine=brian2")
print("model=coba")
print(f"neurons={N}")
print(f"threads={a.threads}")
print(f"sim_seconds={a.duration_ms / 1000.0:g}")
print(f"compile_s={compile_s:.3f}")
print(f"wall_s={wall:.3f}")
print(f"realtime_factor={a.duration_ms / 1000.0 / wall:.4f}")
print(f"synaptic_events_per_s={float((counts * outdeg).sum()) / wall:.3e}")
print(f"rate_hz_E={rate_e:.3f}")
print(f"rate_hz_I={rate_i:.3f}")
print(f"cv_isi={cv:.4f}")
print(f"fano={fano:.4f}")
