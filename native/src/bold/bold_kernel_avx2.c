/* The BOLD kernel on AVX2: four regions per vector (the body is bold_kernel_lanes.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"

#define NE_BV __m256d
#define NE_BV_LANES 4
#define NE_BV_SET1 _mm256_set1_pd
#define NE_BV_LOAD _mm256_loadu_pd
#define NE_BV_STORE _mm256_storeu_pd
#define NE_BV_ADD _mm256_add_pd
#define NE_BV_SUB _mm256_sub_pd
#define NE_BV_MUL _mm256_mul_pd
#define NE_BV_DIV _mm256_div_pd
#define NE_BV_MAX _mm256_max_pd
#define NE_BV_SQRT _mm256_sqrt_pd
#define NE_BV_EXP ne_exp_avx2
#define NE_BV_KERNEL ne_bold_four_avx2
#include "bold_kernel_lanes.h"
