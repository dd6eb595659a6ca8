/* Body of the user-model path's sums for one SIMD level (mass_user_sums.h), included by
 * mass_user_sums_<level>.c with NE_USER_LEVEL and NE_USER_WIDTH (sets per pass: two of the
 * level's vectors, so the four partials of a pass fill eight registers). */
#include <string.h>

#include "mass_user_sums.h"

#define NE_USER_CAT2(a, b) a##b
#define NE_USER_CAT(a, b) NE_USER_CAT2(a, b)

/* As accumulate (mass_coupling.h) for `count` <= NE_USER_WIDTH sets: term t into partial (t - t0) mod 4. */
static inline __attribute__((always_inline)) void sums_pass(const double *restrict ring, const int32_t *restrict offset,
                                                            const double *restrict w, int32_t t0, int32_t t1,
                                                            int64_t now, int32_t K, int32_t count,
                                                            double *restrict sum) {
  double a0[NE_USER_WIDTH] = {0}, a1[NE_USER_WIDTH] = {0}, a2[NE_USER_WIDTH] = {0}, a3[NE_USER_WIDTH] = {0};
  int32_t t = t0;
  for (; t + 4 <= t1; t += 4) {
    const double *s0 = ring + ((int64_t)offset[t] + now) * K, *s1 = ring + ((int64_t)offset[t + 1] + now) * K;
    const double *s2 = ring + ((int64_t)offset[t + 2] + now) * K, *s3 = ring + ((int64_t)offset[t + 3] + now) * K;
    const double w0 = w[t], w1 = w[t + 1], w2 = w[t + 2], w3 = w[t + 3];
    for (int32_t kk = 0; kk < count; ++kk) {
      a0[kk] += w0 * s0[kk];
      a1[kk] += w1 * s1[kk];
      a2[kk] += w2 * s2[kk];
      a3[kk] += w3 * s3[kk];
    }
  }
  /* the remainder into the first partials */
  const double *s0 = ring + ((int64_t)offset[t < t1 ? t : t0] + now) * K, w0 = t < t1 ? w[t] : 0.0;
  const double *s1 = ring + ((int64_t)offset[t + 1 < t1 ? t + 1 : t0] + now) * K, w1 = t + 1 < t1 ? w[t + 1] : 0.0;
  const double *s2 = ring + ((int64_t)offset[t + 2 < t1 ? t + 2 : t0] + now) * K, w2 = t + 2 < t1 ? w[t + 2] : 0.0;
  if (t < t1)
    for (int32_t kk = 0; kk < count; ++kk)
      a0[kk] += w0 * s0[kk];
  if (t + 1 < t1)
    for (int32_t kk = 0; kk < count; ++kk)
      a1[kk] += w1 * s1[kk];
  if (t + 2 < t1)
    for (int32_t kk = 0; kk < count; ++kk)
      a2[kk] += w2 * s2[kk];
  for (int32_t kk = 0; kk < count; ++kk)
    sum[kk] = (a0[kk] + a1[kk]) + (a2[kk] + a3[kk]);
}

void NE_USER_CAT(ne_mass_user_set_sums_, NE_USER_LEVEL)(const double *ring, const int32_t *offset, const double *w,
                                                        int32_t t0, int32_t t1, int64_t now, int32_t K, int32_t count,
                                                        double *sum) {
  int32_t b = 0;
  for (; b + NE_USER_WIDTH <= count; b += NE_USER_WIDTH) /* a constant width keeps the partials in registers */
    sums_pass(ring + b, offset, w, t0, t1, now, K, NE_USER_WIDTH, sum + b);
  if (b < count)
    sums_pass(ring + b, offset, w, t0, t1, now, K, count - b, sum + b);
}

void NE_USER_CAT(ne_mass_user_far_sums_, NE_USER_LEVEL)(const double *ring, const int32_t *offset, const double *w,
                                                        const int32_t *term_start, const int32_t *term_near,
                                                        int32_t i0, int32_t i1, int64_t now, double *far) {
  enum { B = NE_MASS_WC_BLOCK_STEPS };
  for (int32_t i = i0; i < i1; ++i) {
    double a[4][B] = {{0}};
    const int32_t t0 = term_start[i], tn = term_near[i];
    int32_t t = t0;
    for (; t + 4 <= tn; t += 4) /* eight consecutive ring positions per term: the steps now .. now + 7 */
      for (int p = 0; p < 4; ++p) {
        const double *src = ring + (int64_t)offset[t + p] + now;
        const double wt = w[t + p];
        for (int s = 0; s < B; ++s)
          a[p][s] += wt * src[s];
      }
    for (int p = 0; p < 3; ++p) /* the remainder into the first partials */
      if (t + p < tn) {
        const double *src = ring + (int64_t)offset[t + p] + now;
        const double wt = w[t + p];
        for (int s = 0; s < B; ++s)
          a[p][s] += wt * src[s];
      }
    memcpy(far + (int64_t)i * 4 * B, a, sizeof a);
  }
}
