/* The body of the SIMD BOLD kernels, written once for any vector width. The file that includes it
 * names the vector type and its operations (NE_BV, NE_BV_ADD, ...), the lanes per vector
 * (NE_BV_LANES) and the kernel's name (NE_BV_KERNEL); bold_kernel_avx2.c and
 * bold_kernel_avx512.c do so. Every lane runs ne_bold_step_fast (bold_math.h): the same
 * operations in the same order, so every lane equals the scalar step bit for bit. Up to
 * NE_BOLD_GROUPS vectors advance side by side: each step is a long chain of square roots and
 * divisions, and independent chains keep the floating-point units busy. */
#include "bold_kernel.h"

/* v^(m/8) from v and s = v^(1/8), by repeated products (m >= 0). */
static inline NE_BV pow_eighths(NE_BV v, NE_BV s, int32_t m) {
  NE_BV y = NE_BV_SET1(1.0);
  for (int32_t i = 0; i < m >> 3; ++i)
    y = NE_BV_MUL(y, v);
  for (int32_t i = 0; i < (m & 7); ++i)
    y = NE_BV_MUL(y, s);
  return y;
}

typedef struct bold_lanes {
  NE_BV one, floor_f, h, kappa, gamma, rho, h_tau, log_1mr, v0, k1, k2, k3;
  int32_t q_eighths, v_eighths;
} bold_lanes;

/* One step of one vector of regions (see ne_bold_step_fast). */
static inline __attribute__((always_inline)) void step(const bold_lanes *k, NE_BV zz, NE_BV *x, NE_BV *f, NE_BV *v,
                                                       NE_BV *q) {
  const NE_BV fo = NE_BV_MAX(*f, k->floor_f);
  const NE_BV s = NE_BV_SQRT(NE_BV_SQRT(NE_BV_SQRT(*v)));
  const NE_BV x_new =
      NE_BV_ADD(*x, NE_BV_MUL(k->h, NE_BV_SUB(NE_BV_SUB(zz, NE_BV_MUL(k->kappa, *x)),
                                              NE_BV_MUL(k->gamma, NE_BV_SUB(fo, k->one)))));
  const NE_BV extraction = NE_BV_MUL(NE_BV_DIV(fo, k->rho),
                                     NE_BV_SUB(k->one, NE_BV_EXP(NE_BV_MUL(k->log_1mr, NE_BV_DIV(k->one, fo)))));
  const NE_BV q_new =
      NE_BV_ADD(*q, NE_BV_MUL(k->h_tau, NE_BV_SUB(extraction, NE_BV_MUL(*q, pow_eighths(*v, s, k->q_eighths)))));
  const NE_BV v_new = NE_BV_ADD(*v, NE_BV_MUL(k->h_tau, NE_BV_SUB(fo, pow_eighths(*v, s, k->v_eighths))));
  *x = x_new;
  *f = NE_BV_ADD(fo, NE_BV_MUL(k->h, x_new));
  *v = v_new;
  *q = q_new;
}

/* The BOLD signal of the state after a step (at samples only: its division is not needed on the
 * other steps). */
static inline NE_BV bold_signal(const bold_lanes *k, NE_BV v, NE_BV q) {
  return NE_BV_MUL(k->v0, NE_BV_ADD(NE_BV_ADD(NE_BV_MUL(k->k1, NE_BV_SUB(k->one, q)),
                                              NE_BV_MUL(k->k2, NE_BV_SUB(k->one, NE_BV_DIV(q, v)))),
                                    NE_BV_MUL(k->k3, NE_BV_SUB(k->one, v))));
}

/* groups is a constant once inlined, so the arrays below live in registers. */
static inline __attribute__((always_inline)) void run_groups(const bold_lanes *k, const double *z, int32_t R,
                                                             int32_t r0, int64_t n_steps, int64_t to_sample,
                                                             int32_t sample_every, double *row, double *state,
                                                             const int groups) {
  double *sx = state, *sf = state + R, *sv = state + 2 * R, *sq = state + 3 * R;
  NE_BV x[NE_BOLD_GROUPS], f[NE_BOLD_GROUPS], v[NE_BOLD_GROUPS], q[NE_BOLD_GROUPS];
  for (int g = 0; g < groups; ++g) {
    const int32_t r = r0 + NE_BV_LANES * g;
    x[g] = NE_BV_LOAD(sx + r);
    f[g] = NE_BV_LOAD(sf + r);
    v[g] = NE_BV_LOAD(sv + r);
    q[g] = NE_BV_LOAD(sq + r);
  }
  for (int64_t n = 0; n < n_steps; ++n) {
    for (int g = 0; g < groups; ++g)
      step(k, NE_BV_LOAD(z + n * R + r0 + NE_BV_LANES * g), &x[g], &f[g], &v[g], &q[g]);
    if (--to_sample == 0) {
      for (int g = 0; g < groups; ++g)
        NE_BV_STORE(row + r0 + NE_BV_LANES * g, bold_signal(k, v[g], q[g]));
      row += R;
      to_sample = sample_every;
    }
  }
  for (int g = 0; g < groups; ++g) {
    const int32_t r = r0 + NE_BV_LANES * g;
    NE_BV_STORE(sx + r, x[g]);
    NE_BV_STORE(sf + r, f[g]);
    NE_BV_STORE(sv + r, v[g]);
    NE_BV_STORE(sq + r, q[g]);
  }
}

void NE_BV_KERNEL(const ne_bold_constants *c, double h, const double *z, int32_t R, int32_t r0, int64_t n_steps,
                  int64_t done, int32_t sample_every, int64_t first, double *samples, double *state, int32_t groups) {
  const bold_lanes k = {NE_BV_SET1(1.0),         NE_BV_SET1(1e-120),  NE_BV_SET1(h),           NE_BV_SET1(c->kappa),
                        NE_BV_SET1(c->gamma),    NE_BV_SET1(c->rho),  NE_BV_SET1(h / c->tau),
                        NE_BV_SET1(c->log_1_minus_rho),               NE_BV_SET1(c->v0),       NE_BV_SET1(c->k1),
                        NE_BV_SET1(c->k2),       NE_BV_SET1(c->k3),   c->q_eighths,            c->v_eighths};
  const int64_t to_sample = sample_every - done % sample_every; /* steps until the next sample */
  double *row = samples + (done / sample_every - first) * R;
  switch (groups) {
  case 4:
    run_groups(&k, z, R, r0, n_steps, to_sample, sample_every, row, state, 4);
    break;
  case 3:
    run_groups(&k, z, R, r0, n_steps, to_sample, sample_every, row, state, 3);
    break;
  case 2:
    run_groups(&k, z, R, r0, n_steps, to_sample, sample_every, row, state, 2);
    break;
  default:
    run_groups(&k, z, R, r0, n_steps, to_sample, sample_every, row, state, 1);
    break;
  }
}
