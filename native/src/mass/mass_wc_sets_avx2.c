/* Wilson-Cowan, four parameter sets per AVX2 vector (mass_wc_sets.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "mass_params.h"
#include "mass_wc_sets.h"

static inline __m256d param(const ne_mass_wc_sets_step *s, int slot) {
  return _mm256_loadu_pd(s->params + (int64_t)slot * NE_MASS_WC_SETS);
}

/* 1 / (1 + exp(-a (u - mu))), as ne_wc_sigmoid: -a is a sign flip of a */
static inline __m256d sigmoid4(__m256d u, __m256d minus_a, __m256d mu) {
  const __m256d one = _mm256_set1_pd(1.0);
  return _mm256_div_pd(one, _mm256_add_pd(one, ne_exp_avx2(_mm256_mul_pd(minus_a, _mm256_sub_pd(u, mu)))));
}

/* -x (a sign flip, as C's unary minus) */
static inline __m256d negate(__m256d x) { return _mm256_xor_pd(x, _mm256_set1_pd(-0.0)); }

/* x < 0 ? 0 : (x > 1 ? 1 : x), as the per-set path's clip */
static inline __m256d clip01(__m256d x) {
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  x = _mm256_blendv_pd(x, zero, _mm256_cmp_pd(x, zero, _CMP_LT_OQ));
  return _mm256_blendv_pd(x, one, _mm256_cmp_pd(x, one, _CMP_GT_OQ));
}

/* sum over target i's terms of w x the source's delayed E, as accumulate in mass.c: term t0 + q
 * into partial q mod 4 in fours, the remainder into the first partials, then (p0 + p1) + (p2 + p3) */
static inline __m256d coupling_sum(const ne_mass_wc_sets_step *s, int32_t i, int64_t now) {
  __m256d a0 = _mm256_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
  const int32_t t1 = s->term_start[i + 1];
  const int32_t *offset = s->term_offset;
  const double *w = s->term_w, *ring = s->ring + now * NE_MASS_WC_SETS;
  int32_t t = s->term_start[i];
#define NE_TERM(q) _mm256_mul_pd(_mm256_set1_pd(w[q]), _mm256_loadu_pd(ring + (int64_t)offset[q] * NE_MASS_WC_SETS))
  for (; t + 4 <= t1; t += 4) {
    a0 = _mm256_add_pd(a0, NE_TERM(t));
    a1 = _mm256_add_pd(a1, NE_TERM(t + 1));
    a2 = _mm256_add_pd(a2, NE_TERM(t + 2));
    a3 = _mm256_add_pd(a3, NE_TERM(t + 3));
  }
  if (t < t1)
    a0 = _mm256_add_pd(a0, NE_TERM(t));
  if (t + 1 < t1)
    a1 = _mm256_add_pd(a1, NE_TERM(t + 1));
  if (t + 2 < t1)
    a2 = _mm256_add_pd(a2, NE_TERM(t + 2));
#undef NE_TERM
  return _mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3));
}

