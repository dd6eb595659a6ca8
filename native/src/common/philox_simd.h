/* Philox4x32-10 for 16 lanes at once (AVX2 or AVX-512), CPU only.
 *
 * Why not leave it to the auto-vectoriser: the 32x32->64 products of
 * Philox vectorise into many shuffles; with _mm*_mul_epu32 on the even and
 * odd lanes plus two blends per product a round costs ~18 instructions for
 * all lanes. Integer arithmetic only, so the result equals the scalar
 * ne_philox4x32_10_block bit for bit (checked by test_lif_batch, which
 * compares every SIMD level with the baseline). The key is
 * the same for every lane (it is the seed); counters differ per lane. */
#ifndef NE_PHILOX_SIMD_H
#define NE_PHILOX_SIMD_H

#include <stdint.h>
#include "normal_math.h"
#include "philox_math.h"

#if defined(__AVX2__) || defined(__AVX512F__)
#include <immintrin.h>
#endif

#if defined(__AVX2__)
#define NE_PHILOX_AVX2_LANES 16

static inline void ne_mulhilo_avx2(__m256i x, __m256i m, __m256i *hi, __m256i *lo) {
  const __m256i even = _mm256_mul_epu32(x, m);
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), m);
  *lo = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  *hi = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

/* Lanes l = 0..15 as two interleaved groups of 8, so the multiply latency
 * of one group hides behind the other: counter (c0, c1, s0[l], s1[l]) ->
 * w[0..3][l]. */
static inline void ne_philox4x32_10_avx2_x16(uint32_t c0, uint32_t c1, const uint32_t *s0,
                                             const uint32_t *s1, uint32_t k0, uint32_t k1,
                                             uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3) {
  const __m256i m0 = _mm256_set1_epi32((int)NE_PHILOX_M0);
  const __m256i m1 = _mm256_set1_epi32((int)NE_PHILOX_M1);
  __m256i a0 = _mm256_set1_epi32((int)c0), a1 = _mm256_set1_epi32((int)c1);
  __m256i b0 = a0, b1 = a1;
  __m256i a2 = _mm256_loadu_si256((const __m256i *)s0);
  __m256i a3 = _mm256_loadu_si256((const __m256i *)s1);
  __m256i b2 = _mm256_loadu_si256((const __m256i *)(s0 + 8));
  __m256i b3 = _mm256_loadu_si256((const __m256i *)(s1 + 8));
  for (int r = 0; r < 10; ++r) {
    const __m256i key0 = _mm256_set1_epi32((int)k0), key1 = _mm256_set1_epi32((int)k1);
    __m256i ahi0, alo0, ahi1, alo1, bhi0, blo0, bhi1, blo1;
    ne_mulhilo_avx2(a0, m0, &ahi0, &alo0);
    ne_mulhilo_avx2(b0, m0, &bhi0, &blo0);
    ne_mulhilo_avx2(a2, m1, &ahi1, &alo1);
    ne_mulhilo_avx2(b2, m1, &bhi1, &blo1);
    a0 = _mm256_xor_si256(_mm256_xor_si256(ahi1, a1), key0);
    b0 = _mm256_xor_si256(_mm256_xor_si256(bhi1, b1), key0);
    a2 = _mm256_xor_si256(_mm256_xor_si256(ahi0, a3), key1);
    b2 = _mm256_xor_si256(_mm256_xor_si256(bhi0, b3), key1);
    a1 = alo1;
    b1 = blo1;
    a3 = alo0;
    b3 = blo0;
    k0 += NE_PHILOX_W0;
    k1 += NE_PHILOX_W1;
  }
  _mm256_storeu_si256((__m256i *)w0, a0);
  _mm256_storeu_si256((__m256i *)(w0 + 8), b0);
  _mm256_storeu_si256((__m256i *)w1, a1);
  _mm256_storeu_si256((__m256i *)(w1 + 8), b1);
  _mm256_storeu_si256((__m256i *)w2, a2);
  _mm256_storeu_si256((__m256i *)(w2 + 8), b2);
  _mm256_storeu_si256((__m256i *)w3, a3);
  _mm256_storeu_si256((__m256i *)(w3 + 8), b3);
}
#endif

#if defined(__AVX512F__)
#define NE_PHILOX_AVX512_LANES 16

