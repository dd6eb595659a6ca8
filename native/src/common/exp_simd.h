/* The AVX2 and AVX-512 forms of ne_exp (exp_math.h): the same operations on four or eight lanes,
 * so each lane's bits equal the scalar function's. Include only from files compiled with -mavx2
 * (the AVX-512 form also needs -mavx512f). */
#ifndef NE_EXP_SIMD_H
#define NE_EXP_SIMD_H

#include <immintrin.h>

#include "exp_math.h"

static inline __m256d ne_exp_pow2_avx2(__m256d m) {
  __m256i bits = _mm256_sub_epi64(_mm256_castpd_si256(_mm256_add_pd(m, _mm256_set1_pd(NE_EXP_SHIFT))),
                                  _mm256_castpd_si256(_mm256_set1_pd(NE_EXP_SHIFT)));
  return _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(bits, _mm256_set1_epi64x(1023)), 52));
}

static inline __m256d ne_exp_avx2(__m256d x) {
  x = _mm256_min_pd(_mm256_max_pd(x, _mm256_set1_pd(NE_EXP_MIN)), _mm256_set1_pd(NE_EXP_MAX));
  const __m256d shift = _mm256_set1_pd(NE_EXP_SHIFT);
  __m256d t = _mm256_add_pd(_mm256_mul_pd(x, _mm256_set1_pd(NE_EXP_LOG2E)), shift);
  __m256d n = _mm256_sub_pd(t, shift);
  __m256d r = _mm256_sub_pd(_mm256_sub_pd(x, _mm256_mul_pd(n, _mm256_set1_pd(NE_EXP_LN2_HI))),
                            _mm256_mul_pd(n, _mm256_set1_pd(NE_EXP_LN2_LO)));
  const __m256d r2 = _mm256_mul_pd(r, r), r4 = _mm256_mul_pd(r2, r2), r8 = _mm256_mul_pd(r4, r4);
#define NE_EXP_PAIR(a, b) _mm256_add_pd(_mm256_set1_pd(a), _mm256_mul_pd(_mm256_set1_pd(b), r))
  const __m256d q0 = NE_EXP_PAIR(1.0, 1.0), q1 = NE_EXP_PAIR(NE_EXP_C2, NE_EXP_C3), q2 = NE_EXP_PAIR(NE_EXP_C4, NE_EXP_C5);
  const __m256d q3 = NE_EXP_PAIR(NE_EXP_C6, NE_EXP_C7), q4 = NE_EXP_PAIR(NE_EXP_C8, NE_EXP_C9);
  const __m256d q5 = NE_EXP_PAIR(NE_EXP_C10, NE_EXP_C11), q6 = NE_EXP_PAIR(NE_EXP_C12, NE_EXP_C13);
#undef NE_EXP_PAIR
  const __m256d s0 = _mm256_add_pd(q0, _mm256_mul_pd(q1, r2)), s1 = _mm256_add_pd(q2, _mm256_mul_pd(q3, r2));
  const __m256d s2 = _mm256_add_pd(q4, _mm256_mul_pd(q5, r2));
  const __m256d u0 = _mm256_add_pd(s0, _mm256_mul_pd(s1, r4)), u1 = _mm256_add_pd(s2, _mm256_mul_pd(q6, r4));
  const __m256d p = _mm256_add_pd(u0, _mm256_mul_pd(u1, r8));
  __m256d n1 = _mm256_floor_pd(_mm256_mul_pd(n, _mm256_set1_pd(0.5))), n2 = _mm256_sub_pd(n, n1);
  return _mm256_mul_pd(_mm256_mul_pd(p, ne_exp_pow2_avx2(n1)), ne_exp_pow2_avx2(n2));
}

#if defined(__AVX512F__)
static inline __m512d ne_exp_pow2_avx512(__m512d m) {
  __m512i bits = _mm512_sub_epi64(_mm512_castpd_si512(_mm512_add_pd(m, _mm512_set1_pd(NE_EXP_SHIFT))),
                                  _mm512_castpd_si512(_mm512_set1_pd(NE_EXP_SHIFT)));
  return _mm512_castsi512_pd(_mm512_slli_epi64(_mm512_add_epi64(bits, _mm512_set1_epi64(1023)), 52));
}

static inline __m512d ne_exp_avx512(__m512d x) {
  x = _mm512_min_pd(_mm512_max_pd(x, _mm512_set1_pd(NE_EXP_MIN)), _mm512_set1_pd(NE_EXP_MAX));
  const __m512d shift = _mm512_set1_pd(NE_EXP_SHIFT);
  __m512d t = _mm512_add_pd(_mm512_mul_pd(x, _mm512_set1_pd(NE_EXP_LOG2E)), shift);
  __m512d n = _mm512_sub_pd(t, shift);
  __m512d r = _mm512_sub_pd(_mm512_sub_pd(x, _mm512_mul_pd(n, _mm512_set1_pd(NE_EXP_LN2_HI))),
                            _mm512_mul_pd(n, _mm512_set1_pd(NE_EXP_LN2_LO)));
  const __m512d r2 = _mm512_mul_pd(r, r), r4 = _mm512_mul_pd(r2, r2), r8 = _mm512_mul_pd(r4, r4);
#define NE_EXP_PAIR(a, b) _mm512_add_pd(_mm512_set1_pd(a), _mm512_mul_pd(_mm512_set1_pd(b), r))
  const __m512d q0 = NE_EXP_PAIR(1.0, 1.0), q1 = NE_EXP_PAIR(NE_EXP_C2, NE_EXP_C3), q2 = NE_EXP_PAIR(NE_EXP_C4, NE_EXP_C5);
  const __m512d q3 = NE_EXP_PAIR(NE_EXP_C6, NE_EXP_C7), q4 = NE_EXP_PAIR(NE_EXP_C8, NE_EXP_C9);
  const __m512d q5 = NE_EXP_PAIR(NE_EXP_C10, NE_EXP_C11), q6 = NE_EXP_PAIR(NE_EXP_C12, NE_EXP_C13);
#undef NE_EXP_PAIR
  const __m512d s0 = _mm512_add_pd(q0, _mm512_mul_pd(q1, r2)), s1 = _mm512_add_pd(q2, _mm512_mul_pd(q3, r2));
  const __m512d s2 = _mm512_add_pd(q4, _mm512_mul_pd(q5, r2));
  const __m512d u0 = _mm512_add_pd(s0, _mm512_mul_pd(s1, r4)), u1 = _mm512_add_pd(s2, _mm512_mul_pd(q6, r4));
  const __m512d p = _mm512_add_pd(u0, _mm512_mul_pd(u1, r8));
  __m512d n1 = _mm512_roundscale_pd(_mm512_mul_pd(n, _mm512_set1_pd(0.5)), _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  __m512d n2 = _mm512_sub_pd(n, n1);
  return _mm512_mul_pd(_mm512_mul_pd(p, ne_exp_pow2_avx512(n1)), ne_exp_pow2_avx512(n2));
}
#endif

#endif
