#!/usr/bin/env bash
# Side-by-side benchmark of the built-in neural mass kernels and the same models written as model files
# (examples/models/wc.yaml, fhn.yaml, hopf.yaml; docs/custom-models.md), compiled to native code: the same work
# through `neuroengine bench mass` (gw connectome, 80 regions, delays at signalV 20 m/s, OU noise sigma_ou 0.05,
# dt 0.1 ms), one parameter set alone and a batch of 16 sets in one call. Built-in and file runs alternate, each
# pair R times (the best of each is kept, so a busy moment hurts neither side more). Prints a markdown table:
# region-steps/s of each and the ratio built-in / file (1.00: as fast; 1.30: the file takes 30% longer), and
# whether both computed the same last value.
#   benchmarks/reference/run_custom_models.sh [--quick] [--threads N] [--rounds R]
#   (--quick: 2 s simulated per run instead of 20 s; --threads: 1 by default)
# Run it on an otherwise idle machine.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=20000
threads=1
rounds=3
batch=16
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) duration=2000; shift ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "usage: $0 [--quick] [--threads N] [--rounds R]" >&2; exit 2 ;;
  esac
done

value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
best() { /usr/bin/python3 -c "import sys; print(f'{max(float(x) for x in sys.argv[1:]):.3e}')" "$@"; }
ratio() { /usr/bin/python3 -c "print(f'{$1 / $2:.2f}')"; }

# compile (or find in the cache) each model file once before any timing
for m in wc fhn hopf; do
  "$root/neuroengine" bench mass --model-file "$root/examples/models/$m.yaml" --backend compiled --connectome gw --batch 1 \
    --duration-ms 10 --threads 1 --skip-separate >/dev/null
done

echo "| model | work | built-in region-steps/s | model file region-steps/s | built-in / file | same values |"
echo "|---|---|---|---|---|---|"
for m in wc fhn hopf; do
  for k in 1 "$batch"; do
    builtin=(); file=(); same=yes
    for ((r = 0; r < rounds; r++)); do
      args=(--connectome gw --batch "$k" --duration-ms "$duration" --threads "$threads" --sigma-ou 0.05 --skip-separate)
      a=$("$root/neuroengine" bench mass --model "$m" "${args[@]}")
      b=$("$root/neuroengine" bench mass --model-file "$root/examples/models/$m.yaml" --backend compiled "${args[@]}")
      builtin+=("$(value "$a" region_steps_per_s)"); file+=("$(value "$b" region_steps_per_s)")
      [[ "$(value "$a" check)" == "$(value "$b" check)" ]] || same=no
    done
    ba=$(best "${builtin[@]}"); fb=$(best "${file[@]}")
    work=$([[ "$k" == 1 ]] && echo "1 set, 80 regions" || echo "$k sets batched, 80 regions")
    echo "| $m | $work | $ba | $fb | $(ratio "$ba" "$fb") | $same |"
  done
done
echo
echo "$duration ms simulated per run, $threads thread(s), best of $rounds alternating runs; $("$root/neuroengine" --version 2>/dev/null | tail -1)"
compiler="${CC:-the compiler that built the engine}"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); model files compiled by: $compiler"
