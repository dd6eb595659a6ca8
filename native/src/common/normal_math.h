/* Standard normal variates from Philox output by the Box-Muller transform
 * (Box and Muller 1958): two 32-bit words give a radius r = sqrt(-2 ln u)
 * and an angle 2*pi*t, and r*cos, r*sin are two independent N(0,1) values.
 *
 * Why hand-written log/sin/cos: the results must be bit-identical on every
 * SIMD level and on the GPU, and libm/libmvec/CUDA intrinsics differ in the
 * last bits. These use only +, -, *, /, sqrt, fmaf and integer ops, all
 * correctly rounded in IEEE float, so with implicit contraction off
 * (-ffp-contract=off, nvcc --fmad=false) every backend computes the same
 * bits. The polynomials are explicit fmaf (one rounding per term, and about
 * a tenth faster): the AVX2 and AVX-512 files are compiled with -mfma and
 * emit vfmadd; the baseline level calls libm's fmaf, which is exact too.
 *
 * Accuracy: relative error below 3e-7 for log, absolute below 2e-7 for
 * sin/cos. u is an odd multiple of 2^-24 in (0,1), so |z| <= sqrt(2*24*ln 2)
 * = 5.77: tails beyond 5.77 sd (probability 8e-9) are cut off. */
#ifndef NE_NORMAL_MATH_H
#define NE_NORMAL_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ne_hd.h"

NE_HD static inline uint32_t ne_f32_to_bits(float f) {
#if defined(__CUDA_ARCH__)
  return __float_as_uint(f);
#else
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
#endif
}

NE_HD static inline float ne_bits_to_f32(uint32_t u) {
#if defined(__CUDA_ARCH__)
  return __uint_as_float(u);
#else
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
#endif
}

/* An odd multiple of 2^-24: never 0, never 1, exact in float. */
NE_HD static inline float ne_u32_to_open01(uint32_t x) {
  return (float)((x >> 8) | 1u) * (1.0f / 16777216.0f);
}

/* Natural log for u in (0, 1]: u = m * 2^e with m in [sqrt(1/2), sqrt(2)),
 * ln m = 2 atanh(s), s = (m-1)/(m+1), |s| <= 0.1716, series to s^9. */
NE_HD static inline float ne_log_open01(float u) {
  const uint32_t sqrt_half_bits = 0x3f3504f3u; /* 0.70710677f */
  uint32_t bits = ne_f32_to_bits(u) - sqrt_half_bits;
  int32_t e = (int32_t)bits >> 23; /* arithmetic shift: exponent relative to sqrt(1/2) */
  float m = ne_bits_to_f32((bits & 0x007fffffu) + sqrt_half_bits);
  float s = (m - 1.0f) / (m + 1.0f);
  float s2 = s * s;
  float series = fmaf(s2, fmaf(s2, fmaf(s2, fmaf(s2, 1.0f / 9.0f, 1.0f / 7.0f), 1.0f / 5.0f), 1.0f / 3.0f), 1.0f);
  float ln_m = 2.0f * s * series;
  const float ln2_hi = 0.693145752f;  /* exact in float, last 8 bits zero */
  const float ln2_lo = 1.42860677e-6f; /* ln 2 - ln2_hi */
  float ef = (float)e;
  return fmaf(ef, ln2_hi, fmaf(ef, ln2_lo, ln_m));
}

/* cos and sin of 2*pi*t where t = (x >> 8) / 2^24, range-reduced exactly in
 * integers to the nearest quarter turn and a remainder in [-pi/4, pi/4). */
NE_HD static inline void ne_sincos_turn(uint32_t x, float *c_out, float *s_out) {
  uint32_t t24 = x >> 8;
  uint32_t q = ((t24 + (1u << 21)) >> 22) & 3u;
  int32_t rem = (int32_t)(t24 - (((t24 + (1u << 21)) >> 22) << 22)); /* in [-2^21, 2^21) */
  float a = (float)rem * (6.28318530717958648f / 16777216.0f);
  float a2 = a * a;
  float s = fmaf(a * a2, fmaf(a2, fmaf(a2, fmaf(a2, 1.0f / 362880.0f, -1.0f / 5040.0f), 1.0f / 120.0f), -1.0f / 6.0f), a);
  float c = fmaf(a2, fmaf(a2, fmaf(a2, fmaf(a2, 1.0f / 40320.0f, -1.0f / 720.0f), 1.0f / 24.0f), -0.5f), 1.0f);
  /* rotate by q quarter turns: (c, s) -> (c, s), (-s, c), (-c, -s), (s, -c) */
  float cq = (q & 1u) ? s : c;
  float sq = (q & 1u) ? c : s;
  cq = (((q + 1u) & 2u) != 0u) ? -cq : cq;
  sq = ((q & 2u) != 0u) ? -sq : sq;
  *c_out = cq;
  *s_out = sq;
}

/* Four N(0,1) values from one Philox block: pair A from (w0, w1), pair B
 * from (w2, w3); order (rA cos, rB cos, rA sin, rB sin). */
NE_HD static inline void ne_normal4(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3, float *n0,
                                    float *n1, float *n2, float *n3) {
  float ra = sqrtf(-2.0f * ne_log_open01(ne_u32_to_open01(w0)));
  float rb = sqrtf(-2.0f * ne_log_open01(ne_u32_to_open01(w2)));
  float ca, sa, cb, sb;
  ne_sincos_turn(w1, &ca, &sa);
  ne_sincos_turn(w3, &cb, &sb);
  *n0 = ra * ca;
  *n1 = rb * cb;
  *n2 = ra * sa;
  *n3 = rb * sb;
}

#endif
