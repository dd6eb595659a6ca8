/* SIMD levels and the runtime choice among them. Hot kernels are compiled
 * once per level (files *_baseline.c, *_avx2.c, *_avx512.c, built with the
 * matching -m flags) and a dispatcher calls the one this CPU supports. */
#ifndef NE_SIMD_LEVEL_H
#define NE_SIMD_LEVEL_H

#include <stdint.h>

#define NE_SIMD_AUTO 0
#define NE_SIMD_BASELINE 1
#define NE_SIMD_AVX2 2
#define NE_SIMD_AVX512 3

/* The best level this CPU supports (NE_SIMD_BASELINE .. NE_SIMD_AVX512). */
int ne_simd_best(void);
/* "baseline", "avx2", "avx512". */
const char *ne_simd_name(int level);
/* Resolves a requested level (NE_SIMD_AUTO = best); NE_OK or a recorded
 * NE_ERR_UNSUPPORTED / NE_ERR_INVALID_ARGUMENT naming `field`. */
int32_t ne_simd_resolve(int32_t requested, const char *field, int *level);

#endif
