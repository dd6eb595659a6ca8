/* The LIF kernel built for the avx512 SIMD level (flags set in CMakeLists.txt). */
#define NE_LIF_ADVANCE_NAME ne_lif_advance_avx512
#include "lif_kernel.h"
