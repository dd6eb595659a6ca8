/* An in-place iterative radix-2 complex FFT (split real and imaginary arrays) for power-of-two lengths. */
#ifndef NE_FFT_H
#define NE_FFT_H

#include <stdint.h>

/* Forward (sign -1: e^{-2 pi i k n / N}) or unscaled inverse (sign +1) transform of re + i im, n a power of two.
 * cos_table and sin_table hold cos and sin of 2 pi k / n for k < n / 2. */
void ne_fft_radix2(double *re, double *im, int64_t n, int sign, const double *cos_table, const double *sin_table);
/* Fills the tables for length n. */
void ne_fft_twiddles(int64_t n, double *cos_table, double *sin_table);

#endif
