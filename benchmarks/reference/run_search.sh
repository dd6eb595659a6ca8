#!/usr/bin/env bash
# NSGA-II against DEAP's (Debian python3-deap) on ZDT1-3: 30 variables, population 100, the same
# generations and seeds on both sides; mean hypervolume against (1.1, 1.1). Also prints the
# optimisers' overhead per evaluation (specs: under 1% of a 10 ms simulation = 100 us).
#   benchmarks/reference/run_search.sh [GENERATIONS=200] [SEEDS=5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
generations="${1:-200}"; seeds="${2:-5}"
if ! /usr/bin/python3 -c "import deap" 2>/dev/null; then
  echo "installing python3-deap (Debian) ..." >&2
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y python3-deap >&2
fi
value() { grep -E "^$2=" <<<"$1" | head -1 | cut -d= -f2; }
ne=$("$root/neuroengine" bench search --generations "$generations" --seeds "$seeds")
deap=$(/usr/bin/python3 "$here/nsga2_deap.py" "$generations" "$seeds")
echo "NSGA-II, ZDT 30 variables, population 100, $generations generations, mean of $seeds seeds, hypervolume vs (1.1, 1.1)"
echo
echo "| problem | DEAP | NeuroEngine | optimum |"
echo "|---|---|---|---|"
echo "| ZDT1 | $(value "$deap" zdt1_hypervolume) | $(value "$ne" zdt1_hypervolume) | 0.8767 |"
echo "| ZDT2 | $(value "$deap" zdt2_hypervolume) | $(value "$ne" zdt2_hypervolume) | 0.5433 |"
echo "| ZDT3 | $(value "$deap" zdt3_hypervolume) | $(value "$ne" zdt3_hypervolume) | |"
echo
grep overhead <<<"$ne" | sed 's/^/    /'
echo
echo "deap $(/usr/bin/python3 -c 'import deap; print(deap.__version__)'); $("$root/neuroengine" --version 2>/dev/null | tail -1)"
