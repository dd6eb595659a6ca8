#!/usr/bin/env bash
# Compares the engine's batched LIF neurons (`./neuroengine bench lif-neurons`, threads 1 and 2)
# with the numpy reference (lif_neurons_numpy.py, one thread) on the same machine, same N and T,
# noise on, default settings otherwise (dt = 0.2 ms). Prints a markdown table of neuron-steps/s.
# The engine and numpy runs alternate for --rounds rounds and each keeps its best, so a slow spell
# of a shared machine does not land on one side of the ratio only.
#
# Usage: benchmarks/reference/run_lif_neurons.sh [--neurons N] [--t-ms T] [--repeat R] [--seed S]
#                                                 [--threads "1 2"] [--rounds K] [--skip-engine]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3

neurons=200000
t_ms=200
repeat=3
seed=45
threads_list="1 2"
rounds=2
skip_engine=0

die() { echo "run_lif_neurons.sh: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --neurons) neurons="${2:?--neurons needs a value}"; shift 2 ;;
    --t-ms) t_ms="${2:?--t-ms needs a value}"; shift 2 ;;
    --repeat) repeat="${2:?--repeat needs a value}"; shift 2 ;;
    --seed) seed="${2:?--seed needs a value}"; shift 2 ;;
    --threads) threads_list="${2:?--threads needs a value}"; shift 2 ;;
    --rounds) rounds="${2:?--rounds needs a value}"; shift 2 ;;
    --skip-engine) skip_engine=1; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

case "$rounds" in ''|*[!0-9]*|0) die "--rounds must be a positive integer, got '$rounds'" ;; esac

# (a) numpy for Debian's python3 (the python3 first on PATH may lack it).
if ! "$py" -c 'import numpy' 2>/dev/null; then
  echo "installing python3-numpy for $py ..." >&2
  if [ "$(id -u)" -eq 0 ]; then sudo_cmd=(); else sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update >&2 || die "apt-get update failed"
  "${sudo_cmd[@]}" apt-get install -y python3-numpy >&2 || die "apt-get install python3-numpy failed"
  "$py" -c 'import numpy' || die "numpy still not importable by $py after installing python3-numpy"
fi

# Extracts the number from a last stdout line `neuron_steps_per_s=<number>`.
parse_rate() {
  local last
  last="$(printf '%s\n' "$1" | awk 'NF{l=$0} END{print l}')"
  case "$last" in
    neuron_steps_per_s=*) ;;
    *) return 1 ;;
  esac
  local value="${last#neuron_steps_per_s=}"
  awk -v x="$value" 'BEGIN{exit !(x+0 > 0)}' || return 1
  printf '%s\n' "$value"
}

# (b) numpy run, without the OpenBLAS overrides (they can break or slow numpy's import).
run_numpy() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" "$here/lif_neurons_numpy.py" "$@"
}

echo "numpy reference self-check (5 noiseless neurons vs the scalar seed loop) ..." >&2
run_numpy --check >&2 || die "numpy reference --check failed"

# The larger of two rates ("" counts as none).
max_rate() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a == "" || b + 0 > a + 0) print b; else print a }'; }

declare -A engine_best=()
np_rate=""
for round in $(seq 1 "$rounds"); do
  # (c) engine runs.
  if [ "$skip_engine" -eq 0 ]; then
    [ -x "$root/neuroengine" ] || die "$root/neuroengine not found or not executable"
    for th in $threads_list; do
      echo "round $round/$rounds, engine: neuroengine bench lif-neurons --neurons $neurons --t-ms $t_ms --threads $th --repeat $repeat --seed $seed ..." >&2
      errf="$(mktemp)"
      if ! out="$(cd "$root" && ./neuroengine bench lif-neurons --neurons "$neurons" --t-ms "$t_ms" --threads "$th" \
                   --repeat "$repeat" --seed "$seed" 2>"$errf")"; then
        cat "$errf" >&2; rm -f "$errf"
        printf '%s\n' "$out" >&2
        die "'./neuroengine bench lif-neurons' failed (threads $th); is the bench command built? try: ./neuroengine bench lif-neurons --neurons 10000 --repeat 1"
      fi
      rm -f "$errf"
      printf '%s\n' "$out" >&2
      rate="$(parse_rate "$out")" || die "engine bench (threads $th): last stdout line is not 'neuron_steps_per_s=<number>'"
      engine_best[$th]="$(max_rate "${engine_best[$th]:-}" "$rate")"
    done
  fi

  echo "round $round/$rounds, numpy: lif_neurons_numpy.py --neurons $neurons --t-ms $t_ms --repeat $repeat --seed $seed ..." >&2
  np_out="$(run_numpy --neurons "$neurons" --t-ms "$t_ms" --repeat "$repeat" --seed "$seed")" || die "numpy reference failed"
  printf '%s\n' "$np_out" >&2
  rate="$(parse_rate "$np_out")" || die "numpy reference: last stdout line is not 'neuron_steps_per_s=<number>'"
  np_rate="$(max_rate "$np_rate" "$rate")"
done
np_version="$("$py" -c 'import numpy; print(numpy.__version__)')"

# (d) report.
fmt() { awk -v x="$1" 'BEGIN{printf "%.3e", x}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a/b}'; }

model="$(lscpu 2>/dev/null | awk -F: '/^Model name/{sub(/^[ \t]+/, "", $2); print $2; exit}')"
cpus="$(nproc 2>/dev/null || echo '?')"
cores_per_socket="$(lscpu 2>/dev/null | awk -F: '/^Core\(s\) per socket/{gsub(/[ \t]/, "", $2); print $2; exit}')"
sockets="$(lscpu 2>/dev/null | awk -F: '/^Socket\(s\)/{gsub(/[ \t]/, "", $2); print $2; exit}')"
if [ -n "$cores_per_socket" ] && [ -n "$sockets" ]; then cores=$((cores_per_socket * sockets)); else cores='?'; fi
samples="$("$py" -c "import numpy as np; print(len(np.arange(0.0, float('$t_ms'), 0.2)))")"

echo
echo "## Batched LIF neurons: neuron-steps/s (higher is better)"
echo
echo "- machine: ${model:-unknown CPU}, $cores cores, $cpus logical CPUs; $(uname -sr)"
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- workload: N = $neurons neurons x $samples samples (T = $t_ms ms, dt = 0.2 ms), input noise on, best of $repeat runs x $rounds alternating rounds, seed $seed"
echo "- numpy $np_version (/usr/bin/python3), one thread"
echo
echo "| tool | threads | neuron-steps/s | ratio engine/numpy |"
echo "|---|---:|---:|---:|"
if [ "$skip_engine" -eq 0 ]; then
  for th in $threads_list; do
    echo "| neuroengine bench lif-neurons | $th | $(fmt "${engine_best[$th]}") | $(ratio "${engine_best[$th]}" "$np_rate") |"
  done
fi
echo "| numpy reference | 1 | $(fmt "$np_rate") | 1.0 |"
