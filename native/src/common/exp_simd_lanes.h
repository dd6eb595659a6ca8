/* The body of ne_exp (exp_math.h) for any vector width, included by exp_simd.h once per width
 * with NE_EV (the double vector), NE_EVI (its 64-bit integer twin), their operations and the two
 * function names defined. The same operations as the scalar function, in the same order, so each
 * lane's bits equal it. No include guard: it is meant to be included more than once, and it
 * undefines its parameters at the end so the next width can define them afresh. */

/* 2^m for integral m in [-1022, 1023], by building the exponent field. */
static inline NE_EV NE_EV_POW2_NAME(NE_EV m) {
  NE_EVI bits = NE_EVI_SUB(NE_EV_AS_INT(NE_EV_ADD(m, NE_EV_SET1(NE_EXP_SHIFT))), NE_EV_AS_INT(NE_EV_SET1(NE_EXP_SHIFT)));
  return NE_EVI_AS_DOUBLE(NE_EVI_SHL(NE_EVI_ADD(bits, NE_EVI_SET1(1023)), 52));
}

static inline NE_EV NE_EV_EXP_NAME(NE_EV x) {
  x = NE_EV_MIN(NE_EV_MAX(x, NE_EV_SET1(NE_EXP_MIN)), NE_EV_SET1(NE_EXP_MAX));
  const NE_EV shift = NE_EV_SET1(NE_EXP_SHIFT);
  const NE_EV t = NE_EV_ADD(NE_EV_MUL(x, NE_EV_SET1(NE_EXP_LOG2E)), shift);
  const NE_EV n = NE_EV_SUB(t, shift);
  const NE_EV r = NE_EV_SUB(NE_EV_SUB(x, NE_EV_MUL(n, NE_EV_SET1(NE_EXP_LN2_HI))), NE_EV_MUL(n, NE_EV_SET1(NE_EXP_LN2_LO)));
  const NE_EV r2 = NE_EV_MUL(r, r), r4 = NE_EV_MUL(r2, r2), r8 = NE_EV_MUL(r4, r4);
#define NE_EXP_PAIR(a, b) NE_EV_ADD(NE_EV_SET1(a), NE_EV_MUL(NE_EV_SET1(b), r))
  const NE_EV q0 = NE_EXP_PAIR(1.0, 1.0), q1 = NE_EXP_PAIR(NE_EXP_C2, NE_EXP_C3), q2 = NE_EXP_PAIR(NE_EXP_C4, NE_EXP_C5);
  const NE_EV q3 = NE_EXP_PAIR(NE_EXP_C6, NE_EXP_C7), q4 = NE_EXP_PAIR(NE_EXP_C8, NE_EXP_C9);
  const NE_EV q5 = NE_EXP_PAIR(NE_EXP_C10, NE_EXP_C11), q6 = NE_EXP_PAIR(NE_EXP_C12, NE_EXP_C13);
#undef NE_EXP_PAIR
  const NE_EV s0 = NE_EV_ADD(q0, NE_EV_MUL(q1, r2)), s1 = NE_EV_ADD(q2, NE_EV_MUL(q3, r2));
  const NE_EV s2 = NE_EV_ADD(q4, NE_EV_MUL(q5, r2));
  const NE_EV u0 = NE_EV_ADD(s0, NE_EV_MUL(s1, r4)), u1 = NE_EV_ADD(s2, NE_EV_MUL(q6, r4));
  const NE_EV p = NE_EV_ADD(u0, NE_EV_MUL(u1, r8));
  /* 2^n in two halves, so that results down to the subnormal range stay exact (as the scalar form) */
  const NE_EV n1 = NE_EV_FLOOR(NE_EV_MUL(n, NE_EV_SET1(0.5))), n2 = NE_EV_SUB(n, n1);
  return NE_EV_MUL(NE_EV_MUL(p, NE_EV_POW2_NAME(n1)), NE_EV_POW2_NAME(n2));
}

#undef NE_EV
#undef NE_EVI
#undef NE_EV_SET1
#undef NE_EV_ADD
#undef NE_EV_SUB
#undef NE_EV_MUL
#undef NE_EV_MIN
#undef NE_EV_MAX
#undef NE_EV_FLOOR
#undef NE_EV_AS_INT
#undef NE_EVI_AS_DOUBLE
#undef NE_EVI_SET1
#undef NE_EVI_ADD
#undef NE_EVI_SUB
#undef NE_EVI_SHL
#undef NE_EV_POW2_NAME
#undef NE_EV_EXP_NAME
