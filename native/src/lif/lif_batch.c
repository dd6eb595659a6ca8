/* Batched single-neuron LIF (docs/lif-neurons.md): the C API of the handle,
 * argument validation, sizes, and dispatch to the kernel of the SIMD level
 * in use (lif_kernel.h, compiled per level). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/large_alloc.h"
#include "../common/simd_level.h"
#include "../common/status.h"
#include "../common/threading.h"
#include "lif_batch_internal.h"

/* ---- sizes -------------------------------------------------------------- */

static ne_status lif_validate_config(const ne_lif_batch_config *c) {
  NE_TRY(ne_check_not_null(c, "config"));
  if (c->struct_size != sizeof(ne_lif_batch_config))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "config.struct_size is %u but this library expects %u (header/library mismatch)",
                   c->struct_size, (unsigned)sizeof(ne_lif_batch_config));
  if (c->scheme != NE_LIF_SCHEME_EULER_REFERENCE && c->scheme != NE_LIF_SCHEME_EXACT)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.scheme must be 0 (euler-reference) or 1 (exact), got %u",
                   c->scheme);
  if (c->n_neurons < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_neurons must be >= 1, got %lld",
                   (long long)c->n_neurons);
  NE_TRY(ne_check_positive(c->dt_ms, "config.dt_ms"));
  NE_TRY(ne_check_positive(c->t_ms, "config.t_ms"));
  if (c->t_ms < c->dt_ms)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.t_ms (%g) must be >= config.dt_ms (%g)", c->t_ms,
                   c->dt_ms);
  NE_TRY(ne_check_non_negative(c->tref_ms, "config.tref_ms"));
  NE_TRY(ne_check_finite(c->i_mean, "config.i_mean"));
  NE_TRY(ne_check_non_negative(c->i_std, "config.i_std"));
  NE_TRY(ne_check_non_negative(c->obs_noise_std, "config.obs_noise_std"));
  NE_TRY(ne_check_finite(c->v_clip_lo, "config.v_clip_lo"));
  NE_TRY(ne_check_finite(c->v_clip_hi, "config.v_clip_hi"));
  if (!(c->v_clip_lo < c->v_clip_hi))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.v_clip_lo (%g) must be < config.v_clip_hi (%g)",
                   c->v_clip_lo, c->v_clip_hi);
  if (c->max_spikes < -1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.max_spikes must be >= -1, got %d", c->max_spikes);
  if (c->voltage_every < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.voltage_every must be >= 0, got %d",
                   c->voltage_every);
  if (c->n_threads < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_threads must be >= 0, got %d", c->n_threads);
  int level;
  NE_TRY(ne_simd_resolve(c->simd, "config.simd", &level));
  if (c->max_memory_bytes < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.max_memory_bytes must be >= 0, got %lld",
                   (long long)c->max_memory_bytes);
  double samples = ceil(c->t_ms / c->dt_ms);
  if (samples > (double)INT32_MAX)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.t_ms / config.dt_ms = %g samples exceeds %d",
                   samples, INT32_MAX);
  if (ceil(c->tref_ms / c->dt_ms) > (double)INT32_MAX - 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.tref_ms / config.dt_ms = %g steps is too large",
                   c->tref_ms / c->dt_ms);
  return NE_OK;
}

typedef struct lif_sizes {
  int64_t n_samples, n_voltage_samples, native_bytes;
  int32_t refractory_steps, max_possible_spikes, max_spikes;
} lif_sizes;

/* Derived sizes of a valid config. The seed's time grid is arange(0, T, dt),
 * so Lt = ceil(T/dt); its refractory counter starts at tref/dt and counts
 * down while > 0, which holds a neuron for ceil(tref/dt) samples. */
