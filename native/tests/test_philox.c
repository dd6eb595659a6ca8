/* Philox4x32-10 known-answer vectors (Random123 kat_vectors, Salmon et al.
 * SC'11) and the moments of the engine's normal variates. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/normal_math.h"
#include "neuroengine.h"
#include "ne_test.h"

static void test_known_answers(void) {
  const uint32_t cases[3][10] = {
      {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
      {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d,
       0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
      {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09,
       0x94fdcceb, 0x5001e420, 0x24126ea1},
  };
  for (int i = 0; i < 3; ++i) {
    uint32_t out[4];
    CHECK(ne_philox4x32_10(cases[i], cases[i] + 4, out) == NE_OK);
    CHECK_MSG(memcmp(out, cases[i] + 6, sizeof out) == 0, "vector %d: got %08x %08x %08x %08x", i,
              out[0], out[1], out[2], out[3]);
  }
  uint32_t out[4];
  CHECK(ne_philox4x32_10(NULL, cases[0], out) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "counter") != NULL);
}

/* Mean 0, variance 1, skewness 0, kurtosis 3 within 4 standard errors. */
static void test_normal_moments(void) {
  const int64_t n = 1 << 20;
  float *z = malloc((size_t)n * sizeof *z);
  CHECK(z != NULL);
  if (!z)
    return;
  CHECK(ne_random_normal(12345u, 7u, 0u, z, n) == NE_OK);
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  for (int64_t i = 0; i < n; ++i) {
    double x = z[i];
    m1 += x;
    m2 += x * x;
    m3 += x * x * x;
    m4 += x * x * x * x;
  }
  m1 /= n, m2 /= n, m3 /= n, m4 /= n;
  CHECK_MSG(fabs(m1) < 4.0 * sqrt(1.0 / n), "mean %g", m1);
  CHECK_MSG(fabs(m2 - 1.0) < 4.0 * sqrt(2.0 / n), "variance %g", m2);
  CHECK_MSG(fabs(m3) < 4.0 * sqrt(15.0 / n), "third moment %g", m3);
  CHECK_MSG(fabs(m4 - 3.0) < 4.0 * sqrt(96.0 / n), "fourth moment %g", m4);
  /* P(|z| > 1.96) = 0.05 */
  int64_t tail = 0;
  for (int64_t i = 0; i < n; ++i)
    tail += fabsf(z[i]) > 1.959964f;
  double p = (double)tail / n;
  CHECK_MSG(fabs(p - 0.05) < 4.0 * sqrt(0.05 * 0.95 / n), "tail fraction %g", p);
  free(z);
}

/* The hand-written log and sincos against libm over many arguments. */
static void test_math_accuracy(void) {
  double worst_log = 0, worst_trig = 0;
  for (uint32_t x = 0; x < 0xffffff00u; x += 65521u) {
    float u = ne_u32_to_open01(x);
    double rel = fabs((double)ne_log_open01(u) - log((double)u)) / fabs(log((double)u));
    if (rel > worst_log)
      worst_log = rel;
    float c, s;
    ne_sincos_uniform(x, &c, &s);
    /* the documented map: a = (2j+1) pi/2^24, bit 2 swaps, bits 0 and 1 negate */
    double a = (2.0 * (double)(x >> 11) + 1.0) * M_PI / 16777216.0;
    double want_c = (x & 4u) ? sin(a) : cos(a), want_s = (x & 4u) ? cos(a) : sin(a);
    want_c = (x & 1u) ? -want_c : want_c;
    want_s = (x & 2u) ? -want_s : want_s;
    double err = fmax(fabs(c - want_c), fabs(s - want_s));
    if (err > worst_trig)
      worst_trig = err;
  }
  CHECK_MSG(worst_log < 3e-7, "log relative error %g", worst_log);
  CHECK_MSG(worst_trig < 2e-7, "sincos absolute error %g", worst_trig);
}

/* The angle is uniform on the circle: over a permutation of the 32-bit
 * words, each of 64 equal arcs gets its share within 4 standard errors
 * (a map that left out a symmetry would empty some arcs, one that doubled
 * back would overfill others). */
static void test_angle_uniform(void) {
  enum { ARCS = 64 };
  const int64_t n = 1 << 22;
  int64_t count[ARCS] = {0};
  for (int64_t k = 0; k < n; ++k) {
    float c, s;
    ne_sincos_uniform((uint32_t)k * 2654435761u, &c, &s);
    double turn = atan2((double)s, (double)c) / (2.0 * M_PI); /* (-1/2, 1/2] */
    int arc = (int)floor((turn + 0.5) * ARCS);
    count[arc < ARCS ? arc : ARCS - 1]++;
  }
  const double want = (double)n / ARCS, se = sqrt(want * (1.0 - 1.0 / ARCS));
  for (int i = 0; i < ARCS; ++i)
    CHECK_MSG(fabs((double)count[i] - want) < 4.0 * se, "arc %d holds %lld of %lld", i, (long long)count[i],
              (long long)n);
}

static void test_streams_differ_and_repeat(void) {
  float a[8], b[8], c[8];
  CHECK(ne_random_normal(1u, 0u, 0u, a, 8) == NE_OK);
  CHECK(ne_random_normal(1u, 0u, 0u, b, 8) == NE_OK);
  CHECK(ne_random_normal(1u, 1u, 0u, c, 8) == NE_OK);
  CHECK(memcmp(a, b, sizeof a) == 0);
  CHECK(memcmp(a, c, sizeof a) != 0);
  /* block 1 of a stream is the second four variates */
  CHECK(ne_random_normal(1u, 0u, 1u, c, 4) == NE_OK);
  CHECK(memcmp(a + 4, c, 4 * sizeof(float)) == 0);
  CHECK(ne_random_normal(1u, 0u, 0u, a, -1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_random_normal(1u, 0u, 0u, NULL, 4) == NE_ERR_INVALID_ARGUMENT);
}

int main(void) {
  test_known_answers();
  test_normal_moments();
  test_math_accuracy();
  test_angle_uniform();
  test_streams_differ_and_repeat();
  return ne_test_finish("test_philox");
}
