/* Body of the membrane update of one segment for one SIMD level, included
 * by network_update_<level>.c with NE_NET_UPDATE naming the function.
 * Written without branches (selects) so it vectorises; with
 * -ffp-contract=off every level performs the same IEEE operations, so all
 * levels give the same bits.
 *   delta:        V <- E_L + (V - E_L) p22 + drive + input     (NEST iaf_psc_delta)
 *   exp_current:  V <- E_L + (V - E_L) p22 + I_e p21e + I_i p21i + drive,
 *                 then I <- I p11 + input                       (NEST iaf_psc_exp)
 *   conductance:  V <- V + dt/C_m (g_L (E_L - V) + (g_e + stim)(E_e - V) + g_i (E_i - V) + I_dc),
 *                 then g <- g (1 - dt/tau) + |input|             (Euler, as Brian2's COBA)
 * Refractory neurons keep V (= V_reset) and count down; input on V is lost,
 * synaptic variables keep integrating. exc / inh are the ring-buffer slots
 * of this step (drive already added); they are read and cleared. */
#include "network_internal.h"

int32_t NE_NET_UPDATE(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                   double *restrict v, double *restrict xe, double *restrict xi, int32_t *restrict refractory,
                   double *restrict exc, double *restrict inh, int32_t *restrict fired) {
  const ne_net_pop_params pp = *params;
  int32_t total = 0;
  if (type == NE_SYNAPSE_DELTA) {
    for (int32_t i = 0; i < n; ++i) {
      double vi = v[i];
      double free_v = pp.e_l + (vi - pp.e_l) * pp.p22 + drive + exc[i];
      exc[i] = 0.0;
      int32_t r = refractory[i];
      double u = r > 0 ? vi : free_v;
      int32_t spike = u >= pp.v_th;
      v[i] = spike ? pp.v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? pp.ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  } else if (type == NE_SYNAPSE_EXP_CURRENT) {
    for (int32_t i = 0; i < n; ++i) {
      double vi = v[i];
      double free_v = pp.e_l + (vi - pp.e_l) * pp.p22 + xe[i] * pp.p21_exc + xi[i] * pp.p21_inh + drive;
      int32_t r = refractory[i];
      double u = r > 0 ? vi : free_v;
      xe[i] = xe[i] * pp.p11_exc + exc[i];
      xi[i] = xi[i] * pp.p11_inh + inh[i];
      exc[i] = 0.0;
      inh[i] = 0.0;
      int32_t spike = u >= pp.v_th;
      v[i] = spike ? pp.v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? pp.ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  } else {
    for (int32_t i = 0; i < n; ++i) {
      double vi = v[i];
      double free_v = vi + pp.dt_over_cm * (pp.g_l * (pp.e_l - vi) + (xe[i] + stim) * (pp.e_exc - vi) +
                                            xi[i] * (pp.e_inh - vi) + pp.i_dc);
      int32_t r = refractory[i];
      double u = r > 0 ? vi : free_v;
      xe[i] = xe[i] * pp.p11_exc + exc[i];
      xi[i] = xi[i] * pp.p11_inh - inh[i]; /* inhibitory weights are negative: add the magnitude */
      exc[i] = 0.0;
      inh[i] = 0.0;
      int32_t spike = u >= pp.v_th;
      v[i] = spike ? pp.v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? pp.ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  }
  return total;
}
