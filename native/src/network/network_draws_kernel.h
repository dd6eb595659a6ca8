/* Body of the connectivity draw generator for one SIMD level, included by
 * network_draws_<level>.c with NE_NET_DRAW_BLOCKS naming the function:
 * 16 consecutive Philox blocks of the stream (target, projection) under the
 * connectivity seed, counter (target, projection, block, tag), written
 * block-major (4 words per block). Every level writes the same words. */
#include "../common/philox_simd.h"
#include "network_internal.h"

void NE_NET_DRAW_BLOCKS(uint64_t seed, uint32_t target, uint32_t projection, uint32_t first_block, uint32_t tag,
                        uint32_t *words) {
  const uint32_t key0 = (uint32_t)seed, key1 = (uint32_t)(seed >> 32);
#if defined(__AVX2__)
  uint32_t blocks[16], tags[16], w[4][16];
  for (int l = 0; l < 16; ++l) {
    blocks[l] = first_block + (uint32_t)l;
    tags[l] = tag;
  }
  ne_philox4x32_10_avx2_x16(target, projection, blocks, tags, key0, key1, w[0], w[1], w[2], w[3]);
  for (int l = 0; l < 16; ++l)
    for (int j = 0; j < 4; ++j)
      words[4 * l + j] = w[j][l];
#else
  for (int l = 0; l < 16; ++l)
    ne_philox4x32_10_block(target, projection, first_block + (uint32_t)l, tag, key0, key1, &words[4 * l],
                           &words[4 * l + 1], &words[4 * l + 2], &words[4 * l + 3]);
#endif
}
