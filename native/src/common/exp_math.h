/* A deterministic exp(x): the same operations in the scalar form here and in the AVX2 form of
 * exp_simd.h, so kernels that vectorise some lanes and not others give identical bits whatever
 * the lane. Range reduction x = n ln2 + r (|r| <= ln2/2, ln2 split in two so n ln2_hi is
 * exact), the Taylor polynomial of e^r to degree 13 (truncation below 1e-17 relative) evaluated by
 * Estrin's scheme, then 2^n
 * applied in two halves so results down to the subnormal range stay exact. Error within 2 ulp
 * of the correctly rounded exp (checked against libm in native/tests/test_exp.c). */
#ifndef NE_EXP_MATH_H
#define NE_EXP_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ne_hd.h"

#define NE_EXP_SHIFT 6755399441055744.0 /* 1.5 * 2^52: adding it rounds to an integer */
#define NE_EXP_LOG2E 1.4426950408889634074
#define NE_EXP_LN2_HI 6.93147180369123816490e-01 /* ln 2 with 21 trailing zero bits */
#define NE_EXP_LN2_LO 1.90821492927058770002e-10
#define NE_EXP_MIN (-1000.0) /* exp underflows to 0 well before */
#define NE_EXP_MAX 709.0

/* 1 / k! for k = 13 ... 2 */
#define NE_EXP_C13 1.6059043836821614599e-10
#define NE_EXP_C12 2.0876756987868098979e-09
#define NE_EXP_C11 2.5052108385441718775e-08
#define NE_EXP_C10 2.7557319223985890653e-07
#define NE_EXP_C9 2.7557319223985890653e-06
#define NE_EXP_C8 2.4801587301587301587e-05
#define NE_EXP_C7 1.9841269841269841270e-04
#define NE_EXP_C6 1.3888888888888888889e-03
#define NE_EXP_C5 8.3333333333333333333e-03
#define NE_EXP_C4 4.1666666666666666667e-02
#define NE_EXP_C3 1.6666666666666666667e-01
#define NE_EXP_C2 0.5

/* 2^m for an integer-valued double m in [-1022, 1023], through the bits of m + NE_EXP_SHIFT. */
NE_HD static inline double ne_exp_pow2(double m) {
  double t = m + NE_EXP_SHIFT, shift = NE_EXP_SHIFT;
  int64_t t_bits, shift_bits;
  memcpy(&t_bits, &t, sizeof t_bits);
  memcpy(&shift_bits, &shift, sizeof shift_bits);
  uint64_t bits = (uint64_t)(t_bits - shift_bits + 1023) << 52;
  double d;
  memcpy(&d, &bits, sizeof d);
  return d;
}

NE_HD static inline double ne_exp(double x) {
  x = x < NE_EXP_MIN ? NE_EXP_MIN : (x > NE_EXP_MAX ? NE_EXP_MAX : x);
  double t = x * NE_EXP_LOG2E + NE_EXP_SHIFT;
  double n = t - NE_EXP_SHIFT;
  double r = (x - n * NE_EXP_LN2_HI) - n * NE_EXP_LN2_LO;
  /* Estrin's scheme: pairs, then powers r^2, r^4, r^8 - a short dependency chain */
  double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  double q0 = 1.0 + 1.0 * r, q1 = NE_EXP_C2 + NE_EXP_C3 * r, q2 = NE_EXP_C4 + NE_EXP_C5 * r, q3 = NE_EXP_C6 + NE_EXP_C7 * r;
  double q4 = NE_EXP_C8 + NE_EXP_C9 * r, q5 = NE_EXP_C10 + NE_EXP_C11 * r, q6 = NE_EXP_C12 + NE_EXP_C13 * r;
  double s0 = q0 + q1 * r2, s1 = q2 + q3 * r2, s2 = q4 + q5 * r2;
  double u0 = s0 + s1 * r4, u1 = s2 + q6 * r4;
  double p = u0 + u1 * r8;
  double n1 = floor(n * 0.5), n2 = n - n1;
  return p * ne_exp_pow2(n1) * ne_exp_pow2(n2);
}

#endif
