/* The LIF kernel built for the avx2 SIMD level (flags set in CMakeLists.txt). */
#define NE_LIF_ADVANCE_NAME ne_lif_advance_avx2
#include "lif_kernel.h"
