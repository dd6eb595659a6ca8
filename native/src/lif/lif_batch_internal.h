/* The batch handle, shared by the API (lif_batch.c) and the per-SIMD-level
 * kernels (lif_kernel_*.c). */
#ifndef NE_LIF_BATCH_INTERNAL_H
#define NE_LIF_BATCH_INTERNAL_H

#include <stdint.h>

#include "lif_math.h"
#include "neuroengine.h"

#define NE_LIF_LANES 16

struct ne_lif_batch {
  ne_lif_batch_config config;
  int64_t n;               /* neurons */
  int64_t n_samples;       /* Lt */
  int64_t samples_done;
  int64_t n_voltage_samples;
  int32_t refractory_steps;
  int32_t max_possible_spikes;
  int32_t max_spikes;      /* kept per neuron (resolved from config) */
  int simd_level;          /* NE_SIMD_* the kernel runs at */
  int64_t native_bytes;
  /* parameters and coefficients, [n] each */
  double *v_th, *v_reset, *e_l;
  ne_lif_coefficients *coef;
  /* state, [n] each */
  double *v, *sum_v;
  int32_t *refractory_left, *spike_count;
  int32_t *spike_steps; /* [n][max_spikes] */
  struct ne_team *team; /* config.n_threads threads (or fewer if the system refused some) */
};

/* Advance every neuron over samples [k_begin, k_end) on the batch's team, one per SIMD level. */
void ne_lif_advance_baseline(ne_lif_batch *b, int64_t k_begin, int64_t k_end, float *voltage);
void ne_lif_advance_avx2(ne_lif_batch *b, int64_t k_begin, int64_t k_end, float *voltage);
void ne_lif_advance_avx512(ne_lif_batch *b, int64_t k_begin, int64_t k_end, float *voltage);

#endif
