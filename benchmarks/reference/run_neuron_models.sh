#!/usr/bin/env bash
# Side-by-side benchmark of user neuron models: the AdEx network (examples/lif-network-adex.yaml, 4000
# neurons, 3 s) and Izhikevich's network (examples/lif-network-izhikevich.yaml, 1000 neurons all to all,
# 5 s), each in Brian2 (Debian python3-brian, C++ standalone, adex_brian2.py / izhikevich_brian2.py) and in
# NeuroEngine (the model files compiled to native code), one thread each, alternating, `--repeats` times.
# Prints a markdown table: the fastest simulation loop of each engine (Brian2: the standalone binary's
# network loop; NeuroEngine: run.json's simulate_time_s), neuron-steps per second, the speed-up, and the
# statistics (rates, CV of ISI) of the last run, window 200 ms to the end.
#   benchmarks/reference/run_neuron_models.sh [--repeats 3] [--only adex|izhikevich]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
repeats=3; only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeats) repeats="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) echo "usage: $0 [--repeats N] [--only adex|izhikevich]" >&2; exit 2 ;;
  esac
  shift
done
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/neuroengine" --version >/dev/null 2>&1 || true # build once, outside the timings

echo "| model | neurons | engine | loop (s) | neuron-steps/s | speed-up | rate E (Hz) | rate I (Hz) | CV E | CV I |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for run in "adex 4000 3200 3000" "izhikevich 1000 800 5000"; do
  read -r model n ne ms <<<"$run"
  [[ -n "$only" && "$only" != "$model" ]] && continue
  best_b=""; best_n=""
  for ((r = 0; r < repeats; r++)); do
    out=$(/usr/bin/python3 "$here/${model}_brian2.py" --seed 1 --threads 1 --duration-ms "$ms" 2>/dev/null)
    w=$(value "$out" wall_s)
    best_b=$(/usr/bin/python3 -c "print(min(x for x in [$w, ${best_b:-1e9}]))")
    "$root/neuroengine" simulate "$root/examples/lif-network-$model.yaml" --out "$tmp/$model" --threads 1 --seed 1 --no-report >/dev/null
    w=$(/usr/bin/python3 -c "import json; print(json.load(open('$tmp/$model/run.json'))['simulate_time_s'])")
    best_n=$(/usr/bin/python3 -c "print(f'{min(x for x in [$w, ${best_n:-1e9}]):.3f}')")
  done
  ours=$(cd "$here" && /usr/bin/python3 -c "
import numpy as np
from network_stats import spike_stats
d = np.load('$tmp/$model/spikes.npy'); i = d[:, 0].astype(int); t = d[:, 1]
e = spike_stats(i, t, 0, $ne, 200, $ms); s = spike_stats(i, t, $ne, $n - $ne, 200, $ms)
print(f'{e[0]:.3f} {s[0]:.3f} {e[1]:.4f} {s[1]:.4f}')")
  read -r re ri ce ci <<<"$ours"
  steps=$(( ms * 10 ))
  echo "| $model | $n | Brian2 | $best_b | $(/usr/bin/python3 -c "print(f'{$n * $steps / $best_b:.3g}')") | 1 | $(value "$out" rate_hz_E) | $(value "$out" rate_hz_I) | $(value "$out" cv_isi_E) | $(value "$out" cv_isi_I) |"
  echo "| $model | $n | NeuroEngine | $best_n | $(/usr/bin/python3 -c "print(f'{$n * $steps / $best_n:.3g}')") | $(/usr/bin/python3 -c "print(f'{$best_b / $best_n:.1f}x')") | $re | $ri | $ce | $ci |"
done
