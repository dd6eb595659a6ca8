/* ne_bold_step_fast (bold_math.h) on four regions at once: the same operations in the same order
 * on AVX2 lanes, so every lane equals the scalar step bit for bit. */
#include <immintrin.h>

#include "../common/exp_simd.h"
#include "bold_kernel.h"

static inline __m256d pow_eighths(__m256d v, __m256d s, int32_t m) {
  __m256d y = _mm256_set1_pd(1.0);
  for (int32_t i = 0; i < m >> 3; ++i)
    y = _mm256_mul_pd(y, v);
  for (int32_t i = 0; i < (m & 7); ++i)
    y = _mm256_mul_pd(y, s);
  return y;
}

typedef struct bold_lanes {
  __m256d one, floor_f, h, kappa, gamma, rho, h_tau, log_1mr, v0, k1, k2, k3;
  int32_t q_eighths, v_eighths;
} bold_lanes;

/* One step of four regions. */
static inline __attribute__((always_inline)) void step4(const bold_lanes *k, __m256d zz, __m256d *x, __m256d *f,
                                                        __m256d *v, __m256d *q) {
  const __m256d fo = _mm256_max_pd(*f, k->floor_f);
  const __m256d s = _mm256_sqrt_pd(_mm256_sqrt_pd(_mm256_sqrt_pd(*v)));
  const __m256d x_new = _mm256_add_pd(
      *x, _mm256_mul_pd(k->h, _mm256_sub_pd(_mm256_sub_pd(zz, _mm256_mul_pd(k->kappa, *x)),
                                             _mm256_mul_pd(k->gamma, _mm256_sub_pd(fo, k->one)))));
  const __m256d extraction = _mm256_mul_pd(
      _mm256_div_pd(fo, k->rho),
      _mm256_sub_pd(k->one, ne_exp_avx2(_mm256_mul_pd(k->log_1mr, _mm256_div_pd(k->one, fo)))));
  const __m256d q_new = _mm256_add_pd(
      *q, _mm256_mul_pd(k->h_tau, _mm256_sub_pd(extraction, _mm256_mul_pd(*q, pow_eighths(*v, s, k->q_eighths)))));
  const __m256d v_new = _mm256_add_pd(*v, _mm256_mul_pd(k->h_tau, _mm256_sub_pd(fo, pow_eighths(*v, s, k->v_eighths))));
  *x = x_new;
  *f = _mm256_add_pd(fo, _mm256_mul_pd(k->h, x_new));
  *v = v_new;
  *q = q_new;
}

/* The BOLD signal of the state after a step (computed at samples only: its division is not needed
 * on the other steps). */
static inline __m256d bold4(const bold_lanes *k, __m256d v, __m256d q) {
  return _mm256_mul_pd(k->v0, _mm256_add_pd(_mm256_add_pd(_mm256_mul_pd(k->k1, _mm256_sub_pd(k->one, q)),
                                                          _mm256_mul_pd(k->k2, _mm256_sub_pd(k->one, _mm256_div_pd(q, v)))),
                                            _mm256_mul_pd(k->k3, _mm256_sub_pd(k->one, v))));
}

