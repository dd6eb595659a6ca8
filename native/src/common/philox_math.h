/* Philox4x32-10 counter-based generator (Salmon, Moraes, Dror, Shaw:
 * "Parallel random numbers: as easy as 1, 2, 3", SC'11). Ten rounds of
 * multiply/xor on a 128-bit counter under a 64-bit key; the key is bumped
 * by the Weyl constants between rounds. Written with scalar arguments so the
 * compiler can vectorise a loop of independent calls across lanes. */
#ifndef NE_PHILOX_MATH_H
#define NE_PHILOX_MATH_H

#include <stdint.h>
#include "ne_hd.h"

#define NE_PHILOX_M0 0xD2511F53u
#define NE_PHILOX_M1 0xCD9E8D57u
#define NE_PHILOX_W0 0x9E3779B9u
#define NE_PHILOX_W1 0xBB67AE85u

NE_HD static inline void ne_philox_round(uint32_t *x0, uint32_t *x1, uint32_t *x2, uint32_t *x3,
                                         uint32_t k0, uint32_t k1) {
  uint64_t p0 = (uint64_t)NE_PHILOX_M0 * (uint64_t)(*x0);
  uint64_t p1 = (uint64_t)NE_PHILOX_M1 * (uint64_t)(*x2);
  uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
  uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;
  uint32_t y0 = hi1 ^ *x1 ^ k0;
  uint32_t y2 = hi0 ^ *x3 ^ k1;
  *x0 = y0;
  *x1 = lo1;
  *x2 = y2;
  *x3 = lo0;
}

/* out = Philox4x32-10(counter (c0..c3), key (k0, k1)). */
NE_HD static inline void ne_philox4x32_10_block(uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3,
                                                uint32_t k0, uint32_t k1, uint32_t *o0,
                                                uint32_t *o1, uint32_t *o2, uint32_t *o3) {
  uint32_t x0 = c0, x1 = c1, x2 = c2, x3 = c3;
  ne_philox_round(&x0, &x1, &x2, &x3, k0, k1);
  for (int r = 1; r < 10; ++r) {
    k0 += NE_PHILOX_W0;
    k1 += NE_PHILOX_W1;
    ne_philox_round(&x0, &x1, &x2, &x3, k0, k1);
  }
  *o0 = x0;
  *o1 = x1;
  *o2 = x2;
  *o3 = x3;
}

#endif
