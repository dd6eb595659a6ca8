"""What the Brian2 network references share: the common command line, the standalone device setup,
the timed run (compile time apart from the network loop) and the adex/izhikevich report."""
import argparse, tempfile, time


def network_parser(neurons, duration_ms):
    """The options every network reference takes; scripts add their own after these."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--neurons", type=int, default=neurons)
    ap.add_argument("--duration-ms", type=float, default=duration_ms)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=["standalone", "runtime"], default="standalone")
    ap.add_argument("--warmup-ms", type=float, default=200.0)
    return ap


def setup_device(a, prefix):
    """C++ standalone (unless --mode runtime) in a fresh build folder, the seed, and dt = 0.1 ms.
    Brian2 is imported here, after the command line is parsed, so that --help stays quick."""
    from brian2 import set_device, prefs, defaultclock, ms, seed as brian_seed
    build_dir = tempfile.mkdtemp(prefix=prefix)
    if a.mode == "standalone":
        set_device("cpp_standalone", directory=build_dir, build_on_run=False)
        prefs.devices.cpp_standalone.openmp_threads = a.threads
    brian_seed(a.seed)
    defaultclock.dt = 0.1 * ms
    return build_dir


def run_timed(net, a, build_dir):
    """Runs the network; returns (compile_s, wall_s), wall_s the network loop only in standalone mode."""
    from brian2 import device, ms
    t0 = time.perf_counter()
    net.run(a.duration_ms * ms)
    if a.mode == "standalone":
        device.build(directory=build_dir, compile=True, run=False)
        compile_s = time.perf_counter() - t0
        t1 = time.perf_counter()
        device.run(directory=build_dir, with_output=False, run_args=[])
        return compile_s, getattr(device, "_last_run_time", None) or (time.perf_counter() - t1)
    return 0.0, time.perf_counter() - t0


def print_network_report(model, a, n, compile_s, wall, rate_e, rate_i, cv_e, cv_i):
    """The key=value lines the neuron-model comparison (run_neuron_models.sh) reads."""
    steps = int(round(a.duration_ms / 0.1))
    print("engine=brian2")
    print(f"model={model}")
    print(f"neurons={n}")
    print(f"threads={a.threads}")
    print(f"seed={a.seed}")
    print(f"sim_seconds={a.duration_ms / 1000.0:g}")
    print(f"compile_s={compile_s:.3f}")
    print(f"wall_s={wall:.3f}")
    print(f"neuron_steps_per_s={n * steps / wall:.3e}")
    print(f"rate_hz_E={rate_e:.3f}")
    print(f"rate_hz_I={rate_i:.3f}")
    print(f"cv_isi_E={cv_e:.4f}")
    print(f"cv_isi_I={cv_i:.4f}")
