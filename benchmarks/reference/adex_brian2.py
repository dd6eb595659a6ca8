#!/usr/bin/python3
"""A network of adaptive exponential integrate-and-fire neurons (Brette and Gerstner 2005) in Brian2,
for side-by-side statistics and timing against NeuroEngine's `examples/lif-network-adex.yaml` (the
same network from the model file examples/models/adex.yaml). 80% excitatory neurons with the paper's
parameters (C 281 pF, g_L 30 nS, E_L -70.6 mV, V_T -50.4 mV, Delta_T 2 mV, tau_w 144 ms, a 4 nS,
b 0.0805 nA, V_r = E_L, spike at V > 0 mV), 20% inhibitory ones without adaptation (a = b = 0);
2 ms refractory; exponential conductances (tau 5 and 10 ms, E 0 and -80 mV), pairwise Bernoulli
connections p = 0.02, 1 ms delay; Poisson drive into the excitatory conductance (4 kHz of 1 nS events). Euler at
dt = 0.1 ms; the schedule puts delivery after the state update and before the threshold test, as
NeuroEngine does.
  /usr/bin/python3 adex_brian2.py [--neurons 4000] [--duration-ms 2000] [--seed 1] [--mode standalone]
"""
import os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network_stats import spike_stats
from brian2_common import network_parser, setup_device, run_timed, print_network_report

ap = network_parser(neurons=4000, duration_ms=3000.0)
ap.add_argument("--we", type=float, default=1.0)
ap.add_argument("--wi", type=float, default=8.0)
ap.add_argument("--drive-hz", type=float, default=4000.0)
ap.add_argument("--drive-w", type=float, default=1.0)
a = ap.parse_args()

from brian2 import NeuronGroup, Synapses, PoissonInput, SpikeMonitor, Network, ms, mV, nS, pF, nA, Hz

build_dir = setup_device(a, "adex_brian2_")
N = a.neurons; NE = int(round(0.8 * N))
ns = dict(C=281 * pF, gL=30 * nS, EL=-70.6 * mV, VT=-50.4 * mV, DeltaT=2 * mV, tauw=144 * ms, Vpeak=0 * mV,
          Ee=0 * mV, Ei=-80 * mV, taue=5 * ms, taui=10 * ms, we=a.we * nS, wi=a.wi * nS)
eqs = """dv/dt = (-gL * (v - EL) + gL * DeltaT * exp((v - VT) / DeltaT) - w + ge * (Ee - v) + gi * (Ei - v)) / C : volt (unless refractory)
dw/dt = (a * (v - EL) - w) / tauw : amp
dge/dt = -ge / taue : siemens
dgi/dt = -gi / taui : siemens
a : siemens
b : amp"""
G = NeuronGroup(N, eqs, threshold="v > Vpeak", reset="v = EL; w += b", refractory=2 * ms, method="euler",
                namespace=ns)
G[:NE].a = 4 * nS; G[:NE].b = 0.0805 * nA
G[NE:].a = 0 * nS; G[NE:].b = 0 * nA
G.v = "EL + rand() * (VT - EL)"
Ce = Synapses(G[:NE], G, on_pre="ge_post += we", delay=1 * ms, namespace=ns)
Ci = Synapses(G[NE:], G, on_pre="gi_post += wi", delay=1 * ms, namespace=ns)
Ce.connect(p=0.02)
Ci.connect(p=0.02)
# 100 inputs at rate / 100: binomial counts, close to the Poisson counts NeuroEngine draws
drive = PoissonInput(G, "ge", 100, a.drive_hz / 100 * Hz, weight=a.drive_w * nS)
M = SpikeMonitor(G)
net = Network(G, Ce, Ci, drive, M)
net.schedule = ["start", "groups", "synapses", "thresholds", "resets", "end"]
compile_s, wall = run_timed(net, a, build_dir)
i = np.asarray(M.i[:]); t = np.asarray(M.t[:] / ms)
rate_e, cv_e, _ = spike_stats(i, t, 0, NE, a.warmup_ms, a.duration_ms)
rate_i, cv_i, _ = spike_stats(i, t, NE, N - NE, a.warmup_ms, a.duration_ms)
print_network_report("adex", a, N, compile_s, wall, rate_e, rate_i, cv_e, cv_i)
