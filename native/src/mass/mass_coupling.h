/* The delayed coupling sums of one target, shared by the per-set path (mass.c), the
 * eight-target Wilson-Cowan kernel (mass_wc_avx512.c) and the user-defined models' path
 * (mass_user.c), so all add the same terms in the same order. Four partial sums (term t0 + j
 * into partial j mod 4, added as (p0 + p1) + (p2 + p3)) break the chain of dependent additions,
 * for one set (accumulate_one) and for a block of sets (accumulate) alike. The terms of a target are ordered far ones first (build_terms). */
#ifndef NE_MASS_COUPLING_H
#define NE_MASS_COUPLING_H

#include <stdint.h>

/* Steps whose far-term sums the Wilson-Cowan kernel computes at once, from one load of eight
 * consecutive history slots per term: a term read d steps back (d >= NE_MASS_FAR_STEPS) needs
 * for steps n .. n + 7 the values of steps n - d .. n + 7 - d, all known at step n. */
#define NE_MASS_WC_BLOCK_STEPS 8
#define NE_MASS_FAR_STEPS (NE_MASS_WC_BLOCK_STEPS - 1)
/* The most parameter sets accumulate (below) sums at once: a work item's block of sets (mass.c). */
#define NE_MASS_COUPLING_BLOCK 4

/* Adds terms t_from .. t1-1 of a target whose terms start at t0 to the partials a[0..3] (term t
 * into partial (t - t0) mod 4, in increasing t): the head up to the next multiple of four
 * positions, then fours, then the rest. Inlined, the partials stay in registers. */
static inline __attribute__((always_inline)) void accumulate_partials(const double *restrict ring,
                                                                      const int32_t *restrict offset,
                                                                      const double *restrict w, int32_t t0,
                                                                      int32_t t_from, int32_t t1, int64_t now,
                                                                      int32_t K, double *a) {
  double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
  int32_t t = t_from;
  if (t < t1 && ((t - t0) & 3) == 1)
    a1 += w[t] * ring[((int64_t)offset[t] + now) * K], ++t;
  if (t < t1 && ((t - t0) & 3) == 2)
    a2 += w[t] * ring[((int64_t)offset[t] + now) * K], ++t;
  if (t < t1 && ((t - t0) & 3) == 3)
    a3 += w[t] * ring[((int64_t)offset[t] + now) * K], ++t;
  for (; t + 4 <= t1; t += 4) {
    a0 += w[t] * ring[((int64_t)offset[t] + now) * K];
    a1 += w[t + 1] * ring[((int64_t)offset[t + 1] + now) * K];
    a2 += w[t + 2] * ring[((int64_t)offset[t + 2] + now) * K];
    a3 += w[t + 3] * ring[((int64_t)offset[t + 3] + now) * K];
  }
  if (t < t1) /* the remainder into the first partials, as the block version does */
    a0 += w[t] * ring[((int64_t)offset[t] + now) * K];
  if (t + 1 < t1)
    a1 += w[t + 1] * ring[((int64_t)offset[t + 1] + now) * K];
  if (t + 2 < t1)
    a2 += w[t + 2] * ring[((int64_t)offset[t + 2] + now) * K];
  a[0] = a0, a[1] = a1, a[2] = a2, a[3] = a3;
}

/* sum over terms t0 .. t1-1 of w[t] x ring[(offset[t] + now) * K]. */
static inline double accumulate_one(const double *restrict ring, const int32_t *restrict offset, const double *restrict w,
                                    int32_t t0, int32_t t1, int64_t now, int32_t K) {
  double a[4] = {0, 0, 0, 0};
  accumulate_partials(ring, offset, w, t0, t0, t1, now, K, a);
  return (a[0] + a[1]) + (a[2] + a[3]);
}

/* sum[kk] = sum over the terms of w_t x source value, for kk < count sets. Four partial sums
 * (term t into partial t mod 4, added as (p0 + p1) + (p2 + p3)) break the chain of dependent
 * additions; every set uses the same order whatever the count, so batches equal single runs.
 * Inlined with a constant count (1 or a full block) the partials stay in registers. */
static inline __attribute__((always_inline)) void accumulate(const double *restrict ring, const int32_t *restrict offset,
                                                             const double *restrict w, int32_t t0, int32_t t1,
                                                             int64_t now, int32_t K, int32_t count,
                                                             double *restrict sum) {
  double acc[4][NE_MASS_COUPLING_BLOCK] = {{0}};
  int32_t t = t0;
  for (; t + 4 <= t1; t += 4)
    for (int p = 0; p < 4; ++p) {
      const double *src = ring + ((int64_t)offset[t + p] + now) * K;
      const double wt = w[t + p];
      for (int32_t kk = 0; kk < count; ++kk)
        acc[p][kk] += wt * src[kk];
    }
  for (int p = 0; t < t1; ++t, ++p) {
    const double *src = ring + ((int64_t)offset[t] + now) * K;
    const double wt = w[t];
    for (int32_t kk = 0; kk < count; ++kk)
      acc[p][kk] += wt * src[kk];
  }
  for (int32_t kk = 0; kk < count; ++kk)
    sum[kk] = (acc[0][kk] + acc[1][kk]) + (acc[2][kk] + acc[3][kk]);
}

#endif
