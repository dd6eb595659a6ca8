#!/usr/bin/env bash
# Side-by-side MLP training benchmark: sklearn's MLPRegressor (Debian python3-sklearn) against
# `neuroengine bench inference` on the same 100,000 x 22 rows (6 targets), same architecture, batch
# size 200, Adam, same number of epochs (tol 0, no early stop). Prints a markdown table of rows x
# epochs per second, held-out R^2 and the ratio. Run it on an otherwise idle machine.
#   benchmarks/reference/run_inference.sh [HIDDEN=50,50] [EPOCHS=10] [ROWS=100000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
hidden="${1:-50,50}"; epochs="${2:-10}"; rows="${3:-100000}"
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  echo "installing python3-sklearn (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-sklearn >&2
fi
data="$(mktemp -d)"; trap 'rm -rf "$data"' EXIT
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
ratio() { /usr/bin/python3 -c "print(f'{$1 / $2:.1f}x')"; }
ne1=$("$root/neuroengine" bench inference --rows "$rows" --hidden "$hidden" --epochs "$epochs" --threads 1 --write-data "$data")
ne2=$("$root/neuroengine" bench inference --rows "$rows" --hidden "$hidden" --epochs "$epochs" --threads 2)
sk1=$(OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$here/mlp_sklearn.py" "$data" "$hidden" "$epochs")
sk2=$(/usr/bin/python3 "$here/mlp_sklearn.py" "$data" "$hidden" "$epochs")
echo "MLP training, $rows x 22 -> 6, hidden [$hidden], $epochs epochs, batch 200, adam"
echo
echo "| implementation | rows x epochs / s | seconds | final training loss | held-out R^2 | speed-up vs sklearn, same threads |"
echo "|---|---|---|---|---|---|"
n1=$(value "$ne1" mlp_rows_epochs_per_s); n2=$(value "$ne2" mlp_rows_epochs_per_s)
s1=$(value "$sk1" mlp_rows_epochs_per_s); s2=$(value "$sk2" mlp_rows_epochs_per_s)
row() { echo "| $1 | $(value "$2" mlp_rows_epochs_per_s) | $(value "$2" mlp_seconds) | $(value "$2" mlp_final_loss) | $(value "$2" mlp_test_r2) | $3 |"; }
row "sklearn, BLAS 1 thread" "$sk1" ""
row "sklearn, BLAS all ($(nproc)) threads" "$sk2" ""
row "NeuroEngine, 1 thread" "$ne1" "$(ratio "$n1" "$s1")"
row "NeuroEngine, 2 threads" "$ne2" "$(ratio "$n2" "$s2")"
echo
echo "sklearn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)'), numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'); $("$root/neuroengine" --version 2>/dev/null | tail -1)"
