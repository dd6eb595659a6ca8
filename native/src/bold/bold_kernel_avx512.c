/* ne_bold_step_fast (bold_math.h) on eight regions per vector: the same operations in the same
 * order on AVX-512 lanes, so every lane equals the scalar step bit for bit. Up to four vectors
 * advance side by side: each step is a long chain of square roots and divisions, and independent
 * chains keep the floating-point units busy. */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "bold_kernel.h"

static inline __m512d pow_eighths8(__m512d v, __m512d s, int32_t m) {
  __m512d y = _mm512_set1_pd(1.0);
  for (int32_t i = 0; i < m >> 3; ++i)
    y = _mm512_mul_pd(y, v);
  for (int32_t i = 0; i < (m & 7); ++i)
    y = _mm512_mul_pd(y, s);
  return y;
}

typedef struct bold_lanes8 {
  __m512d one, floor_f, h, kappa, gamma, rho, h_tau, log_1mr, v0, k1, k2, k3;
  int32_t q_eighths, v_eighths;
} bold_lanes8;

/* One step of eight regions (see ne_bold_step_fast). */
static inline __attribute__((always_inline)) void step8(const bold_lanes8 *k, __m512d zz, __m512d *x, __m512d *f,
                                                        __m512d *v, __m512d *q) {
  const __m512d fo = _mm512_max_pd(*f, k->floor_f);
  const __m512d s = _mm512_sqrt_pd(_mm512_sqrt_pd(_mm512_sqrt_pd(*v)));
  const __m512d x_new = _mm512_add_pd(
      *x, _mm512_mul_pd(k->h, _mm512_sub_pd(_mm512_sub_pd(zz, _mm512_mul_pd(k->kappa, *x)),
                                             _mm512_mul_pd(k->gamma, _mm512_sub_pd(fo, k->one)))));
  const __m512d extraction = _mm512_mul_pd(
      _mm512_div_pd(fo, k->rho),
      _mm512_sub_pd(k->one, ne_exp_avx512(_mm512_mul_pd(k->log_1mr, _mm512_div_pd(k->one, fo)))));
  const __m512d q_new = _mm512_add_pd(
      *q, _mm512_mul_pd(k->h_tau, _mm512_sub_pd(extraction, _mm512_mul_pd(*q, pow_eighths8(*v, s, k->q_eighths)))));
  const __m512d v_new = _mm512_add_pd(*v, _mm512_mul_pd(k->h_tau, _mm512_sub_pd(fo, pow_eighths8(*v, s, k->v_eighths))));
  *x = x_new;
  *f = _mm512_add_pd(fo, _mm512_mul_pd(k->h, x_new));
  *v = v_new;
  *q = q_new;
}

/* The BOLD signal of the state after a step (at samples only). */
static inline __m512d bold8(const bold_lanes8 *k, __m512d v, __m512d q) {
  return _mm512_mul_pd(k->v0, _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(k->k1, _mm512_sub_pd(k->one, q)),
                                                          _mm512_mul_pd(k->k2, _mm512_sub_pd(k->one, _mm512_div_pd(q, v)))),
                                            _mm512_mul_pd(k->k3, _mm512_sub_pd(k->one, v))));
}

/* groups is a constant once inlined, so the arrays below live in registers. */
static inline __attribute__((always_inline)) void run_groups(const bold_lanes8 *k, const double *z, int32_t R,
                                                             int32_t r0, int64_t n_steps, int64_t to_sample,
                                                             int32_t sample_every, double *row, double *state,
                                                             const int groups) {
  double *sx = state, *sf = state + R, *sv = state + 2 * R, *sq = state + 3 * R;
  __m512d x[NE_BOLD_GROUPS], f[NE_BOLD_GROUPS], v[NE_BOLD_GROUPS], q[NE_BOLD_GROUPS];
  for (int g = 0; g < groups; ++g) {
    x[g] = _mm512_loadu_pd(sx + r0 + 8 * g);
    f[g] = _mm512_loadu_pd(sf + r0 + 8 * g);
    v[g] = _mm512_loadu_pd(sv + r0 + 8 * g);
    q[g] = _mm512_loadu_pd(sq + r0 + 8 * g);
  }
  for (int64_t n = 0; n < n_steps; ++n) {
    for (int g = 0; g < groups; ++g)
      step8(k, _mm512_loadu_pd(z + n * R + r0 + 8 * g), &x[g], &f[g], &v[g], &q[g]);
    if (--to_sample == 0) {
      for (int g = 0; g < groups; ++g)
        _mm512_storeu_pd(row + r0 + 8 * g, bold8(k, v[g], q[g]));
      row += R;
      to_sample = sample_every;
    }
  }
  for (int g = 0; g < groups; ++g) {
    _mm512_storeu_pd(sx + r0 + 8 * g, x[g]);
    _mm512_storeu_pd(sf + r0 + 8 * g, f[g]);
    _mm512_storeu_pd(sv + r0 + 8 * g, v[g]);
    _mm512_storeu_pd(sq + r0 + 8 * g, q[g]);
  }
}

void ne_bold_eight_avx512(const ne_bold_constants *c, double h, const double *z, int32_t R, int32_t r0, int64_t n_steps,
                          int64_t done, int32_t sample_every, int64_t first, double *samples, double *state,
                          int32_t groups) {
  const bold_lanes8 k = {_mm512_set1_pd(1.0), _mm512_set1_pd(1e-120), _mm512_set1_pd(h), _mm512_set1_pd(c->kappa),
                         _mm512_set1_pd(c->gamma), _mm512_set1_pd(c->rho), _mm512_set1_pd(h / c->tau),
                         _mm512_set1_pd(c->log_1_minus_rho), _mm512_set1_pd(c->v0), _mm512_set1_pd(c->k1),
                         _mm512_set1_pd(c->k2), _mm512_set1_pd(c->k3), c->q_eighths, c->v_eighths};
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