static ne_status lif_sizes_of(const ne_lif_batch_config *c, lif_sizes *s) {
  s->n_samples = (int64_t)ceil(c->t_ms / c->dt_ms);
  s->refractory_steps = (int32_t)ceil(c->tref_ms / c->dt_ms);
  s->n_voltage_samples =
      c->voltage_every > 0 ? (s->n_samples + c->voltage_every - 1) / c->voltage_every : 0;
  /* spikes are tested on samples 0 .. Lt-2, at least refractory+1 apart */
  int64_t tested = s->n_samples - 1;
  s->max_possible_spikes = (int32_t)((tested + s->refractory_steps) / ((int64_t)s->refractory_steps + 1));
  s->max_spikes = c->max_spikes < 0 ? s->max_possible_spikes : c->max_spikes;
  int64_t per_neuron = 3 * (int64_t)sizeof(double) + (int64_t)sizeof(ne_lif_coefficients) +
                       2 * (int64_t)sizeof(double) + 2 * (int64_t)sizeof(int32_t) +
                       (int64_t)s->max_spikes * (int64_t)sizeof(int32_t);
  NE_TRY(ne_mul_size(c->n_neurons, per_neuron, "config.n_neurons x bytes per neuron", &s->native_bytes));
  s->native_bytes += (int64_t)sizeof(struct ne_lif_batch);
  return NE_OK;
}

ne_status ne_lif_batch_estimate_bytes(const ne_lif_batch_config *config, int64_t *out_bytes) {
  NE_TRY(ne_check_not_null(out_bytes, "out_bytes"));
  NE_TRY(lif_validate_config(config));
  lif_sizes s;
  NE_TRY(lif_sizes_of(config, &s));
  *out_bytes = s.native_bytes;
  return ne_ok();
}

/* ---- create / destroy --------------------------------------------------- */

static const char *const lif_param_names[NE_LIF_N_PARAMS] = {"V_th",    "tau_m",  "g_L",
                                                             "V_reset", "V_init", "E_L"};

