/* Body of the membrane update of one segment for one SIMD level and one
 * precision, included by network_update_<level>.c with NE_NET_UPDATE naming
 * the function and NE_REAL the state type (double or float; the
 * population constants are rounded to it once). Written without branches
 * (selects) so it vectorises; with -ffp-contract=off every level performs
 * the same IEEE operations, so all levels give the same bits.
 *   delta:        V <- E_L + (V - E_L) p22 + drive + input     (NEST iaf_psc_delta)
 *   exp_current:  V <- E_L + (V - E_L) p22 + I_e p21e + I_i p21i + drive,
 *                 then I <- I p11 + input                       (NEST iaf_psc_exp)
 *   conductance:  V <- V + dt/C_m (g_L (E_L - V) + (g_e + stim)(E_e - V) + g_i (E_i - V) + I_dc),
 *                 then g <- g (1 - dt/tau) + |input|             (Euler, as Brian2's COBA)
 * Refractory neurons keep V (= V_reset) and count down; input on V is lost,
 * synaptic variables keep integrating. exc / inh are the ring-buffer slots
 * of this step (drive already added); they are read and cleared. */
#include "network_internal.h"

int32_t NE_NET_UPDATE(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive_in, double stim_in,
                      NE_REAL *restrict v, NE_REAL *restrict xe, NE_REAL *restrict xi, int32_t *restrict refractory,
                      NE_REAL *restrict exc, NE_REAL *restrict inh, int32_t *restrict fired) {
  const NE_REAL e_l = (NE_REAL)params->e_l, v_th = (NE_REAL)params->v_th, v_reset = (NE_REAL)params->v_reset;
  const NE_REAL p22 = (NE_REAL)params->p22, p21e = (NE_REAL)params->p21_exc, p21i = (NE_REAL)params->p21_inh;
  const NE_REAL p11e = (NE_REAL)params->p11_exc, p11i = (NE_REAL)params->p11_inh;
  const NE_REAL dt_over_cm = (NE_REAL)params->dt_over_cm, g_l = (NE_REAL)params->g_l, i_dc = (NE_REAL)params->i_dc;
  const NE_REAL e_exc = (NE_REAL)params->e_exc, e_inh = (NE_REAL)params->e_inh;
  const NE_REAL drive = (NE_REAL)drive_in, stim = (NE_REAL)stim_in;
  const int32_t ref_steps = params->ref_steps;
  int32_t total = 0;
  if (type == NE_SYNAPSE_DELTA) {
    for (int32_t i = 0; i < n; ++i) {
      NE_REAL vi = v[i];
      NE_REAL free_v = e_l + (vi - e_l) * p22 + drive + exc[i];
      exc[i] = 0;
      int32_t r = refractory[i];
      NE_REAL u = r > 0 ? vi : free_v;
      int32_t spike = u >= v_th;
      v[i] = spike ? v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  } else if (type == NE_SYNAPSE_EXP_CURRENT) {
    for (int32_t i = 0; i < n; ++i) {
      NE_REAL vi = v[i];
      NE_REAL free_v = e_l + (vi - e_l) * p22 + xe[i] * p21e + xi[i] * p21i + drive;
      int32_t r = refractory[i];
      NE_REAL u = r > 0 ? vi : free_v;
      xe[i] = xe[i] * p11e + exc[i];
      xi[i] = xi[i] * p11i + inh[i];
      exc[i] = 0;
      inh[i] = 0;
      int32_t spike = u >= v_th;
      v[i] = spike ? v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  } else {
    for (int32_t i = 0; i < n; ++i) {
      NE_REAL vi = v[i];
      NE_REAL free_v = vi + dt_over_cm * (g_l * (e_l - vi) + (xe[i] + stim) * (e_exc - vi) + xi[i] * (e_inh - vi) + i_dc);
      int32_t r = refractory[i];
      NE_REAL u = r > 0 ? vi : free_v;
      xe[i] = xe[i] * p11e + exc[i];
      xi[i] = xi[i] * p11i - inh[i]; /* inhibitory weights are negative: add the magnitude */
      exc[i] = 0;
      inh[i] = 0;
      int32_t spike = u >= v_th;
      v[i] = spike ? v_reset : u;
      int32_t counted = r > 0 ? r - 1 : r;
      refractory[i] = spike ? ref_steps : counted;
      fired[i] = spike;
      total += spike;
    }
  }
  return total;
}