void ne_bold_four_avx2(const ne_bold_constants *c, double h, const double *z, int32_t R, int32_t r0, int64_t n_steps,
                       int64_t done, int32_t sample_every, int64_t first, double *samples, double *state, int32_t groups) {
  const bold_lanes k = {_mm256_set1_pd(1.0), _mm256_set1_pd(1e-120), _mm256_set1_pd(h), _mm256_set1_pd(c->kappa),
                        _mm256_set1_pd(c->gamma), _mm256_set1_pd(c->rho), _mm256_set1_pd(h / c->tau),
                        _mm256_set1_pd(c->log_1_minus_rho), _mm256_set1_pd(c->v0), _mm256_set1_pd(c->k1),
                        _mm256_set1_pd(c->k2), _mm256_set1_pd(c->k3), c->q_eighths, c->v_eighths};
  double *sx = state, *sf = state + R, *sv = state + 2 * R, *sq = state + 3 * R;
  int64_t to_sample = sample_every - done % sample_every; /* steps until the next sample */
  double *row = samples + (done / sample_every - first) * R;
  /* two independent chains of square roots side by side: each step's chain is long */
#define NE_BOLD_LOAD(g) __m256d x##g = _mm256_loadu_pd(sx + r0 + 4 * g), f##g = _mm256_loadu_pd(sf + r0 + 4 * g), \
                                v##g = _mm256_loadu_pd(sv + r0 + 4 * g), q##g = _mm256_loadu_pd(sq + r0 + 4 * g)
#define NE_BOLD_STEP(g) step4(&k, _mm256_loadu_pd(z + n * R + r0 + 4 * g), &x##g, &f##g, &v##g, &q##g)
#define NE_BOLD_SAMPLE(g) _mm256_storeu_pd(row + r0 + 4 * g, bold4(&k, v##g, q##g))
#define NE_BOLD_STORE(g) _mm256_storeu_pd(sx + r0 + 4 * g, x##g), _mm256_storeu_pd(sf + r0 + 4 * g, f##g), \
                         _mm256_storeu_pd(sv + r0 + 4 * g, v##g), _mm256_storeu_pd(sq + r0 + 4 * g, q##g)
  switch (groups) {
  case 4: {
    NE_BOLD_LOAD(0);
    NE_BOLD_LOAD(1);
    NE_BOLD_LOAD(2);
    NE_BOLD_LOAD(3);
    for (int64_t n = 0; n < n_steps; ++n) {
      NE_BOLD_STEP(0);
      NE_BOLD_STEP(1);
      NE_BOLD_STEP(2);
      NE_BOLD_STEP(3);
      if (--to_sample == 0) {
        NE_BOLD_SAMPLE(0), NE_BOLD_SAMPLE(1), NE_BOLD_SAMPLE(2), NE_BOLD_SAMPLE(3);
        row += R;
        to_sample = sample_every;
      }
    }
    NE_BOLD_STORE(0), NE_BOLD_STORE(1), NE_BOLD_STORE(2), NE_BOLD_STORE(3);
    break;
  }
  case 3: {
    NE_BOLD_LOAD(0);
    NE_BOLD_LOAD(1);
    NE_BOLD_LOAD(2);
    for (int64_t n = 0; n < n_steps; ++n) {
      NE_BOLD_STEP(0);
      NE_BOLD_STEP(1);
      NE_BOLD_STEP(2);
      if (--to_sample == 0) {
        NE_BOLD_SAMPLE(0), NE_BOLD_SAMPLE(1), NE_BOLD_SAMPLE(2);
        row += R;
        to_sample = sample_every;
      }
    }
    NE_BOLD_STORE(0), NE_BOLD_STORE(1), NE_BOLD_STORE(2);
    break;
  }
  case 2: {
    NE_BOLD_LOAD(0);
    NE_BOLD_LOAD(1);
    for (int64_t n = 0; n < n_steps; ++n) {
      NE_BOLD_STEP(0);
      NE_BOLD_STEP(1);
      if (--to_sample == 0) {
        NE_BOLD_SAMPLE(0), NE_BOLD_SAMPLE(1);
        row += R;
        to_sample = sample_every;
      }
    }
    NE_BOLD_STORE(0), NE_BOLD_STORE(1);
    break;
  }
  default: {
    NE_BOLD_LOAD(0);
    for (int64_t n = 0; n < n_steps; ++n) {
      NE_BOLD_STEP(0);
      if (--to_sample == 0) {
        NE_BOLD_SAMPLE(0);
        row += R;
        to_sample = sample_every;
      }
    }
    NE_BOLD_STORE(0);
    break;
  }
  }
}
