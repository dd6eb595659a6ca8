/* The user-model path's sums for the avx2 SIMD level (8 sets per pass). */
#define NE_USER_LEVEL avx2
#define NE_USER_WIDTH 8
#include "mass_user_sums_kernel.h"
