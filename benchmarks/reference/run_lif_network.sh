#!/usr/bin/env bash
# Side-by-side LIF network benchmark: Brian2 (Debian python3-brian, C++ standalone) and
# NeuroEngine on the same machine, Brunel (2000) model A at N = 10,000 and 50,000 and the COBA
# benchmark at 4,000 neurons, 1 s of biological time, 1 and 2 threads. Prints a markdown table:
# wall time of the simulation loop, realtime factor, synaptic events/s, rates, and the speed-up
# (Brian2 wall / NeuroEngine wall at the same thread count).
#   benchmarks/reference/run_lif_network.sh [--quick] [--only brunel|coba] [--skip-engine] [--skip-brian]
# NeuroEngine runs in float64 and, as a second row, float32 state.
# Run it on an otherwise idle machine: both engines fight for the same cores otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
quick=0; skip_engine=0; skip_brian=0; only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    --skip-engine) skip_engine=1 ;;
    --skip-brian) skip_brian=1 ;;
    *) echo "usage: $0 [--quick] [--only brunel|coba] [--skip-engine] [--skip-brian]" >&2; exit 2 ;;
  esac
  shift
done

if [[ $skip_brian == 0 ]] && ! /usr/bin/python3 -c "import brian2, numpy, scipy" 2>/dev/null; then
  echo "installing python3-brian, python3-numpy, python3-scipy (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-brian python3-numpy python3-scipy >&2
fi

value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }

runs=("brunel 10000" "coba 4000")
[[ $quick == 0 ]] && runs=("brunel 10000" "brunel 50000" "coba 4000")
threads_list=(1 2)
[[ $quick == 1 ]] && threads_list=(1)

echo "| model | N | threads | engine | wall (s) | realtime factor | synaptic events/s | rate E (Hz) | rate I (Hz) | CV ISI | speed-up |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  read -r model n <<<"$run"
  [[ -n "$only" && "$only" != "$model" ]] && continue
  for t in "${threads_list[@]}"; do
    brian_wall=""
    if [[ $skip_brian == 0 ]]; then
      out=$(/usr/bin/python3 "$here/${model}_brian2.py" --neurons "$n" --threads "$t" --duration-ms 1000 --seed 1 2>/dev/null || true)
      brian_wall=$(value "$out" wall_s)
      echo "| $model | $n | $t | Brian2 | ${brian_wall:-n/a} | $(value "$out" realtime_factor) | $(value "$out" synaptic_events_per_s) | $(value "$out" rate_hz_E) | $(value "$out" rate_hz_I) | $(value "$out" cv_isi) | 1 |"
    fi
    if [[ $skip_engine == 0 ]]; then
      for precision in float64 float32; do
        out=$("$root/neuroengine" bench lif-network --model "$model" --neurons "$n" --threads "$t" --duration-ms 1000 --seed 1 --precision "$precision" 2>/dev/null || true)
        wall=$(value "$out" wall_s)
        ratio="n/a"
        if [[ -n "$brian_wall" && -n "$wall" ]]; then ratio=$(/usr/bin/python3 -c "print(f'{$brian_wall / $wall:.1f}x')"); fi
        echo "| $model | $n | $t | NeuroEngine $precision | ${wall:-n/a} | $(value "$out" realtime_factor) | $(value "$out" synaptic_events_per_s) | $(value "$out" rate_hz_E) | $(value "$out" rate_hz_I) | $(value "$out" cv_isi) | $ratio |"
      done
    fi
  done
done
echo
echo "Brian2 $(/usr/bin/python3 -c 'import brian2; print(brian2.__version__)' 2>/dev/null || echo n/a); $("$root/neuroengine" --version 2>/dev/null | tail -1)"
