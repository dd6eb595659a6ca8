/* The deterministic exp (common/exp_math.h) against libm: within 2 ulp over the range the kernels
 * use, exact 0 in deep underflow, and identical bits from its AVX2 and AVX-512 forms
 * (common/exp_simd.h), each checked where the CPU has it. */
#include <math.h>
#include <stdint.h>
#include <string.h>

/* compile the vector forms here; they only run after the CPU was asked */
#pragma GCC target("avx2,avx512f")
#include "common/exp_math.h"
#include "common/exp_simd.h"
#include "ne_test.h"

/* The number of the n inputs whose vector exp differs in any bit from the scalar one. */
static int64_t avx2_mismatches(const double *x, int64_t n) {
  int64_t bad = 0;
  for (int64_t i = 0; i + 4 <= n; i += 4) {
    double y[4];
    _mm256_storeu_pd(y, ne_exp_avx2(_mm256_loadu_pd(x + i)));
    for (int j = 0; j < 4; ++j)
      bad += memcmp(&y[j], &(double){ne_exp(x[i + j])}, sizeof(double)) != 0;
  }
  return bad;
}

static int64_t avx512_mismatches(const double *x, int64_t n) {
  int64_t bad = 0;
  for (int64_t i = 0; i + 8 <= n; i += 8) {
    double y[8];
    _mm512_storeu_pd(y, ne_exp_avx512(_mm512_loadu_pd(x + i)));
    for (int j = 0; j < 8; ++j)
      bad += memcmp(&y[j], &(double){ne_exp(x[i + j])}, sizeof(double)) != 0;
  }
  return bad;
}

static double ulp_error(double got, double want) {
  if (got == want)
    return 0;
  double ulp = nextafter(fabs(want), INFINITY) - fabs(want);
  return fabs(got - want) / ulp;
}

int main(void) {
  enum { N = 2000000 };
  static double xs[N];
  double worst = 0, at = 0;
  uint64_t state = 88172645463325252ull;
  for (int i = 0; i < N; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    double x = -740.0 + 1440.0 * (double)(state >> 11) / 9007199254740992.0; /* [-740, 700) */
    if (i < 1000)
      x = -1e-3 + 2e-3 * i / 1000.0; /* near 0 */
    xs[i] = x;
    double e = ulp_error(ne_exp(x), exp(x));
    if (e > worst) {
      worst = e;
      at = x;
    }
  }
  CHECK_MSG(worst <= 2.0, "worst error %.3g ulp at x = %.17g", worst, at);
  CHECK(ne_exp(0.0) == 1.0);
  CHECK(ne_exp(-1e300) == 0.0);
  CHECK(ne_exp(-800.0) == 0.0);
  CHECK_MSG(fabs(ne_exp(1.0) - M_E) <= 2 * (nextafter(M_E, 4) - M_E), "e = %.17g", ne_exp(1.0));
  /* the clamps and the subnormal range as well */
  const double edges[8] = {-1e300, -800.0, -745.0, -708.5, 0.0, 709.0, 710.0, 1e300};
  memcpy(xs, edges, sizeof edges);
  if (__builtin_cpu_supports("avx2")) {
    int64_t bad = avx2_mismatches(xs, N);
    CHECK_MSG(bad == 0, "ne_exp_avx2 differs from ne_exp in %lld of %d inputs", (long long)bad, N);
  }
  if (__builtin_cpu_supports("avx512f")) {
    int64_t bad = avx512_mismatches(xs, N);
    CHECK_MSG(bad == 0, "ne_exp_avx512 differs from ne_exp in %lld of %d inputs", (long long)bad, N);
  }
  return ne_test_finish("test_exp");
}
