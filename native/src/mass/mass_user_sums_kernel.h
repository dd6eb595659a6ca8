/* Body of the user-model path's sums for one SIMD level (mass_user_sums.h), included by
 * mass_user_sums_<level>.c with NE_USER_LEVEL and NE_USER_VECTOR (doubles per vector of the level;
 * a pass sums two vectors of sets, its four partials in eight registers). */
#include <string.h>

#include "mass_user_sums.h"

#define NE_USER_CAT2(a, b) a##b
#define NE_USER_CAT(a, b) NE_USER_CAT2(a, b)

/* A vector of NE_USER_VECTOR doubles (GCC's vector extension: the level's registers, elementwise IEEE
 * operations, so each lane computes exactly what the scalar sum does), loadable from any double. */
typedef double user_vd __attribute__((vector_size(NE_USER_VECTOR * sizeof(double)), aligned(sizeof(double)), may_alias));

/* As accumulate (mass_coupling.h) for nv (1 or 2, a constant) vectors of sets: term t into partial
 * (t - t0) mod 4 in fours, the remainder into the first partials, then (p0 + p1) + (p2 + p3). */
static inline __attribute__((always_inline)) void sums_pass(const double *restrict ring, const int64_t *restrict offset,
                                                            const double *restrict w, int32_t t0, int32_t t1,
                                                            int64_t now, int32_t K, int nv, double *restrict sum) {
  user_vd a0[2] = {{0}}, a1[2] = {{0}}, a2[2] = {{0}}, a3[2] = {{0}};
  ring += now * K;
#define NE_USER_TERM(a, q)                                                                                             \
  do {                                                                                                                 \
    const user_vd *src = (const user_vd *)(ring + offset[q]);                                                      \
    for (int v = 0; v < nv; ++v)                                                                                       \
      a[v] += w[q] * src[v];                                                                                           \
  } while (0)
  int32_t t = t0;
  for (; t + 4 <= t1; t += 4) {
    NE_USER_TERM(a0, t);
    NE_USER_TERM(a1, t + 1);
    NE_USER_TERM(a2, t + 2);
    NE_USER_TERM(a3, t + 3);
  }
  if (t < t1)
    NE_USER_TERM(a0, t);
  if (t + 1 < t1)
    NE_USER_TERM(a1, t + 1);
  if (t + 2 < t1)
    NE_USER_TERM(a2, t + 2);
#undef NE_USER_TERM
  for (int v = 0; v < nv; ++v)
    ((user_vd *)sum)[v] = (a0[v] + a1[v]) + (a2[v] + a3[v]);
}

void NE_USER_CAT(ne_mass_user_set_sums_, NE_USER_LEVEL)(const double *ring, const int64_t *offset,
                                                        const int32_t *offset1, const double *w, int32_t t0, int32_t t1,
                                                        int64_t now, int32_t K, int32_t count, double *sum) {
  /* two vectors of sets per pass, then one, then single sets */
  int32_t b = 0;
  for (; b + 2 * NE_USER_VECTOR <= count; b += 2 * NE_USER_VECTOR)
    sums_pass(ring + b, offset, w, t0, t1, now, K, 2, sum + b);
  if (b + NE_USER_VECTOR <= count)
    sums_pass(ring + b, offset, w, t0, t1, now, K, 1, sum + b), b += NE_USER_VECTOR;
  for (; b < count; ++b)
    sum[b] = accumulate_one(ring + b, offset1, w, t0, t1, now, K);
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

void NE_USER_CAT(ne_mass_user_ou_, NE_USER_LEVEL)(int32_t count, double *restrict ou, const double *restrict mean,
                                                  const double *restrict tau, const double *restrict sigma,
                                                  const float *restrict normals, double dt, double sqrt_dt) {
  if (normals) { /* drawn for every lane, used where sigma > 0 (a select, so the loop vectorizes) */
#pragma omp simd
    for (int32_t l = 0; l < count; ++l) {
      const double z = normals[2 * l], xi = sigma[l] > 0.0 ? z : 0.0;
      ou[l] = ou[l] + (mean[l] - ou[l]) * dt / tau[l] + sigma[l] * sqrt_dt * xi;
    }
  } else { /* no set has noise */
#pragma omp simd
    for (int32_t l = 0; l < count; ++l)
      ou[l] = ou[l] + (mean[l] - ou[l]) * dt / tau[l] + sigma[l] * sqrt_dt * 0.0;
  }
}
