/* Radix-2 FFT (fft.h): bit reversal, then butterflies of growing length. */
#include <math.h>

#include "fft.h"

void ne_fft_twiddles(int64_t n, double *cos_table, double *sin_table) {
  for (int64_t k = 0; k < n / 2; ++k) {
    cos_table[k] = cos(2 * M_PI * (double)k / (double)n);
    sin_table[k] = sin(2 * M_PI * (double)k / (double)n);
  }
}

void ne_fft_radix2(double *re, double *im, int64_t n, int sign, const double *cos_table, const double *sin_table) {
  for (int64_t i = 1, j = 0; i < n; ++i) {
    int64_t bit = n >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j) {
      double t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (int64_t length = 2; length <= n; length <<= 1) {
    const int64_t half = length >> 1, stride = n / length;
    for (int64_t start = 0; start < n; start += length)
      for (int64_t k = 0; k < half; ++k) {
        const double wr = cos_table[k * stride], wi = sign * sin_table[k * stride];
        const int64_t a = start + k, b = a + half;
        const double tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
  }
}
