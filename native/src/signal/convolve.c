/* ne_convolve: direct linear convolution with numpy.convolve's modes. Each thread owns a range of
 * output samples and adds the kernel taps to it in increasing order, so the result does not depend
 * on the thread count; the inner loop runs along the signal and vectorises. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "../common/status.h"
#include "../common/threading.h"
#include "fft.h"

/* Checks the arguments and gives the output's start within the full result and its length. */
static ne_status check_convolution(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                                   int64_t out_len, int32_t n_threads, int64_t *start_out, int64_t *length_out) {
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
  *start_out = start;
  *length_out = length;
  return NE_OK;
}

/* The direct sum in pieces of 4096 output samples, a static share of them per thread. */
typedef struct direct_job {
  const double *x;
  int64_t nx;
  const double *h;
  int64_t nh;
  double *out;
  int64_t start, length;
} direct_job;

static void direct_member(void *ctx, int thread, int n_threads) {
  const direct_job *job = ctx;
  const double *x = job->x, *h = job->h;
  double *out = job->out;
  const int64_t nx = job->nx, nh = job->nh, start = job->start, length = job->length;
  const int64_t chunk = 4096; /* output samples per piece of work */
  const int64_t pieces = (length + chunk - 1) / chunk;
  int64_t first, end;
  ne_static_share(pieces, thread, n_threads, &first, &end);
  for (int64_t piece = first; piece < end; ++piece) {
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
}

ne_status ne_convolve(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                      int64_t out_len, int32_t n_threads) {
  int64_t start = 0, length = 0;
  NE_TRY(check_convolution(x, nx, h, nh, mode, out, out_len, n_threads, &start, &length));
  direct_job job = {x, nx, h, nh, out, start, length};
  ne_parallel(n_threads, direct_member, &job);
  return ne_ok();
}

/* FFT overlap-add on a team: each member transforms its static share of the
 * blocks into `pieces`; then, after a barrier, even blocks are added into
 * `full`, a barrier, then odd ones. */
typedef struct fft_job {
  const double *x;
  int64_t nx, nh, nfft, block, blocks, nfull;
  const double *cos_t, *sin_t, *hr, *hi;
  double *full, *pieces;
  ne_team *team;
  _Atomic int failed;
} fft_job;

static void fft_member(void *ctx, int thread, int n_threads) {
  fft_job *job = ctx;
  const double *x = job->x, *cos_t = job->cos_t, *sin_t = job->sin_t, *hr = job->hr, *hi = job->hi;
  const int64_t nx = job->nx, nh = job->nh, nfft = job->nfft, block = job->block, blocks = job->blocks,
                nfull = job->nfull;
  double *full = job->full, *pieces = job->pieces;
  double *re = malloc((size_t)nfft * sizeof *re), *im = malloc((size_t)nfft * sizeof *im);
  if (!re || !im)
    atomic_store(&job->failed, 1);
  int64_t first, end;
  ne_static_share(blocks, thread, n_threads, &first, &end);
  for (int64_t b = first; b < end && re && im; ++b) {
    const int64_t a = b * block, m = a + block < nx ? block : nx - a;
    memset(re, 0, (size_t)nfft * sizeof *re);
    memset(im, 0, (size_t)nfft * sizeof *im);
    memcpy(re, x + a, (size_t)m * sizeof *re);
    ne_fft_radix2(re, im, nfft, -1, cos_t, sin_t);
    for (int64_t k = 0; k < nfft; ++k) {
      const double r = re[k] * hr[k] - im[k] * hi[k], i = re[k] * hi[k] + im[k] * hr[k];
      re[k] = r;
      im[k] = i;
    }
    ne_fft_radix2(re, im, nfft, 1, cos_t, sin_t);
    for (int64_t k = 0; k < nfft; ++k)
      pieces[b * nfft + k] = re[k] / (double)nfft;
  }
  free(re);
  free(im);
  for (int parity = 0; parity < 2; ++parity) {
    ne_team_barrier(job->team);
    const int64_t count = (blocks - parity + 1) / 2; /* blocks parity, parity + 2, ... */
    ne_static_share(count, thread, n_threads, &first, &end);
    for (int64_t j = first; j < end; ++j) {
      const int64_t b = parity + 2 * j;
      const int64_t a = b * block, m = a + block < nx ? block : nx - a;
      const int64_t stop = m + nh - 1 < nfull - a ? m + nh - 1 : nfull - a;
      for (int64_t k = 0; k < stop; ++k)
        full[a + k] += pieces[b * nfft + k];
    }
  }
}

/* FFT overlap-add: blocks of L = nfft - nh + 1 signal samples, nfft the power of two >= 4 nh. Blocks are
 * transformed in parallel; even blocks are added into the full result first, then odd ones (adjacent blocks
 * overlap by nh - 1 < L samples, so blocks of one parity never overlap), the same order for any thread count. */
ne_status ne_convolve_fft(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                          int64_t out_len, int32_t n_threads) {
  int64_t start = 0, length = 0;
  NE_TRY(check_convolution(x, nx, h, nh, mode, out, out_len, n_threads, &start, &length));
  int64_t nfft = 1;
  while (nfft < 4 * nh)
    nfft <<= 1;
  const int64_t block = nfft - nh + 1, blocks = (nx + block - 1) / block, nfull = nx + nh - 1;
  double *cos_t = malloc((size_t)nfft / 2 * sizeof *cos_t), *sin_t = malloc((size_t)nfft / 2 * sizeof *sin_t);
  double *hr = calloc((size_t)nfft, sizeof *hr), *hi = calloc((size_t)nfft, sizeof *hi);
  double *full = calloc((size_t)nfull, sizeof *full);
  double *pieces = malloc((size_t)blocks * (size_t)nfft * sizeof *pieces); /* each block's result */
  if (!cos_t || !sin_t || !hr || !hi || !full || !pieces) {
    free(cos_t), free(sin_t), free(hr), free(hi), free(full), free(pieces);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for an FFT convolution of %lld x %lld samples", (long long)nx,
                   (long long)nh);
  }
  ne_fft_twiddles(nfft, cos_t, sin_t);
  memcpy(hr, h, (size_t)nh * sizeof *hr);
  ne_fft_radix2(hr, hi, nfft, -1, cos_t, sin_t);
  fft_job job = {x, nx, nh, nfft, block, blocks, nfull, cos_t, sin_t, hr, hi, full, pieces, NULL, 0};
  ne_team *team = ne_team_create(ne_resolve_threads(n_threads));
  job.team = team; /* NULL when out of memory: the caller alone does the work */
  ne_team_run(team, fft_member, &job);
  ne_team_destroy(team);
  const int failed = atomic_load(&job.failed);
  if (!failed)
    memcpy(out, full + start, (size_t)length * sizeof *out);
  free(cos_t), free(sin_t), free(hr), free(hi), free(full), free(pieces);
  if (failed)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the FFT buffers of a convolution");
  return ne_ok();
}
