/* The user-model path's sums for the avx512 SIMD level (8 doubles per vector). */
#define NE_USER_LEVEL avx512
#define NE_USER_VECTOR 8
#include "mass_user_sums_kernel.h"