static ne_status lif_validate_params(const double *params, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    const double *p = params + i * NE_LIF_N_PARAMS;
    for (int j = 0; j < NE_LIF_N_PARAMS; ++j)
      if (!isfinite(p[j]))
        return ne_fail(NE_ERR_INVALID_ARGUMENT, "params[neuron %lld].%s must be finite, got %g",
                       (long long)i, lif_param_names[j], p[j]);
    if (!(p[NE_LIF_PARAM_TAU_M] > 0.0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params[neuron %lld].tau_m must be > 0, got %g",
                     (long long)i, p[NE_LIF_PARAM_TAU_M]);
    if (!(p[NE_LIF_PARAM_G_L] > 0.0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params[neuron %lld].g_L must be > 0, got %g",
                     (long long)i, p[NE_LIF_PARAM_G_L]);
    if (!(p[NE_LIF_PARAM_V_TH] > p[NE_LIF_PARAM_V_RESET]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "params[neuron %lld]: V_reset (%g) must be < V_th (%g)", (long long)i,
                     p[NE_LIF_PARAM_V_RESET], p[NE_LIF_PARAM_V_TH]);
  }
  return NE_OK;
}

void ne_lif_batch_destroy(ne_lif_batch *b) {
  if (b == NULL)
    return;
  ne_large_free(b->v_th);
  ne_large_free(b->v_reset);
  ne_large_free(b->e_l);
  ne_large_free(b->coef);
  ne_large_free(b->v);
  ne_large_free(b->sum_v);
  ne_large_free(b->refractory_left);
  ne_large_free(b->spike_count);
  ne_large_free(b->spike_steps);
  ne_team_destroy(b->team);
  free(b);
}

static void lif_set_coefficients(const ne_lif_batch_config *c, const double *p,
                                 ne_lif_coefficients *coef) {
  const double tau = p[NE_LIF_PARAM_TAU_M], g_l = p[NE_LIF_PARAM_G_L];
  if (c->scheme == NE_LIF_SCHEME_EULER_REFERENCE) {
    coef->p = c->dt_ms / tau;
    coef->q = c->i_mean / g_l;
    coef->r = c->i_std / g_l;
  } else {
    const double h = c->dt_ms / tau;
    const double sigma = c->i_std / g_l;
    coef->p = exp(-h);
    coef->q = p[NE_LIF_PARAM_E_L] + c->i_mean / g_l;
    /* sd of the exact OU step: (sigma/sqrt 2) sqrt(1 - e^{-2h}) */
    coef->r = sigma * sqrt(-expm1(-2.0 * h) / 2.0);
  }
}

ne_status ne_lif_batch_create(const ne_lif_batch_config *config, const double *params,
                              int64_t params_len, ne_lif_batch **out) {
  NE_TRY(ne_check_not_null(out, "out"));
  *out = NULL;
  NE_TRY(lif_validate_config(config));
  NE_TRY(ne_check_not_null(params, "params"));
  int64_t want;
  NE_TRY(ne_mul_size(config->n_neurons, NE_LIF_N_PARAMS, "config.n_neurons x 6 parameters", &want));
  NE_TRY(ne_check_length(params_len, want, "params"));
  lif_sizes s;
  NE_TRY(lif_sizes_of(config, &s));
  if (config->max_memory_bytes > 0 && s.native_bytes > config->max_memory_bytes)
    return ne_fail(NE_ERR_OUT_OF_MEMORY,
                   "the batch needs %lld bytes, more than config.max_memory_bytes = %lld",
                   (long long)s.native_bytes, (long long)config->max_memory_bytes);
  if ((uint64_t)s.native_bytes > (uint64_t)SIZE_MAX)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "the batch needs %lld bytes, more than this process can address",
                   (long long)s.native_bytes);
  NE_TRY(lif_validate_params(params, config->n_neurons));

  ne_lif_batch *b = calloc(1, sizeof *b);
  if (b == NULL)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory allocating the batch handle");
  const size_t n = (size_t)config->n_neurons;
  b->config = *config;
  b->n = config->n_neurons;
  b->n_samples = s.n_samples;
  b->n_voltage_samples = s.n_voltage_samples;
  b->refractory_steps = s.refractory_steps;
  b->max_possible_spikes = s.max_possible_spikes;
  b->max_spikes = s.max_spikes;
  b->native_bytes = s.native_bytes;
  ne_simd_resolve(config->simd, "config.simd", &b->simd_level); /* validated above */
  b->v_th = ne_large_alloc(n, sizeof(double));
  b->v_reset = ne_large_alloc(n, sizeof(double));
  b->e_l = ne_large_alloc(n, sizeof(double));
  b->coef = ne_large_alloc(n, sizeof(ne_lif_coefficients));
  b->v = ne_large_alloc(n, sizeof(double));
  b->sum_v = ne_large_calloc(n, sizeof(double));
  b->refractory_left = ne_large_calloc(n, sizeof(int32_t));
  b->spike_count = ne_large_calloc(n, sizeof(int32_t));
  b->spike_steps = s.max_spikes > 0 ? ne_large_alloc(n * (size_t)s.max_spikes, sizeof(int32_t)) : NULL;
  const int64_t blocks = ((int64_t)n + NE_LIF_LANES - 1) / NE_LIF_LANES; /* no use for more threads than blocks */
  const int threads = ne_resolve_threads(config->n_threads);
  b->team = ne_team_create(threads < blocks ? threads : (int)blocks);
  if (!b->team || !b->v_th || !b->v_reset || !b->e_l || !b->coef || !b->v || !b->sum_v || !b->refractory_left ||
      !b->spike_count || (s.max_spikes > 0 && !b->spike_steps)) {
    ne_lif_batch_destroy(b);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory allocating %lld bytes for %lld neurons",
                   (long long)s.native_bytes, (long long)config->n_neurons);
  }
  for (size_t i = 0; i < n; ++i) {
    const double *p = params + i * NE_LIF_N_PARAMS;
    b->v_th[i] = p[NE_LIF_PARAM_V_TH];
    b->v_reset[i] = p[NE_LIF_PARAM_V_RESET];
    b->e_l[i] = p[NE_LIF_PARAM_E_L];
    b->v[i] = p[NE_LIF_PARAM_V_INIT];
    lif_set_coefficients(config, p, &b->coef[i]);
  }
  if (b->spike_steps)
    for (size_t i = 0; i < n * (size_t)s.max_spikes; ++i)
      b->spike_steps[i] = -1;
  *out = b;
  return ne_ok();
}

