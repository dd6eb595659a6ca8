/* The SIMD BOLD kernels for groups (1 to 4) of adjacent vectors of regions from r0: four regions
 * per vector in AVX2 (bold_kernel_avx2.c), eight in AVX-512 (bold_kernel_avx512.c), both from the
 * one body in bold_kernel_lanes.h; for the
 * pow-free constants (v_eighths >= 0). state is [4][R] (x, f, v, q); z is [n_steps][R]; samples
 * rows are [R]. */
#ifndef NE_BOLD_KERNEL_H
#define NE_BOLD_KERNEL_H

#include <stdint.h>

#include "bold_math.h"

void ne_bold_four_avx2(const ne_bold_constants *c, double h, const double *z, int32_t R, int32_t r0, int64_t n_steps,
                       int64_t done, int32_t sample_every, int64_t first, double *samples, double *state,
                       int32_t groups);
#define NE_BOLD_GROUPS 4 /* the most vectors one kernel call advances side by side */
void ne_bold_eight_avx512(const ne_bold_constants *c, double h, const double *z, int32_t R, int32_t r0, int64_t n_steps,
                          int64_t done, int32_t sample_every, int64_t first, double *samples, double *state,
                          int32_t groups);

#endif
