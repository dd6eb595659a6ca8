/* The AVX2 and AVX-512 forms of ne_exp (exp_math.h): ne_exp_avx2 on four lanes, ne_exp_avx512 on
 * eight, both from the one body in exp_simd_lanes.h, so each lane's bits equal the scalar
 * function's. Include only from files compiled with -mavx2 (the AVX-512 form also needs
 * -mavx512f). */
#ifndef NE_EXP_SIMD_H
#define NE_EXP_SIMD_H

#include <immintrin.h>

#include "exp_math.h"

#define NE_EV __m256d
#define NE_EVI __m256i
#define NE_EV_SET1 _mm256_set1_pd
#define NE_EV_ADD _mm256_add_pd
#define NE_EV_SUB _mm256_sub_pd
#define NE_EV_MUL _mm256_mul_pd
#define NE_EV_MIN _mm256_min_pd
#define NE_EV_MAX _mm256_max_pd
#define NE_EV_FLOOR _mm256_floor_pd
#define NE_EV_AS_INT _mm256_castpd_si256
#define NE_EVI_AS_DOUBLE _mm256_castsi256_pd
#define NE_EVI_SET1 _mm256_set1_epi64x
#define NE_EVI_ADD _mm256_add_epi64
#define NE_EVI_SUB _mm256_sub_epi64
#define NE_EVI_SHL _mm256_slli_epi64
#define NE_EV_POW2_NAME ne_exp_pow2_avx2
#define NE_EV_EXP_NAME ne_exp_avx2
#include "exp_simd_lanes.h"

#if defined(__AVX512F__)
/* floor: round toward minus infinity, as _mm256_floor_pd does */
static inline __m512d ne_floor_avx512(__m512d x) {
  return _mm512_roundscale_pd(x, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
}
#define NE_EV __m512d
#define NE_EVI __m512i
#define NE_EV_SET1 _mm512_set1_pd
#define NE_EV_ADD _mm512_add_pd
#define NE_EV_SUB _mm512_sub_pd
#define NE_EV_MUL _mm512_mul_pd
#define NE_EV_MIN _mm512_min_pd
#define NE_EV_MAX _mm512_max_pd
#define NE_EV_FLOOR ne_floor_avx512
#define NE_EV_AS_INT _mm512_castpd_si512
#define NE_EVI_AS_DOUBLE _mm512_castsi512_pd
#define NE_EVI_SET1 _mm512_set1_epi64
#define NE_EVI_ADD _mm512_add_epi64
#define NE_EVI_SUB _mm512_sub_epi64
#define NE_EVI_SHL _mm512_slli_epi64
#define NE_EV_POW2_NAME ne_exp_pow2_avx512
#define NE_EV_EXP_NAME ne_exp_avx512
#include "exp_simd_lanes.h"
#endif

#endif
