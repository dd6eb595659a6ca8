/* The user-model path's sums for the baseline SIMD level (2 doubles per vector). */
#define NE_USER_LEVEL baseline
#define NE_USER_VECTOR 2
#include "mass_user_sums_kernel.h"
