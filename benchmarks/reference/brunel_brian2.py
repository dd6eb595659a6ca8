#!/usr/bin/python3
"""Brunel (2000) model A in Brian2 with NEST's conventions, for side-by-side
timing and statistics against `neuroengine bench lif-network --model brunel`.

Semantics made to match NEST/NeuroEngine: exact leak integration; the schedule puts synaptic
delivery (recurrent spikes and the PoissonInput) after the state update and before the threshold
test; refractory neurons hold V at V_reset (`unless refractory`) and discard arriving input
(weights multiplied by int(not_refractory)); fixed in-degree with autapses and multapses allowed,
drawn with numpy. Run with Debian's interpreter: /usr/bin/python3 brunel_brian2.py --neurons 10000
"""
import argparse, os, sys, tempfile, time
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from network_stats import spike_stats

ap = argparse.ArgumentParser()
ap.add_argument("--neurons", type=int, default=10000)
ap.add_argument("--g", type=float, default=5.0)
ap.add_argument("--eta", type=float, default=2.0)
ap.add_argument("--duration-ms", type=float, default=1000.0)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--mode", choices=["standalone", "runtime"], default="standalone")
ap.add_argument("--warmup-ms", type=float, default=200.0)
ap.add_argument("--spikes-out", default=None)
a = ap.parse_args()

from brian2 import (NeuronGroup, Synapses, PoissonInput, SpikeMonitor, Network, defaultclock, ms, mV, Hz,
                    set_device, device, prefs, seed as brian_seed)

build_dir = tempfile.mkdtemp(prefix="brunel_brian2_")
if a.mode == "standalone":
    set_device("cpp_standalone", directory=build_dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = a.threads
brian_seed(a.seed)
rng = np.random.default_rng(a.seed)

N = a.neurons
NE = int(round(0.8 * N)); NI = N - NE
CE = max(1, int(round(0.1 * NE))); CI = max(1, int(round(0.1 * NI)))
tau, theta, Vr, tref, J, D = 20 * ms, 20 * mV, 10 * mV, 2 * ms, 0.1 * mV, 1.5 * ms
nu_thr = theta / (J * CE * tau)
defaultclock.dt = 0.1 * ms

G = NeuronGroup(N, "dv/dt = -v / tau : volt (unless refractory)", threshold="v >= theta", reset="v = Vr",
                refractory=tref, method="exact", namespace=dict(tau=tau, theta=theta, Vr=Vr))
G.v = "rand() * theta"
targets = np.repeat(np.arange(N), CE)
SE = Synapses(G, G, on_pre="v_post += J * int(not_refractory_post)", delay=D, namespace=dict(J=J))
SE.connect(i=rng.integers(0, NE, N * CE), j=targets)
SI = Synapses(G, G, on_pre="v_post += -g * J * int(not_refractory_post)", delay=D, namespace=dict(J=J, g=a.g))
SI.connect(i=NE + rng.integers(0, NI, N * CI), j=np.repeat(np.arange(N), CI))
P = PoissonInput(G, "v", CE, a.eta * nu_thr, weight="J * int(not_refractory)")
M = SpikeMonitor(G)
net = Network(G, SE, SI, P, M)
net.schedule = ["start", "groups", "synapses", "thresholds", "resets", "end"]

t0 = time.perf_counter()
net.run(a.duration_ms * ms, namespace=dict(J=J))
if a.mode == "standalone":
    device.build(directory=build_dir, compile=True, run=False)
    compile_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    device.run(directory=build_dir, with_output=False, run_args=[])
    total_run = time.perf_counter() - t1
    wall = getattr(device, "_last_run_time", None) or total_run  # the network loop only (results/last_run_info.txt)
else:
    compile_s = 0.0
    wall = time.perf_counter() - t0

i = np.asarray(M.i[:]); t = np.asarray(M.t[:] / ms)
duration = a.duration_ms
rate_e, cv, fano = spike_stats(i, t, 0, NE, a.warmup_ms, duration)
rate_i, _, _ = spike_stats(i, t, NE, NI, a.warmup_ms, duration)
counts = np.bincount(i, minlength=N)
outdeg = np.bincount(SE.i[:], minlength=N) + np.bincount(SI.i[:], minlength=N)
recurrent = float((counts * outdeg).sum())
external = N * CE * float(a.eta * nu_thr / Hz) * duration / 1000.0
if a.spikes_out:
    np.savez(a.spikes_out, i=i, t_ms=t)
print("engine=brian2")
print("model=brunel")
print(f"neurons={N}")
print(f"threads={a.threads}")
print(f"sim_seconds={duration / 1000.0:g}")
print(f"compile_s={compile_s:.3f}")
print(f"wall_s={wall:.3f}")
print(f"realtime_factor={duration / 1000.0 / wall:.4f}")
# events: recurrent spikes times the spiking neuron's out-degree, plus external Poisson events
print(f"synaptic_events_per_s={(recurrent + external) / wall:.3e}")
print(f"rate_hz_E={rate_e:.3f}")
print(f"rate_hz_I={rate_i:.3f}")
print(f"cv_isi={cv:.4f}")
print(f"fano={fano:.4f}")
