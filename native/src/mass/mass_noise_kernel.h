/* Body of ne_mass_normals_<level> (mass_noise.h); included once per SIMD level. */
#include "../common/philox_simd.h"
#include "mass_noise.h"

void NE_MASS_NORMALS_NAME(uint64_t step, const uint32_t *nodes, const uint32_t *pairs, uint64_t seed, uint32_t tag, int nl,
                          float (*z)[NE_MASS_NOISE_LANES]) {
  ne_normal4_lanes((uint32_t)step, tag ^ (uint32_t)(step >> 32), nodes, pairs, (uint32_t)seed,
                   (uint32_t)(seed >> 32), nl, z);
}
