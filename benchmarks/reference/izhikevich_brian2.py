#!/usr/bin/python3
"""Izhikevich's (2003) network in Brian2, for side-by-side statistics and timing against NeuroEngine's
`examples/lif-network-izhikevich.yaml` (the same network from the model file
examples/models/izhikevich.yaml). 800 regular-spiking (a 0.02, b 0.2, c -65, d 8) and 200
fast-spiking (a 0.1, b 0.2, c -65, d 2) neurons, all to all with constant weights (v jumps of
0.125 mV excitatory, half the mean of the paper's random 0.5 * rand, which synchronises the network
into seed-dependent bursts; -0.5 mV inhibitory, the paper's mean), a 1 ms delay, and the thalamic
noise as zero-mean Poisson kicks of +-2.5 mV at 2 kHz each (variance 25 mV^2 per ms, the paper's
5 * randn per ms; inhibitory neurons get the same). Euler at dt = 0.1 ms; the schedule puts delivery
after the state update and before the threshold test, as NeuroEngine does.
  /usr/bin/python3 izhikevich_brian2.py [--duration-ms 2000] [--seed 1] [--mode standalone]
"""
import os, sys
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network_stats import spike_stats
from brian2_common import network_parser, setup_device, run_timed, print_network_report

ap = network_parser(neurons=1000, duration_ms=5000.0)
ap.add_argument("--we", type=float, default=0.125)
ap.add_argument("--wi", type=float, default=-0.5)
ap.add_argument("--ji", type=float, default=2.5)
a = ap.parse_args()

from brian2 import NeuronGroup, Synapses, PoissonInput, SpikeMonitor, Network, ms, Hz

build_dir = setup_device(a, "izhikevich_brian2_")
N = a.neurons; NE = int(round(0.8 * N)); NI = N - NE
eqs = """dv/dt = (0.04 * v**2 + 5 * v + 140 - u) / ms : 1
du/dt = a * (b * v - u) / ms : 1
a : 1
b : 1
c : 1
d : 1"""
G = NeuronGroup(N, eqs, threshold="v >= 30", reset="v = c; u += d", method="euler")
E, I = G[:NE], G[NE:]
E.a = 0.02; E.b = 0.2; E.c = -65; E.d = 8
I.a = 0.1; I.b = 0.2; I.c = -65; I.d = 2
G.v = -65
G.u = "b * v"
# all to all, the paper's mean weights, scaled with the network size as the paper's 800/200
SE = Synapses(E, G, on_pre="v_post += we * 800 / NE", delay=1 * ms, namespace=dict(NE=NE, we=a.we))
SE.connect()
SI = Synapses(I, G, on_pre="v_post += wi * 200 / NI", delay=1 * ms, namespace=dict(NI=NI, wi=a.wi))
SI.connect()
# thalamic noise: zero-mean Poisson kicks (J = 2.5 mV at 2 kHz each sign: 25 mV^2/ms)
# (100 inputs at rate / 100 each: binomial counts, close to the Poisson counts NeuroEngine draws)
inputs = [PoissonInput(E, "v", 100, 20 * Hz, weight=2.5), PoissonInput(E, "v", 100, 20 * Hz, weight=-2.5),
          PoissonInput(I, "v", 100, 20 * Hz, weight=a.ji), PoissonInput(I, "v", 100, 20 * Hz, weight=-a.ji)]
M = SpikeMonitor(G)
net = Network(G, SE, SI, M, *inputs)
net.schedule = ["start", "groups", "synapses", "thresholds", "resets", "end"]
compile_s, wall = run_timed(net, a, build_dir)
i = np.asarray(M.i[:]); t = np.asarray(M.t[:] / ms)
rate_e, cv_e, _ = spike_stats(i, t, 0, NE, a.warmup_ms, a.duration_ms)
rate_i, cv_i, _ = spike_stats(i, t, NE, NI, a.warmup_ms, a.duration_ms)
print_network_report("izhikevich", a, N, compile_s, wall, rate_e, rate_i, cv_e, cv_i)
