/* ne_convolve and ne_convolve_fft: numpy.convolve's three modes on a hand-computed case, the same bits
 * for 1 and 2 threads on a long signal, FFT equal to direct up to rounding, and argument errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ne_test.h"
#include "neuroengine.h"

int main(void) {
  const double x[5] = {1, 2, 3, 4, 5}, h[4] = {1, 10, 100, 1000};
  const double full[8] = {1, 12, 123, 1234, 2345, 3450, 4500, 5000}; /* numpy.convolve(x, h, 'full') */
  double out[8];
  CHECK(ne_convolve(x, 5, h, 4, NE_CONVOLVE_FULL, out, 8, 1) == NE_OK);
  CHECK(memcmp(out, full, sizeof full) == 0);
  CHECK(ne_convolve(x, 5, h, 4, NE_CONVOLVE_SAME, out, 8, 1) == NE_OK);
  CHECK(memcmp(out, full + 1, 5 * sizeof(double)) == 0); /* same starts at (4 - 1) / 2 = 1 */
  CHECK(ne_convolve(x, 5, h, 4, NE_CONVOLVE_VALID, out, 8, 1) == NE_OK);
  CHECK(out[0] == 1234 && out[1] == 2345);

  enum { N = 100000, K = 300 };
  double *signal = malloc(N * sizeof *signal), *kernel = malloc(K * sizeof *kernel);
  double *one = malloc((N + K) * sizeof *one), *two = malloc((N + K) * sizeof *two);
  for (int i = 0; i < N; ++i)
    signal[i] = sin(0.001 * i * i) + 0.1 * (i % 7);
  for (int i = 0; i < K; ++i)
    kernel[i] = exp(-i / 50.0);
  CHECK(ne_convolve(signal, N, kernel, K, NE_CONVOLVE_FULL, one, N + K, 1) == NE_OK);
  CHECK(ne_convolve(signal, N, kernel, K, NE_CONVOLVE_FULL, two, N + K, 2) == NE_OK);
  CHECK(memcmp(one, two, (N + K - 1) * sizeof(double)) == 0);
  double direct = 0; /* one sample by its definition */
  for (int k = 0; k < K; ++k)
    direct += signal[5000 - k] * kernel[k];
  CHECK_MSG(fabs(one[5000] - direct) < 1e-12 * fabs(direct), "%.17g vs %.17g", one[5000], direct);

  /* FFT overlap-add: equal to the direct sum up to rounding, the same bits for 1 and 2 threads, all modes */
  double *fft1 = malloc((N + K) * sizeof *fft1), *fft2 = malloc((N + K) * sizeof *fft2);
  CHECK(ne_convolve_fft(signal, N, kernel, K, NE_CONVOLVE_FULL, fft1, N + K, 1) == NE_OK);
  CHECK(ne_convolve_fft(signal, N, kernel, K, NE_CONVOLVE_FULL, fft2, N + K, 2) == NE_OK);
  CHECK(memcmp(fft1, fft2, (N + K - 1) * sizeof(double)) == 0);
  double worst = 0, scale = 0;
  for (int i = 0; i < N + K - 1; ++i) {
    worst = fmax(worst, fabs(fft1[i] - one[i]));
    scale = fmax(scale, fabs(one[i]));
  }
  CHECK_MSG(worst < 1e-12 * scale, "FFT vs direct %.3g of %.3g", worst, scale);
  CHECK(ne_convolve_fft(x, 5, h, 4, NE_CONVOLVE_SAME, out, 8, 1) == NE_OK);
  CHECK_MSG(fabs(out[0] - 12) < 1e-12 && fabs(out[4] - 3450) < 1e-9, "same: %g ... %g", out[0], out[4]);
  CHECK(ne_convolve_fft(h, 4, x, 5, NE_CONVOLVE_FULL, out, 8, 1) == NE_ERR_INVALID_ARGUMENT);
  free(fft1);
  free(fft2);

  CHECK(ne_convolve(x, 5, h, 4, NE_CONVOLVE_FULL, out, 7, 1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_convolve(h, 4, x, 5, NE_CONVOLVE_FULL, out, 8, 1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "longer than the signal") != NULL);
  CHECK(ne_convolve(x, 5, h, 4, 3, out, 8, 1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_convolve(x, 0, h, 4, NE_CONVOLVE_FULL, out, 8, 1) == NE_ERR_INVALID_ARGUMENT);
  const double bad[2] = {1, NAN};
  CHECK(ne_convolve(x, 5, bad, 2, NE_CONVOLVE_FULL, out, 8, 1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "h[1]") != NULL);
  free(signal);
  free(kernel);
  free(one);
  free(two);
  return ne_test_finish("test_convolve");
}
