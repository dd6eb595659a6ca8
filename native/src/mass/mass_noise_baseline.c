/* The mass kernel's normals for the baseline SIMD level. */
#define NE_MASS_NORMALS_NAME ne_mass_normals_baseline
#include "mass_noise_kernel.h"