static inline void ne_mulhilo_avx512(__m512i x, __m512i m, __m512i *hi, __m512i *lo) {
  const __m512i even = _mm512_mul_epu32(x, m);
  const __m512i odd = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), m);
  *lo = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, _mm512_slli_epi64(odd, 32));
  *hi = _mm512_mask_blend_epi32((__mmask16)0xAAAA, _mm512_srli_epi64(even, 32), odd);
}

static inline void ne_philox4x32_10_avx512(uint32_t c0, uint32_t c1, const uint32_t *s0,
                                           const uint32_t *s1, uint32_t k0, uint32_t k1,
                                           uint32_t *w0, uint32_t *w1, uint32_t *w2, uint32_t *w3) {
  const __m512i m0 = _mm512_set1_epi32((int)NE_PHILOX_M0);
  const __m512i m1 = _mm512_set1_epi32((int)NE_PHILOX_M1);
  __m512i x0 = _mm512_set1_epi32((int)c0), x1 = _mm512_set1_epi32((int)c1);
  __m512i x2 = _mm512_loadu_si512((const void *)s0);
  __m512i x3 = _mm512_loadu_si512((const void *)s1);
  for (int r = 0; r < 10; ++r) {
    __m512i hi0, lo0, hi1, lo1;
    ne_mulhilo_avx512(x0, m0, &hi0, &lo0);
    ne_mulhilo_avx512(x2, m1, &hi1, &lo1);
    x0 = _mm512_xor_si512(_mm512_xor_si512(hi1, x1), _mm512_set1_epi32((int)k0));
    x2 = _mm512_xor_si512(_mm512_xor_si512(hi0, x3), _mm512_set1_epi32((int)k1));
    x1 = lo1;
    x3 = lo0;
    k0 += NE_PHILOX_W0;
    k1 += NE_PHILOX_W1;
  }
  _mm512_storeu_si512((void *)w0, x0);
  _mm512_storeu_si512((void *)w1, x1);
  _mm512_storeu_si512((void *)w2, x2);
  _mm512_storeu_si512((void *)w3, x3);
}
/* Four consecutive blocks c0, c0+1, c0+2, c0+3 (same element c1) for 16
 * lanes: w[word][16*j + l] is word `word` of block c0+j, lane l.
 *
 * Why this shape: each 32-bit word sits in the low half of a 64-bit element
 * (8 lanes per vector), where _mm512_mul_epu32 gives the whole 64-bit
 * product in one instruction and the garbage left in the high halves is
 * never read (the multiply reads only low halves; the output keeps only
 * them), so a round is 2 multiplies, 2 shifts and 2 three-way XORs per 8
 * lanes instead of the shuffles and blends of the packed form. The four
 * blocks are independent chains that hide each other's multiply latency,
 * and the first two rounds share work: the counter words are the same in
 * every lane, so round 1's x0 product is scalar and its x2 product and
 * round 2's x0 product are the same for the four blocks. */
