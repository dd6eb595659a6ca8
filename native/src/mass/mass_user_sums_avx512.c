/* The user-model path's sums for the avx512 SIMD level (16 sets per pass). */
#define NE_USER_LEVEL avx512
#define NE_USER_WIDTH 16
#include "mass_user_sums_kernel.h"