ne_status ne_lif_batch_advance(ne_lif_batch *b, int64_t n_steps, float *voltage, int64_t voltage_len) {
  NE_TRY(ne_check_not_null(b, "batch"));
  const int64_t left = b->n_samples - b->samples_done;
  if (left == 0)
    return ne_fail(NE_ERR_INVALID_STATE, "the batch is finished: all %lld samples were simulated",
                   (long long)b->n_samples);
  if (n_steps < 1 || n_steps > left)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps must be in [1, %lld] (samples left), got %lld",
                   (long long)left, (long long)n_steps);
  if (b->n_voltage_samples > 0) {
    NE_TRY(ne_check_not_null(voltage, "voltage"));
    int64_t want;
    NE_TRY(ne_mul_size(b->n, b->n_voltage_samples, "n_neurons x voltage samples", &want));
    NE_TRY(ne_check_length(voltage_len, want, "voltage"));
  } else if (voltage != NULL || voltage_len != 0) {
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "voltage must be NULL with length 0 when voltage_every is 0, got length %lld",
                   (long long)voltage_len);
  }
  const int64_t k_begin = b->samples_done;
  switch (b->simd_level) {
  case NE_SIMD_AVX512: ne_lif_advance_avx512(b, k_begin, k_begin + n_steps, voltage); break;
  case NE_SIMD_AVX2: ne_lif_advance_avx2(b, k_begin, k_begin + n_steps, voltage); break;
  default: ne_lif_advance_baseline(b, k_begin, k_begin + n_steps, voltage); break;
  }
  b->samples_done += n_steps;
  return ne_ok();
}

/* ---- reads -------------------------------------------------------------- */

ne_status ne_lif_batch_info_get(const ne_lif_batch *b, ne_lif_batch_info *info) {
  NE_TRY(ne_check_not_null(b, "batch"));
  NE_TRY(ne_check_not_null(info, "info"));
  if (info->struct_size != sizeof(ne_lif_batch_info))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "info.struct_size is %u but this library expects %u (header/library mismatch)",
                   info->struct_size, (unsigned)sizeof(ne_lif_batch_info));
  info->refractory_steps = b->refractory_steps;
  info->n_neurons = b->n;
  info->n_samples = b->n_samples;
  info->samples_done = b->samples_done;
  info->n_voltage_samples = b->n_voltage_samples;
  info->max_possible_spikes = b->max_possible_spikes;
  info->max_spikes = b->max_spikes;
  info->native_bytes = b->native_bytes;
  return ne_ok();
}

ne_status ne_lif_batch_read_spike_counts(const ne_lif_batch *b, int32_t *counts, int64_t len) {
  NE_TRY(ne_check_not_null(b, "batch"));
  NE_TRY(ne_check_not_null(counts, "counts"));
  NE_TRY(ne_check_length(len, b->n, "counts"));
  memcpy(counts, b->spike_count, (size_t)b->n * sizeof(int32_t));
  return ne_ok();
}

ne_status ne_lif_batch_read_mean_v(const ne_lif_batch *b, double *mean_v, int64_t len) {
  NE_TRY(ne_check_not_null(b, "batch"));
  NE_TRY(ne_check_not_null(mean_v, "mean_v"));
  NE_TRY(ne_check_length(len, b->n, "mean_v"));
  if (b->samples_done == 0)
    return ne_fail(NE_ERR_INVALID_STATE, "mean_v is undefined before the first advance");
  for (int64_t i = 0; i < b->n; ++i)
    mean_v[i] = b->sum_v[i] / (double)b->samples_done;
  return ne_ok();
}

ne_status ne_lif_batch_read_spike_steps(const ne_lif_batch *b, int32_t *steps, int64_t steps_len,
                                        int32_t *overflowed, int64_t overflowed_len) {
  NE_TRY(ne_check_not_null(b, "batch"));
  int64_t want;
  NE_TRY(ne_mul_size(b->n, b->max_spikes, "n_neurons x max_spikes", &want));
  NE_TRY(ne_check_length(steps_len, want, "steps"));
  if (want > 0)
    NE_TRY(ne_check_not_null(steps, "steps"));
  NE_TRY(ne_check_not_null(overflowed, "overflowed"));
  NE_TRY(ne_check_length(overflowed_len, b->n, "overflowed"));
  if (want > 0)
    memcpy(steps, b->spike_steps, (size_t)want * sizeof(int32_t));
  for (int64_t i = 0; i < b->n; ++i)
    overflowed[i] = b->spike_count[i] > b->max_spikes;
  return ne_ok();
}

ne_status ne_lif_batch_read_v(const ne_lif_batch *b, double *v, int64_t len) {
  NE_TRY(ne_check_not_null(b, "batch"));
  NE_TRY(ne_check_not_null(v, "v"));
  NE_TRY(ne_check_length(len, b->n, "v"));
  memcpy(v, b->v, (size_t)b->n * sizeof(double));
  return ne_ok();
}