static inline __m512i ne_xor3_epi64(__m512i a, __m512i b, __m512i c) {
  return _mm512_ternarylogic_epi64(a, b, c, 0x96);
}
static inline void ne_philox4x32_10_avx512_x4(uint32_t c0, uint32_t c1, const uint32_t *s0,
                                              const uint32_t *s1, uint32_t k0, uint32_t k1,
                                              uint32_t (*w)[64]) {
  const __m512i m0 = _mm512_set1_epi64((long long)NE_PHILOX_M0);
  const __m512i m1 = _mm512_set1_epi64((long long)NE_PHILOX_M1);
  for (int h = 0; h < 2; ++h) { /* lanes 8h .. 8h+7 */
    const __m512i lane_s0 = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)(s0 + 8 * h)));
    const __m512i lane_s1 = _mm512_cvtepu32_epi64(_mm256_loadu_si256((const __m256i *)(s1 + 8 * h)));
    uint32_t key0 = k0, key1 = k1;
    __m512i x0[4], x1[4], x2[4], x3[4];
    /* round 1: x0 = c0 + j and x1 = c1 are the same in every lane */
    const __m512i p1 = _mm512_mul_epu32(lane_s0, m1);
    const __m512i r1_x0 = _mm512_xor_si512(_mm512_srli_epi64(p1, 32), _mm512_set1_epi64((long long)(c1 ^ key0)));
    for (int j = 0; j < 4; ++j) {
      const uint64_t p0 = (uint64_t)(c0 + (uint32_t)j) * NE_PHILOX_M0;
      x2[j] = _mm512_xor_si512(lane_s1, _mm512_set1_epi64((long long)((uint32_t)(p0 >> 32) ^ key1)));
      x3[j] = _mm512_set1_epi64((long long)(uint32_t)p0);
    }
    key0 += NE_PHILOX_W0;
    key1 += NE_PHILOX_W1;
    /* round 2: x0 and x1 are still the same for the four blocks */
    const __m512i q0 = _mm512_mul_epu32(r1_x0, m0);
    for (int j = 0; j < 4; ++j) {
      const __m512i q1 = _mm512_mul_epu32(x2[j], m1);
      x0[j] = ne_xor3_epi64(_mm512_srli_epi64(q1, 32), p1, _mm512_set1_epi64((long long)key0));
      x2[j] = ne_xor3_epi64(_mm512_srli_epi64(q0, 32), x3[j], _mm512_set1_epi64((long long)key1));
      x1[j] = q1;
      x3[j] = q0;
    }
    key0 += NE_PHILOX_W0;
    key1 += NE_PHILOX_W1;
    for (int r = 2; r < 10; ++r) {
      const __m512i kv0 = _mm512_set1_epi64((long long)key0), kv1 = _mm512_set1_epi64((long long)key1);
      for (int j = 0; j < 4; ++j) {
        const __m512i prod0 = _mm512_mul_epu32(x0[j], m0);
        const __m512i prod1 = _mm512_mul_epu32(x2[j], m1);
        x0[j] = ne_xor3_epi64(_mm512_srli_epi64(prod1, 32), x1[j], kv0);
        x2[j] = ne_xor3_epi64(_mm512_srli_epi64(prod0, 32), x3[j], kv1);
        x1[j] = prod1;
        x3[j] = prod0;
      }
      key0 += NE_PHILOX_W0;
      key1 += NE_PHILOX_W1;
    }
    for (int j = 0; j < 4; ++j) {
      _mm256_storeu_si256((__m256i *)(w[0] + 16 * j + 8 * h), _mm512_cvtepi64_epi32(x0[j]));
      _mm256_storeu_si256((__m256i *)(w[1] + 16 * j + 8 * h), _mm512_cvtepi64_epi32(x1[j]));
      _mm256_storeu_si256((__m256i *)(w[2] + 16 * j + 8 * h), _mm512_cvtepi64_epi32(x2[j]));
      _mm256_storeu_si256((__m256i *)(w[3] + 16 * j + 8 * h), _mm512_cvtepi64_epi32(x3[j]));
    }
  }
}
#endif

/* Philox then Box-Muller for lanes [0, nl): counter (block, element,
 * s0[l], s1[l]) -> z[0..3][l] in ne_normal4 order. nl <= 16. Uses the
 * widest implementation this translation unit was compiled for. */
static inline void ne_normal4_lanes(uint32_t block, uint32_t element, const uint32_t *s0,
                                    const uint32_t *s1, uint32_t k0, uint32_t k1, int nl,
                                    float (*z)[16]) {
  uint32_t w[4][16];
  int l = 0;
#if defined(__AVX512F__)
  for (; l + NE_PHILOX_AVX512_LANES <= nl; l += NE_PHILOX_AVX512_LANES)
    ne_philox4x32_10_avx512(block, element, s0 + l, s1 + l, k0, k1, w[0] + l, w[1] + l, w[2] + l,
                            w[3] + l);
#endif
#if defined(__AVX2__)
  for (; l + NE_PHILOX_AVX2_LANES <= nl; l += NE_PHILOX_AVX2_LANES)
    ne_philox4x32_10_avx2_x16(block, element, s0 + l, s1 + l, k0, k1, w[0] + l, w[1] + l, w[2] + l,
                          w[3] + l);
#endif
  for (; l < nl; ++l)
    ne_philox4x32_10_block(block, element, s0[l], s1[l], k0, k1, &w[0][l], &w[1][l], &w[2][l],
                           &w[3][l]);
#pragma omp simd
  for (int i = 0; i < nl; ++i)
    ne_normal4(w[0][i], w[1][i], w[2][i], w[3][i], &z[0][i], &z[1][i], &z[2][i], &z[3][i]);
}

#endif
