/* Balloon-Windkessel BOLD: rest stays at rest, constant input settles to the
 * analytic steady state, sampling counts, argument validation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ne_test.h"
#include "neuroengine.h"

static ne_bold_config config(int32_t regions, int32_t every, uint32_t init) {
  ne_bold_config c = {sizeof(ne_bold_config), init, regions, every, 1.0, 0.34, 0.32, 0.02, 2.38, 2.0, 0.48,
                      0.41, 0.65, 0.98, 1, 0};
  return c;
}

/* Every region fed the same input gives the same bits, whether it runs in a SIMD lane group (six
 * vectors of four in AVX2, three of eight in AVX-512, split over two threads), or alone in the
 * scalar remainder (regions 24 to 26), and at every SIMD level; and the
 * pow-free step agrees with the pow form (alpha 0.33 is not a whole number of eighths: pow) to 1e-12. */
static void lanes_and_pow_agree(void) {
  enum { R = 27, STEPS = 20000 };
  double *z = malloc((size_t)R * STEPS * sizeof *z), out[R * 20];
  unsigned seed = 7;
  for (int n = 0; n < STEPS; ++n) {
    seed = seed * 1103515245u + 12345u;
    for (int r = 0; r < R; ++r)
      z[n * R + r] = 30.0 * (seed >> 16) / 65536.0;
  }
  ne_bold_config c = config(R, 1000, NE_BOLD_INIT_NEUROLIB);
  c.dt_ms = 0.1;
  c.n_threads = 2;
  ne_bold *b = NULL;
  int64_t n = 0;
  CHECK(ne_bold_create(&c, &b) == NE_OK);
  CHECK(ne_bold_advance(b, z, (int64_t)R * STEPS, STEPS, out, R * 20, &n) == NE_OK && n == 20);
  int same = 1;
  for (int k = 0; k < 20; ++k)
    for (int r = 1; r < R; ++r)
      same &= memcmp(&out[k * R], &out[k * R + r], sizeof(double)) == 0;
  CHECK_MSG(same, "regions with the same input differ: %.17g vs %.17g", out[19 * R], out[19 * R + 10]);
  ne_bold_destroy(b);
  /* every SIMD level this CPU has gives the same bits (level 1: every region scalar) */
  for (int level = 1; level <= 3; ++level) {
    double at_level[R * 20];
    c.simd = level;
    const ne_status status = ne_bold_create(&c, &b);
    if (status == NE_ERR_UNSUPPORTED)
      continue;
    CHECK(status == NE_OK);
    CHECK(ne_bold_advance(b, z, (int64_t)R * STEPS, STEPS, at_level, R * 20, &n) == NE_OK && n == 20);
    CHECK_MSG(memcmp(at_level, out, sizeof at_level) == 0, "simd level %d differs from the best level", level);
    ne_bold_destroy(b);
  }
  c.simd = 9;
  CHECK(ne_bold_create(&c, &b) == NE_ERR_INVALID_ARGUMENT && strstr(ne_last_error(), "simd") != NULL);
  c.simd = 0;
  /* the same run through the pow path: rho 0.34, alpha 0.32 differ from alpha = 0.32 + 1e-15 only by pow */
  c.alpha = 0.32 + 1e-15;
  double slow[R * 20];
  CHECK(ne_bold_create(&c, &b) == NE_OK);
  CHECK(ne_bold_advance(b, z, (int64_t)R * STEPS, STEPS, slow, R * 20, &n) == NE_OK && n == 20);
  double worst = 0;
  for (int i = 0; i < R * 20; ++i)
    worst = fmax(worst, fabs(out[i] - slow[i]) / fabs(slow[i]));
  CHECK_MSG(worst < 1e-12, "pow-free and pow forms differ by %.3g relative", worst);
  ne_bold_destroy(b);
  free(z);
}

int main(void) {
  lanes_and_pow_agree();
  ne_bold *b = NULL;
  ne_bold_config c = config(2, 1000, NE_BOLD_INIT_REST);
  CHECK(ne_bold_create(&c, &b) == NE_OK);
  double *z = calloc(2 * 5000, sizeof *z), samples[10], state[8];
  int64_t n = -1;
  CHECK(ne_bold_advance(b, z, 2 * 5000, 5000, samples, 10, &n) == NE_OK && n == 5);
  for (int i = 0; i < 10; ++i)
    CHECK(samples[i] == 0.0);
  /* constant input 2 Hz in region 1 for 300 s: f -> 1 + z / gamma */
  ne_bold_destroy(b);
  c = config(1, 100000, NE_BOLD_INIT_REST);
  CHECK(ne_bold_create(&c, &b) == NE_OK);
  double *two = malloc(300000 * sizeof *two);
  for (int i = 0; i < 300000; ++i)
    two[i] = 2.0;
  CHECK(ne_bold_advance(b, two, 300000, 300000, samples, 10, &n) == NE_OK && n == 3);
  CHECK(ne_bold_read_state(b, state, 4) == NE_OK);
  double f = 1 + 2.0 / 0.41;
  CHECK_MSG(fabs(state[1] - f) < 1e-6 * f, "f %g vs %g", state[1], f);
  CHECK(fabs(state[2] - pow(f, 0.32)) < 1e-6);
  /* bad input */
  two[7] = NAN;
  CHECK(ne_bold_advance(b, two, 300000, 300000, samples, 10, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "z[7]") != NULL);
  CHECK(ne_bold_advance(b, two, 10, 300000, samples, 10, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_bold_advance(b, two, 300000, 0, samples, 10, &n) == NE_ERR_INVALID_ARGUMENT);
  ne_bold_destroy(b);
  c = config(0, 1, 0);
  CHECK(ne_bold_create(&c, &b) == NE_ERR_INVALID_ARGUMENT && b == NULL);
  c = config(1, 1, 0);
  c.rho = 1.0;
  CHECK(ne_bold_create(&c, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "rho") != NULL);
  c = config(1, 1, 7);
  CHECK(ne_bold_create(&c, &b) == NE_ERR_INVALID_ARGUMENT);
  ne_bold_destroy(NULL);
  free(z);
  free(two);
  return ne_test_finish("test_bold");
}
