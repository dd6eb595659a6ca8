#!/usr/bin/env bash
# Side-by-side signal-layer benchmark: scipy.signal.welch and numpy.convolve (Debian python3-scipy, one
# thread) against `neuroengine bench signals` on 1 and 2 threads, same work. Prints a markdown table of work
# per second and the ratios. Run it on an otherwise idle machine.
#   benchmarks/reference/run_signals.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if ! /usr/bin/python3 -c "import scipy, numpy" 2>/dev/null; then
  echo "installing python3-scipy, python3-numpy (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-scipy python3-numpy >&2
fi
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
ratio() { /usr/bin/python3 -c "print(f'{$1 / $2:.1f}x')"; }
ref=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/signals_scipy.py")
one=$("$root/neuroengine" bench signals --threads 1)
two=$("$root/neuroengine" bench signals --threads 2)
echo "| work | scipy/numpy (1 thread) | NeuroEngine 1 thread | NeuroEngine 2 threads | ratio 1 thread | ratio 2 threads |"
echo "|---|---|---|---|---|---|"
for key in welch_series_per_s convolve_100_samples_per_s convolve_1000_samples_per_s; do
  r=$(value "$ref" $key); a=$(value "$one" $key); b=$(value "$two" $key)
  echo "| $key | $r | $a | $b | $(ratio "$a" "$r") | $(ratio "$b" "$r") |"
done
echo "| catch22_series_per_s | - (C reference: docs/features.md) | $(value "$one" catch22_series_per_s) | $(value "$two" catch22_series_per_s) | | |"
echo "| specparam_spectra_per_s | - | $(value "$one" specparam_spectra_per_s) | $(value "$two" specparam_spectra_per_s) | | |"
echo
echo "scipy $(/usr/bin/python3 -c 'import scipy; print(scipy.__version__)'), numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'); $("$root/neuroengine" --version 2>/dev/null | tail -1)"
