#!/usr/bin/env bash
# Speed on a busy machine: times the engine with the default thread count,
# --threads 1 and --threads 2, first while another program keeps one core
# busy (a shell loop pinned to CPU 0, stopped on exit), then without it, and
# prints medians and the ratio default / best thread count per workload:
#   simulate examples/brunel.yaml             (wall time of the command)
#   bench lif-neurons --neurons 1000000       (1 / neuron-steps per second)
#   bench mass --model wc --batch 8           (1 / region-steps per second)
#
#   benchmarks/reference/run_busy_core.sh [--connectome DIR|gw] [--rounds R]
#       [--modes "busy idle"] [--cli "COMMAND"] [--base-cli "COMMAND"]
#
# --connectome: the mass benchmark's connectome folder or dataset name
#   (default gw, the shipped one). --rounds: repeats of every run (medians are
#   reported; runs alternate between settings so a slow spell of a shared
#   machine does not land on one setting). --cli: the engine command (default
#   ./neuroengine of this checkout). --base-cli: a second build to compare
#   with (A/B): each run is made with both, in alternating order, and the
#   ratio of their medians is printed too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cli="$root/neuroengine"
base=""
connectome="gw"
rounds=3
modes="busy idle"
while [ $# -gt 0 ]; do
  case "$1" in
    --connectome) connectome="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    --base-cli) base="$2"; shift 2 ;;
    *) echo "error: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d)"
busy_pid=""
stop_busy() {
  if [ -n "$busy_pid" ]; then
    kill "$busy_pid" 2>/dev/null || true
    wait "$busy_pid" 2>/dev/null || true
    busy_pid=""
  fi
}
trap 'stop_busy; rm -rf "$work"' EXIT

start_busy() {
  if command -v taskset >/dev/null; then
    taskset -c 0 sh -c 'while :; do :; done' &
  else
    sh -c 'while :; do :; done' &
  fi
  busy_pid=$!
}

# One measurement in seconds (lower is better) of workload $2 with threads $3 by command $1.
measure() {
  local command="$1" workload="$2" threads="$3" opt=""
  [ "$threads" = default ] || opt="--threads $threads"
  case "$workload" in
    brunel)
      local t0 t1
      t0=$(date +%s.%N)
      $command simulate "$root/examples/brunel.yaml" --out "$work/brunel" --no-report $opt >/dev/null
      t1=$(date +%s.%N)
      rm -rf "$work/brunel"
      echo "$t0 $t1" | awk '{printf "%.3f\n", $2 - $1}' ;;
    lif)
      $command bench lif-neurons --neurons 1000000 --warmup 2 --repeat 3 $opt |
        awk -F= '/^neuron_steps_per_s=/ {printf "%.4f\n", 1e9 / $2}' ;; # seconds per 1e9 neuron-steps
    mass)
      $command bench mass --model wc --connectome "$connectome" --batch 8 --skip-separate $opt |
        awk -F= '/^region_steps_per_s=/ {printf "%.4f\n", 1e8 / $2}' ;; # seconds per 1e8 region-steps
  esac
}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

workloads="brunel lif mass"
settings="default 1 2"
builds="new"
[ -n "$base" ] && builds="new base"
$cli --version
[ -n "$base" ] && $base --version
echo "CPUs: $(nproc); units: brunel s per run, lif s per 1e9 neuron-steps, mass s per 1e8 region-steps"
for mode in $modes; do
  [ "$mode" = busy ] && start_busy
  for r in $(seq 1 "$rounds"); do
    for w in $workloads; do
      for s in $settings; do
        order="$builds"
        [ $((r % 2)) -eq 0 ] && [ -n "$base" ] && order="base new"
        for b in $order; do
          command="$cli"
          [ "$b" = base ] && command="$base"
          v=$(measure "$command" "$w" "$s")
          echo "$v" >>"$work/$mode.$w.$s.$b"
          echo "$mode round $r $w threads=$s $b: $v"
        done
      done
    done
  done
  stop_busy
done

echo
echo "medians over $rounds rounds (ratio = default / best of threads 1 and 2)"
for mode in $modes; do
  for w in $workloads; do
    for b in $builds; do
      d=$(median <"$work/$mode.$w.default.$b")
      one=$(median <"$work/$mode.$w.1.$b")
      two=$(median <"$work/$mode.$w.2.$b")
      echo "$mode $w $b: default $d, threads=1 $one, threads=2 $two, default/best $(echo "$d $one $two" |
        awk '{b = $2 < $3 ? $2 : $3; printf "%.2f", $1 / b}')"
    done
    if [ -n "$base" ]; then
      for s in $settings; do
        echo "$mode $w threads=$s: new/base $(echo "$(median <"$work/$mode.$w.$s.new") $(median <"$work/$mode.$w.$s.base")" |
          awk '{printf "%.3f", $1 / $2}')"
      done
    fi
  done
done
