/* Wilson-Cowan, eight parameter sets per AVX-512 vector (mass_wc_sets.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "mass_params.h"
#include "mass_wc_sets.h"

/* x < 0 ? 0 : (x > 1 ? 1 : x), as the per-set path's clip */
static inline __m512d clip01_avx512(__m512d x) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  x = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, zero, _CMP_LT_OQ), x, zero);
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, one, _CMP_GT_OQ), x, one);
}

/* normals [N][8][2] -> normals 0 of the eight sets, then normals 1 */
static inline void normals_avx512(const ne_mass_wc_sets_step *s, int32_t i, __mmask8 noisy, __m512d *xi0,
                                  __m512d *xi1) {
  const __m512i split = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
  const __m512 z = _mm512_permutexvar_ps(split, _mm512_loadu_ps(s->normals + (int64_t)i * 2 * NE_MASS_WC_SETS_AVX512));
  *xi0 = _mm512_maskz_mov_pd(noisy, _mm512_cvtps_pd(_mm512_castps512_ps256(z)));
  *xi1 = _mm512_maskz_mov_pd(noisy, _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(z), 1))));
}

#define NE_SV __m512d
#define NE_SV_WIDTH NE_MASS_WC_SETS_AVX512
#define NE_SV_LOAD _mm512_loadu_pd
#define NE_SV_STORE _mm512_storeu_pd
#define NE_SV_SET1 _mm512_set1_pd
#define NE_SV_ZERO _mm512_setzero_pd
#define NE_SV_ADD _mm512_add_pd
#define NE_SV_SUB _mm512_sub_pd
#define NE_SV_MUL _mm512_mul_pd
#define NE_SV_DIV _mm512_div_pd
#define NE_SV_EXP ne_exp_avx512
#define NE_SV_NEGATE(x) _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(x), _mm512_set1_epi64(INT64_MIN)))
#define NE_SV_CLIP01 clip01_avx512
#define NE_SV_MASK __mmask8
#define NE_SV_NOISY(noisy) _mm512_cmp_pd_mask(_mm512_loadu_pd(noisy), _mm512_setzero_pd(), _CMP_NEQ_OQ)
#define NE_SV_NORMALS(s, i, mask, xi0, xi1) normals_avx512((s), (i), (mask), &(xi0), &(xi1))
#define NE_SV_KERNEL ne_mass_wc_sets_avx512
#include "mass_wc_sets_lanes.h"