void ne_mass_wc_sets_avx2(const ne_mass_wc_sets_step *s, int32_t i_begin, int32_t i_end, int64_t now, int64_t write,
                          double *const *rows) {
  enum { L = NE_MASS_WC_SETS };
  const int32_t N = s->N, S = s->slots;
  const __m256d dt = _mm256_set1_pd(s->dt), one = _mm256_set1_pd(1.0);
  const __m256d noisy = _mm256_cmp_pd(_mm256_loadu_pd(s->noisy), _mm256_setzero_pd(), _CMP_NEQ_OQ);
  const __m256d noise = _mm256_mul_pd(param(s, NE_MASS_SIGMA_OU), _mm256_set1_pd(s->sqrt_dt));
  const __m256i split = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7); /* [set][2] -> normals 0, then normals 1 */
  /* the sums first, then the updates: they read only older slots, and an update's long chain of
   * dependent operations (two exps, four divisions) then overlaps with the next target's */
  for (int32_t i = i_begin; i < i_end; ++i)
    _mm256_storeu_pd(s->sums + (int64_t)i * L, coupling_sum(s, i, now));
  for (int32_t i = i_begin; i < i_end; ++i) {
    double *own = s->ring + (int64_t)i * 2 * S * L;
    const __m256d coupling = _mm256_mul_pd(_mm256_loadu_pd(s->sums + (int64_t)i * L), param(s, NE_MASS_K_GL));
    const __m256d e = _mm256_loadu_pd(own + now * L), in = _mm256_loadu_pd(s->inh + (int64_t)i * L);
    const __m256d ou_e = _mm256_loadu_pd(s->ou + (int64_t)i * L), ou_i = _mm256_loadu_pd(s->ou + ((int64_t)N + i) * L);
    /* ne_wc_rhs */
    const __m256d in_e = _mm256_add_pd(
        _mm256_add_pd(_mm256_sub_pd(_mm256_mul_pd(param(s, NE_WC_C_EXCEXC), e), _mm256_mul_pd(param(s, NE_WC_C_INHEXC), in)),
                      coupling),
        param(s, NE_WC_EXC_EXT));
    const __m256d in_i = _mm256_add_pd(
        _mm256_sub_pd(_mm256_mul_pd(param(s, NE_WC_C_EXCINH), e), _mm256_mul_pd(param(s, NE_WC_C_INHINH), in)),
        param(s, NE_WC_INH_EXT));
    const __m256d s_e = sigmoid4(in_e, negate(param(s, NE_WC_A_EXC)), param(s, NE_WC_MU_EXC));
    const __m256d s_i = sigmoid4(in_i, negate(param(s, NE_WC_A_INH)), param(s, NE_WC_MU_INH));
    const __m256d de = _mm256_div_pd(_mm256_add_pd(_mm256_add_pd(negate(e), _mm256_mul_pd(_mm256_sub_pd(one, e), s_e)), ou_e),
                                     param(s, NE_WC_TAU_EXC));
    const __m256d di = _mm256_div_pd(_mm256_add_pd(_mm256_add_pd(negate(in), _mm256_mul_pd(_mm256_sub_pd(one, in), s_i)), ou_i),
                                     param(s, NE_WC_TAU_INH));
    const __m256d e_new = clip01(_mm256_add_pd(e, _mm256_mul_pd(dt, de)));
    const __m256d i_new = clip01(_mm256_add_pd(in, _mm256_mul_pd(dt, di)));
    _mm256_storeu_pd(own + write * L, e_new); /* both copies of the mirrored ring */
    _mm256_storeu_pd(own + (write + S) * L, e_new);
    _mm256_storeu_pd(s->inh + (int64_t)i * L, i_new);
    /* OU inputs after the state update; a set without noise adds sigma sqrt(dt) x 0, as there */
    __m256d xi0 = _mm256_setzero_pd(), xi1 = xi0;
    if (s->normals) {
      const __m256 z = _mm256_permutevar8x32_ps(_mm256_loadu_ps(s->normals + (int64_t)i * 2 * L), split);
      xi0 = _mm256_and_pd(noisy, _mm256_cvtps_pd(_mm256_castps256_ps128(z)));
      xi1 = _mm256_and_pd(noisy, _mm256_cvtps_pd(_mm256_extractf128_ps(z, 1)));
    }
    const __m256d tau = param(s, NE_MASS_TAU_OU);
    const __m256d ou_e_new = _mm256_add_pd(
        _mm256_add_pd(ou_e, _mm256_div_pd(_mm256_mul_pd(_mm256_sub_pd(param(s, NE_MASS_OU_MEAN_0), ou_e), dt), tau)),
        _mm256_mul_pd(noise, xi0));
    const __m256d ou_i_new = _mm256_add_pd(
        _mm256_add_pd(ou_i, _mm256_div_pd(_mm256_mul_pd(_mm256_sub_pd(param(s, NE_MASS_OU_MEAN_1), ou_i), dt), tau)),
        _mm256_mul_pd(noise, xi1));
    _mm256_storeu_pd(s->ou + (int64_t)i * L, ou_e_new);
    _mm256_storeu_pd(s->ou + ((int64_t)N + i) * L, ou_i_new);
    if (rows) {
      double e_out[L], i_out[L];
      _mm256_storeu_pd(e_out, e_new);
      _mm256_storeu_pd(i_out, i_new);
      for (int k = 0; k < L; ++k) {
        rows[2 * k][i] = e_out[k];
        rows[2 * k + 1][i] = i_out[k];
      }
    }
  }
}
