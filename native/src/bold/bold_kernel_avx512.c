/* The BOLD kernel on AVX-512: eight regions per vector (the body is bold_kernel_lanes.h). */
#include <immintrin.h>

#include "../common/exp_simd.h"

#define NE_BV __m512d
#define NE_BV_LANES 8
#define NE_BV_SET1 _mm512_set1_pd
#define NE_BV_LOAD _mm512_loadu_pd
#define NE_BV_STORE _mm512_storeu_pd
#define NE_BV_ADD _mm512_add_pd
#define NE_BV_SUB _mm512_sub_pd
#define NE_BV_MUL _mm512_mul_pd
#define NE_BV_DIV _mm512_div_pd
#define NE_BV_MAX _mm512_max_pd
#define NE_BV_SQRT _mm512_sqrt_pd
#define NE_BV_EXP ne_exp_avx512
#define NE_BV_KERNEL ne_bold_eight_avx512
#include "bold_kernel_lanes.h"
