/* The mass kernel's normals for the avx512 SIMD level (flags set in CMakeLists.txt). */
#define NE_MASS_NORMALS_NAME ne_mass_normals_avx512
#include "mass_noise_kernel.h"
