/* Wilson-Cowan with one parameter set, eight target nodes per AVX-512 vector.
 *
 * Why: with one set the kernel's layout (sets innermost, SIMD across sets) leaves every node
 * update scalar and every coupling term a scattered load per step. Here
 *  - the far terms of a target (read at least NE_MASS_FAR_STEPS back; about 90% on the gw
 *    connectome) are summed for eight steps at once: one load of eight consecutive history slots
 *    per term (the mirrored ring keeps them contiguous), into four partial sums per step;
 *  - each step adds the near terms to those partials and runs the node update on eight targets
 *    at once.
 * The same IEEE operations in the same order as the per-set path (mass.c: accumulate_one over
 * terms ordered far first, ne_wc_rhs, the clip, the OU update; the sigmoid uses ne_exp in both),
 * so a run equals the per-set path, and set 0 of a batch, bit for bit. */
#ifndef NE_MASS_WC_LANES_H
#define NE_MASS_WC_LANES_H

#include <stdint.h>

#define NE_MASS_WC_LANES 8

/* What one step of the kernel reads and writes (K = 1; layouts as in mass.c). */
typedef struct ne_mass_wc_step {
  const int32_t *term_start, *term_near, *term_offset; /* the per-target term lists (mass.c) */
  const double *term_w;
  double *far_partials; /* [N][4][NE_MASS_WC_BLOCK_STEPS]: far-term partials of the current block */
  const double *params; /* the set's NE_MASS_N_PARAMS values */
  double *ring;         /* [N][2 slots]: E history, mirrored */
  double *inh;          /* [N]: I */
  double *ou;           /* [2][N] */
  const float *normals; /* [N][2], or NULL without noise */
  int32_t N, slots;
  double dt, sqrt_dt;
} ne_mass_wc_step;

/* Groups [g_begin, g_end) of one step: reads slot `now`, writes slot `write` (both copies);
 * `in_block` is the step's index in its block of NE_MASS_WC_BLOCK_STEPS (0: the far sums are
 * computed); row_e and row_i (NULL when the step is not sampled) are the sample's E and I rows
 * of N values. */
void ne_mass_wc_groups_avx512(const ne_mass_wc_step *s, int32_t g_begin, int32_t g_end, int64_t now, int64_t write,
                              int32_t in_block, double *row_e, double *row_i);

#endif
