/* ne_convolve: direct linear convolution with numpy.convolve's modes. Each thread owns a range of
 * output samples and adds the kernel taps to it in increasing order, so the result does not depend
 * on the thread count; the inner loop runs along the signal and vectorises. */
#include <math.h>

#include "../common/status.h"
#include "../common/threading.h"

ne_status ne_convolve(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                      int64_t out_len, int32_t n_threads) {
  if (nx < 1 || nh < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "the signal (%lld samples) and the kernel (%lld) must not be empty",
                   (long long)nx, (long long)nh);
  if (nh > nx)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "the kernel (%lld samples) is longer than the signal (%lld)", (long long)nh,
                   (long long)nx);
  if (mode < NE_CONVOLVE_FULL || mode > NE_CONVOLVE_VALID)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "mode must be 0 (full), 1 (same) or 2 (valid), got %d", mode);
  if (n_threads < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_threads must be >= 0, got %d", n_threads);
  NE_TRY(ne_check_not_null(x, "x"));
  NE_TRY(ne_check_not_null(h, "h"));
  NE_TRY(ne_check_not_null(out, "out"));
  /* numpy: full has nx + nh - 1 samples; same the nx central ones from (nh - 1) / 2; valid nx - nh + 1 from nh - 1 */
  const int64_t start = mode == NE_CONVOLVE_FULL ? 0 : (mode == NE_CONVOLVE_SAME ? (nh - 1) / 2 : nh - 1);
  const int64_t length = mode == NE_CONVOLVE_FULL ? nx + nh - 1 : (mode == NE_CONVOLVE_SAME ? nx : nx - nh + 1);
  if (out_len < length)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "out holds %lld values but the result has %lld", (long long)out_len,
                   (long long)length);
  for (int64_t i = 0; i < nx; ++i)
    if (!isfinite(x[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "x[%lld] must be finite, got %g", (long long)i, x[i]);
  for (int64_t i = 0; i < nh; ++i)
    if (!isfinite(h[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "h[%lld] must be finite, got %g", (long long)i, h[i]);
  const int64_t chunk = 4096; /* output samples per piece of work */
  const int64_t pieces = (length + chunk - 1) / chunk;
#pragma omp parallel for num_threads(ne_resolve_threads(n_threads)) schedule(static)
  for (int64_t piece = 0; piece < pieces; ++piece) {
    const int64_t a = piece * chunk, b = a + chunk < length ? a + chunk : length; /* out[a, b) = full[start + a, start + b) */
    for (int64_t i = a; i < b; ++i)
      out[i] = 0.0;
    for (int64_t k = 0; k < nh; ++k) {
      /* full[m] += x[m - k] h[k] for m in [start + a, start + b) with 0 <= m - k < nx */
      int64_t lo = start + a - k, hi = start + b - k;
      lo = lo < 0 ? 0 : lo;
      hi = hi > nx ? nx : hi;
      const double hk = h[k];
      double *o = out + (k - start);
      for (int64_t n = lo; n < hi; ++n)
        o[n] += x[n] * hk;
    }
  }
  return ne_ok();
}
