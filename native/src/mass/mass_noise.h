/* The OU normals of the neural mass kernel, for many (node, set pair) lanes at once: Philox4x32-10
 * with counter (step, tag ^ high step bits, node, set pair) and key the seed, then Box-Muller
 * (ne_normal4_lanes); set 2p takes normals 0 and 1 of its pair's block, set 2p + 1 normals 2 and
 * 3. The tag picks the stream: NE_MASS_TAG for OU inputs 0 and 1 (every model), NE_MASS_TAG_OU23
 * for a user-defined model's inputs 2 and 3. Compiled per SIMD level (mass_noise_*.c); every
 * level gives the same bits. */
#ifndef NE_MASS_NOISE_H
#define NE_MASS_NOISE_H

#include <stdint.h>

#define NE_MASS_TAG 0x4d415353u      /* "MASS" */
#define NE_MASS_TAG_OU23 0x4f553233u /* "OU23" */
#define NE_MASS_NOISE_LANES 16

/* Fills z[0..3][l] for lanes l < nl (nl <= 16). */
void ne_mass_normals_baseline(uint64_t step, const uint32_t *nodes, const uint32_t *pairs, uint64_t seed, uint32_t tag, int nl,
                              float (*z)[NE_MASS_NOISE_LANES]);
void ne_mass_normals_avx2(uint64_t step, const uint32_t *nodes, const uint32_t *pairs, uint64_t seed, uint32_t tag, int nl,
                          float (*z)[NE_MASS_NOISE_LANES]);
void ne_mass_normals_avx512(uint64_t step, const uint32_t *nodes, const uint32_t *pairs, uint64_t seed, uint32_t tag, int nl,
                            float (*z)[NE_MASS_NOISE_LANES]);

#endif
