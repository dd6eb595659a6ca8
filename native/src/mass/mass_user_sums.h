/* The delayed coupling sums and the OU update of the user-model path (mass_user.c), compiled once per SIMD level
 * (mass_user_sums_<level>.c, the body in mass_user_sums_kernel.h). Each adds the terms of a target
 * in the order accumulate_one and accumulate (mass_coupling.h) do, term t into partial
 * (t - t0) mod 4 starting from 0, then (p0 + p1) + (p2 + p3), so every level and width gives the
 * built-ins' bits; only how many values one instruction handles differs. */
#ifndef NE_MASS_USER_SUMS_H
#define NE_MASS_USER_SUMS_H

#include <stdint.h>

#include "mass_coupling.h"

/* sum[kk] for sets kk < count of one target whose terms are t0 .. t1 - 1 (ring already offset to
 * the first set; K the sets per ring position; offset: the terms' ring offsets times K, offset1:
 * as they are). */
typedef void (*ne_mass_user_set_sums_fn)(const double *ring, const int64_t *offset, const int32_t *offset1,
                                         const double *w, int32_t t0, int32_t t1, int64_t now, int32_t K,
                                         int32_t count, double *sum);
/* One set (K = 1): the far terms of targets i0 .. i1 - 1 (those before term_near[i], read at least
 * NE_MASS_FAR_STEPS back) for the NE_MASS_WC_BLOCK_STEPS steps from `now` on, all known now:
 * far[i][p][s] ([N][4][NE_MASS_WC_BLOCK_STEPS]) is partial p of step now + s. */
typedef void (*ne_mass_user_far_sums_fn)(const double *ring, const int32_t *offset, const double *w,
                                         const int32_t *term_start, const int32_t *term_near, int32_t i0, int32_t i1,
                                         int64_t now, double *far);

/* One OU input of `count` lanes after the state update, as the built-ins: ou += (mean - ou) dt / tau
 * + sigma sqrt(dt) xi, xi the lane's normal where sigma > 0, else 0; normals: every lane's at stride
 * 2 ([g][2] floats), or NULL when no set has noise. */
typedef void (*ne_mass_user_ou_fn)(int32_t count, double *ou, const double *mean, const double *tau,
                                   const double *sigma, const float *normals, double dt, double sqrt_dt);

#define NE_MASS_USER_DECLARE(level)                                                                                    \
  void ne_mass_user_set_sums_##level(const double *ring, const int64_t *offset, const int32_t *offset1,             \
                                     const double *w, int32_t t0, int32_t t1, int64_t now, int32_t K, int32_t count,  \
                                     double *sum);                                                                    \
  void ne_mass_user_far_sums_##level(const double *ring, const int32_t *offset, const double *w,                      \
                                     const int32_t *term_start, const int32_t *term_near, int32_t i0, int32_t i1,     \
                                     int64_t now, double *far);                                                       \
  void ne_mass_user_ou_##level(int32_t count, double *ou, const double *mean, const double *tau, const double *sigma, \
                               const float *normals, double dt, double sqrt_dt);
NE_MASS_USER_DECLARE(baseline)
NE_MASS_USER_DECLARE(avx2)
NE_MASS_USER_DECLARE(avx512)
#undef NE_MASS_USER_DECLARE

#endif
