#!/usr/bin/env bash
# Reference values for NeuroEngine's catch22: the C reference implementation (github
# DynamicsAndNeuralSystems/catch22, commit 9ff9da73, GPL-3.0 - built here from YOUR checkout, never copied into
# the project) run by a small driver of ours on the test series, printing all 24 values with 17 digits in the
# canonical order of Lubba et al. (2019). The 22 features see the series z-scored with the sample std as the
# reference's main does; DN_Mean and DN_Spread_Std the raw series.
#   benchmarks/reference/catch22_reference.sh CATCH22_CHECKOUT [OUT_DIR]
# OUT_DIR (default tests/NeuroEngine.Tests/Features/reference) gets catch22_series.csv (generated, seeded) and
# catch22_expected.csv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
src="${1:?usage: $0 CATCH22_CHECKOUT [OUT_DIR]}/C"
out="${2:-$root/tests/NeuroEngine.Tests/Features/reference}"
[[ -f "$src/CO_AutoCorr.c" ]] || { echo "$src does not hold the catch22 C sources" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/driver.c" <<'C'
/* Reads series (one per line, comma-separated values) from stdin; prints the 24 features per series. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define F(name) extern double name(const double y[], const int size);
F(DN_HistogramMode_5) F(DN_HistogramMode_10) F(DN_OutlierInclude_p_001_mdrmd) F(DN_OutlierInclude_n_001_mdrmd)
F(CO_f1ecac) F(SP_Summaries_welch_rect_area_5_1) F(SP_Summaries_welch_rect_centroid) F(FC_LocalSimple_mean3_stderr)
F(FC_LocalSimple_mean1_tauresrat) F(MD_hrv_classic_pnn40) F(SB_BinaryStats_mean_longstretch1)
F(SB_BinaryStats_diff_longstretch0) F(SB_MotifThree_quantile_hh) F(CO_HistogramAMI_even_2_5) F(CO_trev_1_num)
F(IN_AutoMutualInfoStats_40_gaussian_fmmi) F(SB_TransitionMatrix_3ac_sumdiagcov) F(CO_Embed2_Dist_tau_d_expfit_meandiff)
F(SC_FluctAnal_2_rsrangefit_50_1_logi_prop_r1) F(SC_FluctAnal_2_dfa_50_1_2_logi_prop_r1) F(DN_Mean) F(DN_Spread_Std)
extern int CO_FirstMin_ac(const double y[], const int size);
extern int PD_PeriodicityWang_th0_01(const double *y, const int size);
int main(void) {
  static char line[1 << 22];
  double *y = malloc(sizeof(double) << 18), *z = malloc(sizeof(double) << 18);
  while (fgets(line, sizeof line, stdin)) {
    int n = 0;
    for (char *t = strtok(line, ",\n"); t; t = strtok(NULL, ",\n")) y[n++] = strtod(t, NULL);
    double m = 0, s = 0;
    for (int i = 0; i < n; i++) m += y[i];
    m /= n;
    for (int i = 0; i < n; i++) s += (y[i] - m) * (y[i] - m);
    s = sqrt(s / (n - 1));
    for (int i = 0; i < n; i++) z[i] = (y[i] - m) / s;
    double v[24] = {DN_HistogramMode_5(z, n), DN_HistogramMode_10(z, n), DN_OutlierInclude_p_001_mdrmd(z, n),
      DN_OutlierInclude_n_001_mdrmd(z, n), CO_f1ecac(z, n), CO_FirstMin_ac(z, n), SP_Summaries_welch_rect_area_5_1(z, n),
      SP_Summaries_welch_rect_centroid(z, n), FC_LocalSimple_mean3_stderr(z, n), FC_LocalSimple_mean1_tauresrat(z, n),
      MD_hrv_classic_pnn40(z, n), SB_BinaryStats_mean_longstretch1(z, n), SB_BinaryStats_diff_longstretch0(z, n),
      SB_MotifThree_quantile_hh(z, n), CO_HistogramAMI_even_2_5(z, n), CO_trev_1_num(z, n),
      IN_AutoMutualInfoStats_40_gaussian_fmmi(z, n), SB_TransitionMatrix_3ac_sumdiagcov(z, n), PD_PeriodicityWang_th0_01(z, n),
      CO_Embed2_Dist_tau_d_expfit_meandiff(z, n), SC_FluctAnal_2_rsrangefit_50_1_logi_prop_r1(z, n),
      SC_FluctAnal_2_dfa_50_1_2_logi_prop_r1(z, n), DN_Mean(y, n), DN_Spread_Std(y, n)};
    for (int i = 0; i < 24; i++) printf(i ? ",%.17g" : "%.17g", v[i]);
    printf("\n");
  }
  return 0;
}
C
gcc -O2 -o "$work/driver" "$work/driver.c" $(ls "$src"/*.c | grep -v '/main.c$') -I"$src" -lm 2>/dev/null
mkdir -p "$out"
/usr/bin/python3 - "$out/catch22_series.csv" <<'PY'
import sys
import numpy as np
rng = np.random.default_rng(22)
series = {}
def ar1(n, phi):
    x = np.zeros(n)
    e = rng.standard_normal(n)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + e[i]
    return x
series["ar1_0.9_2000"] = ar1(2000, 0.9)
series["ar1_0.2_500"] = ar1(500, 0.2)
t = np.arange(1000)
series["sine_noise_1000"] = np.sin(2 * np.pi * t / 37.0) + 0.3 * rng.standard_normal(1000)
series["random_walk_800"] = np.cumsum(rng.standard_normal(800))
series["spiky_600"] = rng.standard_normal(600) + (rng.random(600) < 0.02) * 8.0
series["scaled_ar1"] = 1e7 + 1e6 * series["ar1_0.2_500"]
series["short_10"] = rng.standard_normal(10)
series["short_25"] = rng.standard_normal(25)
series["short_50"] = ar1(50, 0.5)
with open(sys.argv[1], "w") as f:
    for name, x in series.items():
        f.write(name + "," + ",".join("%.17g" % v for v in x) + "\n")
PY
names="series,DN_HistogramMode_5,DN_HistogramMode_10,DN_OutlierInclude_p_001_mdrmd,DN_OutlierInclude_n_001_mdrmd,CO_f1ecac,CO_FirstMin_ac,SP_Summaries_welch_rect_area_5_1,SP_Summaries_welch_rect_centroid,FC_LocalSimple_mean3_stderr,FC_LocalSimple_mean1_tauresrat,MD_hrv_classic_pnn40,SB_BinaryStats_mean_longstretch1,SB_BinaryStats_diff_longstretch0,SB_MotifThree_quantile_hh,CO_HistogramAMI_even_2_5,CO_trev_1_num,IN_AutoMutualInfoStats_40_gaussian_fmmi,SB_TransitionMatrix_3ac_sumdiagcov,PD_PeriodicityWang_th0_01,CO_Embed2_Dist_tau_d_expfit_meandiff,SC_FluctAnal_2_rsrangefit_50_1_logi_prop_r1,SC_FluctAnal_2_dfa_50_1_2_logi_prop_r1,DN_Mean,DN_Spread_Std"
{
  echo "$names"
  cut -d, -f2- "$out/catch22_series.csv" | "$work/driver" | paste -d, <(cut -d, -f1 "$out/catch22_series.csv") -
} > "$out/catch22_expected.csv"
echo "wrote $out/catch22_series.csv and $out/catch22_expected.csv" >&2
