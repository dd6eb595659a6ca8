/* The LIF kernel built for the baseline SIMD level (flags set in CMakeLists.txt). */
#define NE_LIF_ADVANCE_NAME ne_lif_advance_baseline
#include "lif_kernel.h"
