/* Wilson-Cowan, four parameter sets per AVX2 vector (mass_wc_sets.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "mass_params.h"
#include "mass_wc_sets.h"

/* x < 0 ? 0 : (x > 1 ? 1 : x), as the per-set path's clip */
static inline __m256d clip01_avx2(__m256d x) {
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  x = _mm256_blendv_pd(x, zero, _mm256_cmp_pd(x, zero, _CMP_LT_OQ));
  return _mm256_blendv_pd(x, one, _mm256_cmp_pd(x, one, _CMP_GT_OQ));
}

/* normals [N][4][2] -> normals 0 of the four sets, then normals 1 */
static inline void normals_avx2(const ne_mass_wc_sets_step *s, int32_t i, __m256d noisy, __m256d *xi0, __m256d *xi1) {
  const __m256i split = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
  const __m256 z = _mm256_permutevar8x32_ps(_mm256_loadu_ps(s->normals + (int64_t)i * 2 * NE_MASS_WC_SETS_AVX2), split);
  *xi0 = _mm256_and_pd(noisy, _mm256_cvtps_pd(_mm256_castps256_ps128(z)));
  *xi1 = _mm256_and_pd(noisy, _mm256_cvtps_pd(_mm256_extractf128_ps(z, 1)));
}

#define NE_SV __m256d
#define NE_SV_WIDTH NE_MASS_WC_SETS_AVX2
#define NE_SV_LOAD _mm256_loadu_pd
#define NE_SV_STORE _mm256_storeu_pd
#define NE_SV_SET1 _mm256_set1_pd
#define NE_SV_ZERO _mm256_setzero_pd
#define NE_SV_ADD _mm256_add_pd
#define NE_SV_SUB _mm256_sub_pd
#define NE_SV_MUL _mm256_mul_pd
#define NE_SV_DIV _mm256_div_pd
#define NE_SV_EXP ne_exp_avx2
#define NE_SV_NEGATE(x) _mm256_xor_pd((x), _mm256_set1_pd(-0.0))
#define NE_SV_CLIP01 clip01_avx2
#define NE_SV_MASK __m256d
#define NE_SV_NOISY(noisy) _mm256_cmp_pd(_mm256_loadu_pd(noisy), _mm256_setzero_pd(), _CMP_NEQ_OQ)
#define NE_SV_NORMALS(s, i, mask, xi0, xi1) normals_avx2((s), (i), (mask), &(xi0), &(xi1))
#define NE_SV_KERNEL ne_mass_wc_sets_avx2
#include "mass_wc_sets_lanes.h"
