/* Standard normal variates from Philox output by the Box-Muller transform
 * (Box and Muller 1958): two 32-bit words give a radius r = sqrt(-2 ln u)
 * and a uniform angle (ne_sincos_uniform), and r*cos, r*sin are two
 * independent N(0,1) values.
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

/* cos and sin of a uniform angle on the circle, from one 32-bit word x.
 * Bits 11..31 give a = (2j+1) pi/2^24 in (0, pi/4), j = x >> 11; bits 0, 1
 * and 2 pick one of the eight symmetries of the square: bit 2 swaps cos and
 * sin (the angle pi/2 - a), bit 0 negates cos, bit 1 negates sin. The eight
 * images of (0, pi/4) tile the circle once, so the angle is uniform over
 * the 2^24 odd multiples of pi/2^24, as 2*pi*t would be. Why not 2*pi*t
 * reduced to quarter turns: the symmetries are a blend and two sign-bit
 * xors, about half the integer work of the reduction and the rotation. */
NE_HD static inline void ne_sincos_uniform(uint32_t x, float *c_out, float *s_out) {
  float a = (float)((x >> 10) | 1u) * (3.14159265358979324f / 16777216.0f); /* (2j+1) pi/2^24, exact odd int */
  float a2 = a * a;
  float s = fmaf(a * a2, fmaf(a2, fmaf(a2, fmaf(a2, 1.0f / 362880.0f, -1.0f / 5040.0f), 1.0f / 120.0f), -1.0f / 6.0f), a);
  float c = fmaf(a2, fmaf(a2, fmaf(a2, fmaf(a2, 1.0f / 40320.0f, -1.0f / 720.0f), 1.0f / 24.0f), -0.5f), 1.0f);
  float cq = (x & 4u) ? s : c;
  float sq = (x & 4u) ? c : s;
  *c_out = ne_bits_to_f32(ne_f32_to_bits(cq) ^ (x << 31));
  *s_out = ne_bits_to_f32(ne_f32_to_bits(sq) ^ ((x << 30) & 0x80000000u));
}

/* Four N(0,1) values from one Philox block: pair A from (w0, w1), pair B
 * from (w2, w3); order (rA cos, rB cos, rA sin, rB sin). */
NE_HD static inline void ne_normal4(uint32_t w0, uint32_t w1, uint32_t w2, uint32_t w3, float *n0,
                                    float *n1, float *n2, float *n3) {
  float ra = sqrtf(-2.0f * ne_log_open01(ne_u32_to_open01(w0)));
  float rb = sqrtf(-2.0f * ne_log_open01(ne_u32_to_open01(w2)));
  float ca, sa, cb, sb;
  ne_sincos_uniform(w1, &ca, &sa);
  ne_sincos_uniform(w3, &cb, &sb);
  *n0 = ra * ca;
  *n1 = rb * cb;
  *n2 = ra * sa;
  *n3 = rb * sb;
}

#endif
