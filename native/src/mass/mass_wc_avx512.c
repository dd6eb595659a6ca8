/* Wilson-Cowan, one parameter set, eight targets per vector (mass_wc_lanes.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "mass_coupling.h"
#include "mass_params.h"
#include "mass_wc_lanes.h"

/* The far-term partials of target i for the eight steps from slot `now`: partial q mod 4 of term
 * position q, lane = step (the ring holds steps now .. now + 7 - d contiguously for d >= 7). */
static inline void far_block(const ne_mass_wc_step *s, int32_t i, int64_t now) {
  __m512d acc[4] = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()};
  const int32_t t0 = s->term_start[i], t1 = s->term_near[i];
  const double *ring = s->ring + now;
  int32_t t = t0;
  for (; t + 4 <= t1; t += 4)
    for (int p = 0; p < 4; ++p)
      acc[p] = _mm512_add_pd(acc[p], _mm512_mul_pd(_mm512_set1_pd(s->term_w[t + p]),
                                                   _mm512_loadu_pd(ring + s->term_offset[t + p])));
  for (int p = 0; t < t1; ++t, ++p)
    acc[p] = _mm512_add_pd(acc[p], _mm512_mul_pd(_mm512_set1_pd(s->term_w[t]), _mm512_loadu_pd(ring + s->term_offset[t])));
  double *out = s->far_partials + (int64_t)i * 4 * NE_MASS_WC_BLOCK_STEPS;
  for (int p = 0; p < 4; ++p)
    _mm512_storeu_pd(out + p * NE_MASS_WC_BLOCK_STEPS, acc[p]);
}

/* Target i's sum at step `in_block` of the block: its far partials, then the near terms, as
 * accumulate_one over the whole list. */
static inline double coupling_sum(const ne_mass_wc_step *s, int32_t i, int64_t now, int32_t in_block) {
  const double *far = s->far_partials + (int64_t)i * 4 * NE_MASS_WC_BLOCK_STEPS + in_block;
  double a[4] = {far[0], far[NE_MASS_WC_BLOCK_STEPS], far[2 * NE_MASS_WC_BLOCK_STEPS], far[3 * NE_MASS_WC_BLOCK_STEPS]};
  accumulate_partials(s->ring, s->term_offset, s->term_w, s->term_start[i], s->term_near[i], s->term_start[i + 1], now, 1, a);
  return (a[0] + a[1]) + (a[2] + a[3]);
}

/* 1 / (1 + exp(-a (u - mu))), as ne_wc_sigmoid. */
static inline __m512d sigmoid8(__m512d u, double a, double mu) {
  const __m512d one = _mm512_set1_pd(1.0);
  return _mm512_div_pd(one, _mm512_add_pd(one, ne_exp_avx512(_mm512_mul_pd(_mm512_set1_pd(-a),
                                                                           _mm512_sub_pd(u, _mm512_set1_pd(mu))))));
}

/* -x (a sign flip, as C's unary minus: -(+0) is -0, unlike 0 - x) */
static inline __m512d negate(__m512d x) {
  return _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(x), _mm512_set1_epi64((long long)0x8000000000000000ull)));
}

/* x < 0 ? 0 : (x > 1 ? 1 : x), with the scalar path's treatment of -0. */
static inline __m512d clip01(__m512d x) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  x = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, zero, _CMP_LT_OQ), x, zero);
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, one, _CMP_GT_OQ), x, one);
}

