/* The deterministic exp as an entry point, so managed code can check its port against the kernels' bits. */
#include "exp_math.h"
#include "neuroengine.h"
#include "status.h"

ne_status ne_exp_eval(const double *x, double *y, int64_t n) {
  if (n < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n must be >= 0, got %lld", (long long)n);
  if (n > 0) {
    NE_TRY(ne_check_not_null(x, "x"));
    NE_TRY(ne_check_not_null(y, "y"));
  }
  for (int64_t i = 0; i < n; ++i)
    y[i] = ne_exp(x[i]);
  return ne_ok();
}
