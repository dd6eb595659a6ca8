/* Wilson-Cowan with four (AVX2) or eight (AVX-512) parameter sets side by side, one set per lane
 * of a vector of doubles (SIMD across parameter sets).
 *
 * Why: in a batch every set reads its delayed sources at the same ring positions (one connectome,
 * one signal speed), and sets are the innermost index of the ring, so each coupling term of a
 * target is one contiguous load of all the part's sets, far and near terms alike, and the node
 * update runs on all of them at once with no transposition. The one-set kernel (mass_wc_lanes.h) has to sum its
 * near terms one target at a time; measured side by side this kernel does a batch's region-steps
 * faster (docs/neural-mass.md). The same IEEE operations in the same order as the per-set path
 * (mass.c: accumulate over terms ordered far first, ne_wc_rhs, the clip, the OU update), so each
 * set equals a run of that set alone, bit for bit. */
#ifndef NE_MASS_WC_SETS_H
#define NE_MASS_WC_SETS_H

#include <stdint.h>

#define NE_MASS_WC_SETS_AVX2 4
#define NE_MASS_WC_SETS_AVX512 8
#define NE_MASS_WC_SETS_MAX NE_MASS_WC_SETS_AVX512

/* What one step of the kernel reads and writes (W, the kernel's width, is the part's K; layouts as
 * in mass.c). */
typedef struct ne_mass_wc_sets_step {
  const int32_t *term_start, *term_offset; /* the per-target term lists (mass.c) */
  const double *term_w;
  const double *params; /* [NE_MASS_N_PARAMS][W]: each slot's value for the W sets */
  const double *noisy;  /* [W]: 1 for a set with sigma_ou > 0, else 0 (its normals are not read) */
  double *ring;         /* [N][2 slots][W]: E history, mirrored */
  double *inh;          /* [N][W]: I */
  double *ou;           /* [2][N][W] */
  const float *normals; /* [N][W][2], or NULL without noise */
  double *sums;         /* [N][W]: the step's coupling sums */
  int32_t N, slots;
  double dt, sqrt_dt;
} ne_mass_wc_sets_step;

/* Targets [i_begin, i_end) of one step: reads slot `now`, writes slot `write` (both copies);
 * rows[2k] and rows[2k + 1] (rows NULL when the step is not sampled) are set k's E and I rows of
 * N values. */
void ne_mass_wc_sets_avx2(const ne_mass_wc_sets_step *s, int32_t i_begin, int32_t i_end, int64_t now, int64_t write,
                          double *const *rows);
void ne_mass_wc_sets_avx512(const ne_mass_wc_sets_step *s, int32_t i_begin, int32_t i_end, int64_t now, int64_t write,
                            double *const *rows);

#endif
