/* The user-model path's sums for the baseline SIMD level (4 sets per pass). */
#define NE_USER_LEVEL baseline
#define NE_USER_WIDTH 4
#include "mass_user_sums_kernel.h"
