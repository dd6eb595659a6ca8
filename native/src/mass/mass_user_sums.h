/* The delayed coupling sums and the OU update of the user-model path (mass_user.c), compiled once per SIMD level
 * (mass_user_sums_<level>.c, the body in mass_user_sums_kernel.h). Each adds the terms of a target
 * in the order accumulate_one and accumulate (mass_coupling.h) do, term t into partial
 * (t - t0) mod 4 starting from 0, then (p0 + p1) + (p2 + p3), so every level and width gives the
 * built-ins' bits; only how many values one instruction handles differs. */
#ifndef NE_MASS_USER_SUMS_H
#define NE_MASS_USER_SUMS_H

#include <stdint.h>

#include "mass_coupling.h"

/* The coupling inputs of sets k0 .. k0 + count - 1 of targets i0 .. i1 - 1 (K > 1), ring [N][slots2][K]:
 * in[i K + k] = the sum over target i's terms (term_start, offset, w), then, as the built-ins,
 * c -= node_strength[i] y_i(t) (diffusive; NULL: additive), c *= lane_k[k - k0] (the lanes'
 * strength parameter; NULL: none). Vectors of sets: one load per term per vector. */
typedef void (*ne_mass_user_set_inputs_fn)(const double *ring, const int32_t *offset, const double *w,
                                           const int32_t *term_start, int32_t i0, int32_t i1, int32_t k0,
                                           int32_t count, int64_t now, int32_t K, int32_t slots2,
                                           const double *node_strength, const double *lane_k, double *in);
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

/* 1 if x[0 .. count - 1] are all finite, else 0. */
typedef int (*ne_mass_user_finite_fn)(int32_t count, const double *x);

#define NE_MASS_USER_DECLARE(level)                                                                                    \
  void ne_mass_user_set_inputs_##level(const double *ring, const int32_t *offset, const double *w,                    \
                                       const int32_t *term_start, int32_t i0, int32_t i1, int32_t k0, int32_t count,  \
                                       int64_t now, int32_t K, int32_t slots2, const double *node_strength,           \
                                       const double *lane_k, double *in);                                             \
  void ne_mass_user_far_sums_##level(const double *ring, const int32_t *offset, const double *w,                      \
                                     const int32_t *term_start, const int32_t *term_near, int32_t i0, int32_t i1,     \
                                     int64_t now, double *far);                                                       \
  void ne_mass_user_ou_##level(int32_t count, double *ou, const double *mean, const double *tau, const double *sigma, \
                               const float *normals, double dt, double sqrt_dt);                              \
  int ne_mass_user_finite_##level(int32_t count, const double *x);
NE_MASS_USER_DECLARE(baseline)
NE_MASS_USER_DECLARE(avx2)
NE_MASS_USER_DECLARE(avx512)
#undef NE_MASS_USER_DECLARE

#endif
