/* Body of the user-model path's sums for one SIMD level (mass_user_sums.h), included by
 * mass_user_sums_<level>.c with NE_USER_LEVEL and NE_USER_VECTOR (doubles per vector of the level;
 * a pass sums two vectors of sets, its four partials in eight registers). */
#include <string.h>

#include "mass_user_sums.h"

#define NE_USER_CAT2(a, b) a##b
#define NE_USER_CAT(a, b) NE_USER_CAT2(a, b)

/* A vector of NE_USER_VECTOR doubles (GCC's vector extension: the level's registers, elementwise IEEE
 * operations, so each lane computes exactly what the scalar sum does), loadable from any double; and
 * one of half as many for the sets left over (four sets of a part on AVX-512). */
typedef double user_vd __attribute__((vector_size(NE_USER_VECTOR * sizeof(double)), aligned(sizeof(double)), may_alias));
#if NE_USER_VECTOR >= 4
#define NE_USER_HALF 1
typedef double user_vh __attribute__((vector_size(NE_USER_VECTOR / 2 * sizeof(double)), aligned(sizeof(double)), may_alias));
#endif

/* As accumulate (mass_coupling.h) for nv (1 or 2, a constant) vectors of type V of sets: term t into
 * partial (t - t0) mod 4 in fours, the remainder into the first partials, then (p0 + p1) + (p2 + p3).
 * ring: the first set at slot 0 of the ring; a term's values lie at its offset times K from slot now.
 * Then, as the built-ins: c -= strength_i y_i(t) (diffusive: own, the node's values at slot now),
 * c *= the lanes' strength parameters (lane_k, or none). */
#define NE_USER_SUMS_PASS(name, V)                                                                                     \
  static inline __attribute__((always_inline)) void name(                                                             \
      const double *restrict ring, const int32_t *restrict offset, const double *restrict w, int32_t t0, int32_t t1, \
      int64_t now, int32_t K, int nv, const double *own, double node_strength, const double *lane_k,                 \
      double *restrict sum) {                                                                                         \
    V a0[2] = {{0}}, a1[2] = {{0}}, a2[2] = {{0}}, a3[2] = {{0}};                                                     \
    ring += now * K;                                                                                                  \
    int32_t t = t0;                                                                                                   \
    for (; t + 4 <= t1; t += 4)                                                                                       \
      for (int v = 0; v < nv; ++v) {                                                                                  \
        a0[v] += w[t] * ((const V *)(ring + (int64_t)offset[t] * K))[v];                                              \
        a1[v] += w[t + 1] * ((const V *)(ring + (int64_t)offset[t + 1] * K))[v];                                      \
        a2[v] += w[t + 2] * ((const V *)(ring + (int64_t)offset[t + 2] * K))[v];                                      \
        a3[v] += w[t + 3] * ((const V *)(ring + (int64_t)offset[t + 3] * K))[v];                                      \
      }                                                                                                               \
    for (int v = 0; v < nv; ++v) {                                                                                    \
      if (t < t1)                                                                                                     \
        a0[v] += w[t] * ((const V *)(ring + (int64_t)offset[t] * K))[v];                                              \
      if (t + 1 < t1)                                                                                                 \
        a1[v] += w[t + 1] * ((const V *)(ring + (int64_t)offset[t + 1] * K))[v];                                      \
      if (t + 2 < t1)                                                                                                 \
        a2[v] += w[t + 2] * ((const V *)(ring + (int64_t)offset[t + 2] * K))[v];                                      \
      V c = (a0[v] + a1[v]) + (a2[v] + a3[v]);                                                                        \
      if (own)                                                                                                        \
        c -= node_strength * ((const V *)own)[v];                                                                     \
      if (lane_k)                                                                                                     \
        c *= ((const V *)lane_k)[v];                                                                                  \
      ((V *)sum)[v] = c;                                                                                              \
    }                                                                                                                 \
  }
NE_USER_SUMS_PASS(sums_pass, user_vd)
#ifdef NE_USER_HALF
NE_USER_SUMS_PASS(sums_pass_half, user_vh)
#endif
#undef NE_USER_SUMS_PASS

/* set_inputs for a K known at compile time where it is a constant (the terms' offsets times K become shifts) */
static inline __attribute__((always_inline)) void set_inputs_body(const double *ring, const int32_t *offset,
                                                                  const double *w, const int32_t *term_start,
                                                                  int32_t i0, int32_t i1, int32_t k0, int32_t count,
                                                                  int64_t now, int32_t K, int32_t slots2,
                                                                  const double *node_strength, const double *lane_k,
                                                                  double *in) {
  for (int32_t i = i0; i < i1; ++i) {
    const int32_t t0 = term_start[i], t1 = term_start[i + 1];
    const double *own = node_strength ? ring + ((int64_t)i * slots2 + now) * K + k0 : NULL;
    const double si = node_strength ? node_strength[i] : 0.0;
    double *sum = in + (int64_t)i * K + k0;
    /* two vectors of sets per pass, then one, then a half, then single sets */
    int32_t b = 0;
    for (; b + 2 * NE_USER_VECTOR <= count; b += 2 * NE_USER_VECTOR)
      sums_pass(ring + k0 + b, offset, w, t0, t1, now, K, 2, own ? own + b : NULL, si, lane_k ? lane_k + b : NULL,
                sum + b);
    if (b + NE_USER_VECTOR <= count)
      sums_pass(ring + k0 + b, offset, w, t0, t1, now, K, 1, own ? own + b : NULL, si, lane_k ? lane_k + b : NULL,
                sum + b), b += NE_USER_VECTOR;
#ifdef NE_USER_HALF
    if (b + NE_USER_VECTOR / 2 <= count)
      sums_pass_half(ring + k0 + b, offset, w, t0, t1, now, K, 1, own ? own + b : NULL, si,
                     lane_k ? lane_k + b : NULL, sum + b), b += NE_USER_VECTOR / 2;
#endif
    for (; b < count; ++b) {
      double c = accumulate_one(ring + k0 + b, offset, w, t0, t1, now, K);
      if (own)
        c -= si * own[b];
      if (lane_k)
        c *= lane_k[b];
      sum[b] = c;
    }
  }
}

void NE_USER_CAT(ne_mass_user_set_inputs_, NE_USER_LEVEL)(const double *ring, const int32_t *offset, const double *w,
                                                          const int32_t *term_start, int32_t i0, int32_t i1,
                                                          int32_t k0, int32_t count, int64_t now, int32_t K,
                                                          int32_t slots2, const double *node_strength,
                                                          const double *lane_k, double *in) {
  /* the usual batch widths with K a constant, every other K as it comes */
  if (K == 8 && count == 8)
    set_inputs_body(ring, offset, w, term_start, i0, i1, k0, 8, now, 8, slots2, node_strength, lane_k, in);
  else if (K == 16 && count == 16)
    set_inputs_body(ring, offset, w, term_start, i0, i1, k0, 16, now, 16, slots2, node_strength, lane_k, in);
  else
    set_inputs_body(ring, offset, w, term_start, i0, i1, k0, count, now, K, slots2, node_strength, lane_k, in);
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

int NE_USER_CAT(ne_mass_user_finite_, NE_USER_LEVEL)(int32_t count, const double *restrict x) {
  double any = 0.0; /* x 0 is 0 for a finite x, nan for nan and inf; a sum with a nan is nan in any order */
#pragma omp simd reduction(+ : any)
  for (int32_t l = 0; l < count; ++l)
    any += x[l] * 0.0;
  return any == 0.0;
}
