/* Body of the Poisson refill for one SIMD level: the drive counts of the 4
 * steps of a block for a run of neurons, one Philox block per neuron and
 * part (counter: step / 4, drive | part << 16, neuron, tag ^ step >> 34).
 * Included by network_poisson_<level>.c with NE_POISSON_REFILL naming the
 * function; every level draws the same words and so the same counts. */
#include "../common/philox_simd.h"
#include "network_internal.h"

void NE_POISSON_REFILL(const ne_net_drive_params *drive, uint64_t seed, uint32_t drive_index,
                       uint32_t first_neuron, int32_t n, int64_t step, uint16_t *cache, int32_t stride) {
  const uint32_t key0 = (uint32_t)seed, key1 = (uint32_t)(seed >> 32);
  const uint32_t block = (uint32_t)(step >> 2);
  const uint32_t tag = NE_NET_TAG_POISSON ^ (uint32_t)(step >> 34);
  uint32_t counts[16][4];
  for (int32_t start = 0; start < n; start += 16) {
    const int32_t lanes = n - start < 16 ? n - start : 16;
    memset(counts, 0, sizeof counts);
    for (int32_t part = 0; part < drive->parts; ++part) {
      const uint32_t element = drive_index | ((uint32_t)part << 16);
      uint32_t w[4][16];
#if defined(__AVX2__)
      uint32_t neuron[16], tags[16];
      for (int l = 0; l < 16; ++l) {
        neuron[l] = first_neuron + (uint32_t)(start + l);
        tags[l] = tag;
      }
      ne_philox4x32_10_avx2_x16(block, element, neuron, tags, key0, key1, w[0], w[1], w[2], w[3]);
#else
      for (int l = 0; l < lanes; ++l)
        ne_philox4x32_10_block(block, element, first_neuron + (uint32_t)(start + l), tag, key0, key1, &w[0][l],
                               &w[1][l], &w[2][l], &w[3][l]);
#endif
      for (int l = 0; l < lanes; ++l) {
        double u[4] = {ne_u32_to_open01_double(w[0][l]), ne_u32_to_open01_double(w[1][l]),
                       ne_u32_to_open01_double(w[2][l]), ne_u32_to_open01_double(w[3][l])};
        ne_poisson_inversion4(u, drive->cdf, drive->table_length, counts[l]);
      }
    }
    for (int l = 0; l < lanes; ++l)
      for (int j = 0; j < 4; ++j)
        cache[(size_t)(start + l) * (size_t)stride + (size_t)j] =
            (uint16_t)(counts[l][j] > 65535u ? 65535u : counts[l][j]);
  }
}
