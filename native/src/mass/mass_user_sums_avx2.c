/* The user-model path's sums for the avx2 SIMD level (4 doubles per vector). */
#define NE_USER_LEVEL avx2
#define NE_USER_VECTOR 4
#include "mass_user_sums_kernel.h"