void ne_mass_wc_groups_avx512(const ne_mass_wc_step *s, int32_t g_begin, int32_t g_end, int64_t now, int64_t write,
                              int32_t in_block, double *row_e, double *row_i) {
  const double *p = s->params;
  const int32_t N = s->N, S2 = 2 * s->slots;
  const __m512d dt = _mm512_set1_pd(s->dt), one = _mm512_set1_pd(1.0);
  const double sigma = p[NE_MASS_SIGMA_OU], tau = p[NE_MASS_TAU_OU];
  for (int32_t g = g_begin; g < g_end; ++g) {
    const int32_t i0 = NE_MASS_WC_LANES * g;
    const __mmask8 valid = N - i0 >= 8 ? (__mmask8)0xFF : (__mmask8)((1u << (N - i0)) - 1u);
    double sums[NE_MASS_WC_LANES] = {0};
    for (int32_t l = 0; l < NE_MASS_WC_LANES && i0 + l < N; ++l) {
      if (in_block == 0)
        far_block(s, i0 + l, now);
      sums[l] = coupling_sum(s, i0 + l, now, in_block);
    }
    const __m512d sum = _mm512_loadu_pd(sums);
    const __m512d coupling = _mm512_mul_pd(sum, _mm512_set1_pd(p[NE_MASS_K_GL]));
    /* node i's E is slot `now` of its ring (scalar loads: AMD's gathers and scatters are slow) */
    double e_now[NE_MASS_WC_LANES] = {0};
    for (int32_t l = 0; l < NE_MASS_WC_LANES && i0 + l < N; ++l)
      e_now[l] = s->ring[(int64_t)(i0 + l) * S2 + now];
    const __m512d e = _mm512_loadu_pd(e_now);
    const __m512d i = _mm512_maskz_loadu_pd(valid, s->inh + i0);
    const __m512d ou_e = _mm512_maskz_loadu_pd(valid, s->ou + i0), ou_i = _mm512_maskz_loadu_pd(valid, s->ou + N + i0);
    /* ne_wc_rhs */
    const __m512d in_e = _mm512_add_pd(
        _mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(_mm512_set1_pd(p[NE_WC_C_EXCEXC]), e),
                                    _mm512_mul_pd(_mm512_set1_pd(p[NE_WC_C_INHEXC]), i)),
                      coupling),
        _mm512_set1_pd(p[NE_WC_EXC_EXT]));
    const __m512d in_i = _mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(_mm512_set1_pd(p[NE_WC_C_EXCINH]), e),
                                                     _mm512_mul_pd(_mm512_set1_pd(p[NE_WC_C_INHINH]), i)),
                                       _mm512_set1_pd(p[NE_WC_INH_EXT]));
    const __m512d s_e = sigmoid8(in_e, p[NE_WC_A_EXC], p[NE_WC_MU_EXC]);
    const __m512d s_i = sigmoid8(in_i, p[NE_WC_A_INH], p[NE_WC_MU_INH]);
    const __m512d de = _mm512_div_pd(
        _mm512_add_pd(_mm512_add_pd(negate(e), _mm512_mul_pd(_mm512_sub_pd(one, e), s_e)), ou_e),
        _mm512_set1_pd(p[NE_WC_TAU_EXC]));
    const __m512d di = _mm512_div_pd(
        _mm512_add_pd(_mm512_add_pd(negate(i), _mm512_mul_pd(_mm512_sub_pd(one, i), s_i)), ou_i),
        _mm512_set1_pd(p[NE_WC_TAU_INH]));
    const __m512d e_new = clip01(_mm512_add_pd(e, _mm512_mul_pd(dt, de)));
    const __m512d i_new = clip01(_mm512_add_pd(i, _mm512_mul_pd(dt, di)));
    /* both copies of the mirrored ring, the plain state */
    double e_out[NE_MASS_WC_LANES];
    _mm512_storeu_pd(e_out, e_new);
    for (int32_t l = 0; l < NE_MASS_WC_LANES && i0 + l < N; ++l) {
      s->ring[(int64_t)(i0 + l) * S2 + write] = e_out[l];
      s->ring[(int64_t)(i0 + l) * S2 + write + s->slots] = e_out[l];
    }
    _mm512_mask_storeu_pd(s->inh + i0, valid, i_new);
    /* OU inputs after the state update */
    __m512d xi0 = _mm512_setzero_pd(), xi1 = _mm512_setzero_pd();
    if (sigma > 0.0) {
      const int32_t nl = N - i0 >= 8 ? 8 : N - i0;
      const __mmask16 pairs = nl == 8 ? (__mmask16)0xFFFF : (__mmask16)((1u << (2 * nl)) - 1u);
      const __m512 z = _mm512_maskz_loadu_ps(pairs, s->normals + 2 * i0); /* [node][2] */
      const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
      const __m512 split = _mm512_permutexvar_ps(even, z); /* normals 0 in the low half, 1 in the high */
      xi0 = _mm512_cvtps_pd(_mm512_castps512_ps256(split));
      xi1 = _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(split), 1)));
    }
    const __m512d noise = _mm512_set1_pd(sigma * s->sqrt_dt);
    const __m512d ou_e_new = _mm512_add_pd(
        _mm512_add_pd(ou_e, _mm512_div_pd(_mm512_mul_pd(_mm512_sub_pd(_mm512_set1_pd(p[NE_MASS_OU_MEAN_0]), ou_e), dt),
                                          _mm512_set1_pd(tau))),
        _mm512_mul_pd(noise, xi0));
    const __m512d ou_i_new = _mm512_add_pd(
        _mm512_add_pd(ou_i, _mm512_div_pd(_mm512_mul_pd(_mm512_sub_pd(_mm512_set1_pd(p[NE_MASS_OU_MEAN_1]), ou_i), dt),
                                          _mm512_set1_pd(tau))),
        _mm512_mul_pd(noise, xi1));
    _mm512_mask_storeu_pd(s->ou + i0, valid, ou_e_new);
    _mm512_mask_storeu_pd(s->ou + N + i0, valid, ou_i_new);
    if (row_e) {
      _mm512_mask_storeu_pd(row_e + i0, valid, e_new);
      _mm512_mask_storeu_pd(row_i + i0, valid, i_new);
    }
  }
}
