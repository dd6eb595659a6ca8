/* Argument validation of ne_network_create: every field is checked before
 * anything is allocated, and the message names the field and its value. */
#include <math.h>
#include <stdint.h>

#include "../common/simd_level.h"
#include "../common/status.h"
#include "network_validate.h"

static ne_status check_init(uint32_t kind, double a, double b, int32_t index, const char *field) {
  if (kind != NE_INIT_CONSTANT && kind != NE_INIT_UNIFORM && kind != NE_INIT_NORMAL)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "populations[%d].%s_kind must be 0 (constant), 1 (uniform) or 2 (normal), got %u",
                   index, field, kind);
  if (!isfinite(a) || !isfinite(b))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].%s must be finite, got (%g, %g)", index,
                   field, a, b);
  if (kind == NE_INIT_UNIFORM && !(a <= b))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].%s uniform bounds need a <= b, got [%g, %g)",
                   index, field, a, b);
  if (kind == NE_INIT_NORMAL && b < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].%s normal sd must be >= 0, got %g", index,
                   field, b);
  return NE_OK;
}

#define POP_CHECK(test, what, value)                                                              \
  do {                                                                                            \
    if (!(test))                                                                                  \
      return ne_fail(NE_ERR_INVALID_ARGUMENT,                                                     \
                     "populations[%d].%s " what " (network %d, population %d), got %g", index, #value, \
                     k, p, (double)pop->value);                                                   \
  } while (0)

static ne_status check_population(const ne_network_config *c, int32_t k, int32_t p) {
  int32_t index = k * c->n_populations + p;
  const ne_network_population *pop = &c->populations[index];
  const ne_network_population *first = &c->populations[p];
  if (pop->struct_size != sizeof(ne_network_population))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "populations[%d].struct_size is %u but this library expects %u (header/library mismatch)",
                   index, pop->struct_size, (unsigned)sizeof(ne_network_population));
  POP_CHECK(pop->size >= 1, "must be >= 1", size);
  POP_CHECK(pop->size == first->size, "must equal network 0's size", size);
  POP_CHECK(pop->record_spikes >= -1, "must be -1 (all), 0 (none) or a count", record_spikes);
  POP_CHECK(pop->record_spikes == first->record_spikes, "must equal network 0's", record_spikes);
  if (pop->model || first->model) {
    POP_CHECK(isfinite(pop->t_ref_ms) && pop->t_ref_ms >= 0, "must be finite and >= 0", t_ref_ms);
    return ne_net_validate_model(c, k, p); /* the LIF fields are not used */
  }
  NE_TRY(check_init(pop->v_init_kind, pop->v_init_a, pop->v_init_b, index, "v_init"));
  POP_CHECK(isfinite(pop->tau_m_ms) && pop->tau_m_ms > 0, "must be finite and > 0", tau_m_ms);
  POP_CHECK(isfinite(pop->v_th), "must be finite", v_th);
  POP_CHECK(isfinite(pop->v_reset), "must be finite", v_reset);
  POP_CHECK(pop->v_reset < pop->v_th, "must be below v_th", v_reset);
  POP_CHECK(isfinite(pop->e_l), "must be finite", e_l);
  POP_CHECK(isfinite(pop->t_ref_ms) && pop->t_ref_ms >= 0, "must be finite and >= 0", t_ref_ms);
  POP_CHECK(isfinite(pop->i_dc), "must be finite", i_dc);
  if (c->synapse_type != NE_SYNAPSE_DELTA) {
    POP_CHECK(isfinite(pop->c_m_pf) && pop->c_m_pf > 0, "must be finite and > 0", c_m_pf);
    POP_CHECK(isfinite(pop->tau_exc_ms) && pop->tau_exc_ms > 0, "must be finite and > 0", tau_exc_ms);
    POP_CHECK(isfinite(pop->tau_inh_ms) && pop->tau_inh_ms > 0, "must be finite and > 0", tau_inh_ms);
  }
  if (c->synapse_type == NE_SYNAPSE_EXP_CONDUCTANCE) {
    POP_CHECK(isfinite(pop->e_exc), "must be finite", e_exc);
    POP_CHECK(isfinite(pop->e_inh), "must be finite", e_inh);
    NE_TRY(check_init(pop->g_exc_init_kind, pop->g_exc_init_a, pop->g_exc_init_b, index, "g_exc_init"));
    NE_TRY(check_init(pop->g_inh_init_kind, pop->g_inh_init_a, pop->g_inh_init_b, index, "g_inh_init"));
  }
  return NE_OK;
}

static ne_status check_projection(const ne_network_config *c, int32_t i, const int64_t *sizes,
                                  uint8_t *seen_pairs) {
  const ne_network_projection *pr = &c->projections[i];
  if (pr->struct_size != sizeof(ne_network_projection))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "projections[%d].struct_size is %u but this library expects %u (header/library mismatch)",
                   i, pr->struct_size, (unsigned)sizeof(ne_network_projection));
  if (pr->rule != NE_CONNECT_FIXED_INDEGREE && pr->rule != NE_CONNECT_PAIRWISE_BERNOULLI)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "projections[%d].rule must be 0 (fixed_indegree) or 1 (pairwise_bernoulli), got %u", i,
                   pr->rule);
  if (pr->source < 0 || pr->source >= c->n_populations)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].source must be a population index in [0, %d), got %d",
                   i, c->n_populations, pr->source);
  if (pr->target < 0 || pr->target >= c->n_populations)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].target must be a population index in [0, %d), got %d",
                   i, c->n_populations, pr->target);
  uint8_t *seen = &seen_pairs[pr->source * c->n_populations + pr->target];
  if (*seen)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "projections[%d] connects population %d to %d again: give one projection per pair", i,
                   pr->source, pr->target);
  *seen = 1;
  int64_t n_eff = sizes[pr->source] - (pr->source == pr->target && !pr->allow_autapses ? 1 : 0);
  if (pr->rule == NE_CONNECT_FIXED_INDEGREE) {
    if (pr->indegree < 0)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].indegree must be >= 0, got %d", i, pr->indegree);
    if (!pr->allow_multapses && pr->indegree > n_eff)
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "projections[%d].indegree (%d) exceeds the %lld distinct sources available without "
                     "multapses", i, pr->indegree, (long long)n_eff);
    if (pr->indegree > 0 && n_eff < 1)
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "projections[%d].indegree is %d but the source population has no neuron other than the "
                     "target (autapses are excluded)", i, pr->indegree);
  } else if (!(pr->probability >= 0.0 && pr->probability <= 1.0)) {
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].probability must be in [0, 1], got %g", i,
                   pr->probability);
  }
  if (!isfinite(pr->delay_ms) || pr->delay_ms < c->dt_ms * (1.0 - 1e-9))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].delay_ms must be >= dt_ms (%g), got %g", i,
                   c->dt_ms, pr->delay_ms);
  if (!isfinite(pr->delay_max_ms))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].delay_max_ms must be finite, got %g", i, pr->delay_max_ms);
  if (pr->delay_max_ms > pr->delay_ms && pr->delay_max_ms / c->dt_ms > 65535.0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "projections[%d].delay_max_ms (%g) is more than 65535 steps of %g ms (per-synapse delays are 16-bit)", i,
                   pr->delay_max_ms, c->dt_ms);
  if (pr->delay_ms / c->dt_ms > 1e6)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "projections[%d].delay_ms (%g) is more than 1e6 steps of %g ms", i,
                   pr->delay_ms, c->dt_ms);
  for (int32_t k = 0; k < c->n_networks; ++k) {
    double w = c->weights[(int64_t)k * c->n_projections + i];
    if (!isfinite(w))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "weights[%lld] (network %d, projection %d) must be finite, got %g",
                     (long long)k * c->n_projections + i, k, i, w);
  }
  return NE_OK;
}

static ne_status check_drive(const ne_network_config *c, int64_t index) {
  const ne_network_drive *d = &c->drives[index];
  if (d->struct_size != sizeof(ne_network_drive))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "drives[%lld].struct_size is %u but this library expects %u (header/library mismatch)",
                   (long long)index, d->struct_size, (unsigned)sizeof(ne_network_drive));
  if (d->target < 0 || d->target >= c->n_populations)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "drives[%lld].target must be a population index in [0, %d), got %d",
                   (long long)index, c->n_populations, d->target);
  if (!isfinite(d->rate_hz) || d->rate_hz < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "drives[%lld].rate_hz must be finite and >= 0, got %g",
                   (long long)index, d->rate_hz);
  if (d->rate_hz * c->dt_ms / 1000.0 > 10000.0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "drives[%lld].rate_hz (%g) gives more than 10000 events per step of %g ms; use a DC input",
                   (long long)index, d->rate_hz, c->dt_ms);
  if (!isfinite(d->weight))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "drives[%lld].weight must be finite, got %g", (long long)index,
                   d->weight);
  return NE_OK;
}

static ne_status check_stimulus(const ne_network_config *c, int64_t index) {
  const ne_network_stimulus *s = &c->stimuli[index];
  if (s->struct_size != sizeof(ne_network_stimulus))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "stimuli[%lld].struct_size is %u but this library expects %u (header/library mismatch)",
                   (long long)index, s->struct_size, (unsigned)sizeof(ne_network_stimulus));
  if (s->shape > NE_STIMULUS_DIFF2EXP)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "stimuli[%lld].shape must be 0 (box), 1 (linear) or 2 (diff2exp), got %u",
                   (long long)index, s->shape);
  if (s->target < 0 || s->target >= c->n_populations)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "stimuli[%lld].target must be a population index in [0, %d), got %d",
                   (long long)index, c->n_populations, s->target);
  if (!isfinite(s->onset_ms) || s->onset_ms < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "stimuli[%lld].onset_ms must be finite and >= 0, got %g",
                   (long long)index, s->onset_ms);
  if (!isfinite(s->duration_ms) || s->duration_ms <= 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "stimuli[%lld].duration_ms must be finite and > 0, got %g",
                   (long long)index, s->duration_ms);
  if (!isfinite(s->amplitude))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "stimuli[%lld].amplitude must be finite, got %g", (long long)index,
                   s->amplitude);
  if (s->shape == NE_STIMULUS_DIFF2EXP &&
      !(s->tau_rise_ms > 0 && s->tau_decay_ms > s->tau_rise_ms && isfinite(s->tau_decay_ms)))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "stimuli[%lld] diff2exp needs 0 < tau_rise_ms < tau_decay_ms, got %g and %g", (long long)index,
                   s->tau_rise_ms, s->tau_decay_ms);
  return NE_OK;
}

ne_status ne_net_validate_config(const ne_network_config *c, int64_t *sizes, uint8_t *seen_pairs) {
  for (int32_t p = 0; p < c->n_populations; ++p) {
    for (int32_t k = 0; k < c->n_networks; ++k)
      NE_TRY(check_population(c, k, p));
    sizes[p] = c->populations[p].size;
  }
  for (int32_t i = 0; i < c->n_projections; ++i)
    NE_TRY(check_projection(c, i, sizes, seen_pairs));
  for (int64_t i = 0; i < (int64_t)c->n_networks * c->n_drives; ++i)
    NE_TRY(check_drive(c, i));
  for (int64_t i = 0; i < (int64_t)c->n_networks * c->n_stimuli; ++i)
    NE_TRY(check_stimulus(c, i));
  return NE_OK;
}

ne_status ne_net_validate_header(const ne_network_config *c) {
  NE_TRY(ne_check_not_null(c, "config"));
  if (c->struct_size != sizeof(ne_network_config))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "config.struct_size is %u but this library expects %u (header/library mismatch)",
                   c->struct_size, (unsigned)sizeof(ne_network_config));
  if (c->synapse_type > NE_SYNAPSE_EXP_CONDUCTANCE)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "config.synapse_type must be 0 (delta), 1 (exp_current) or 2 (exp_conductance), got %u",
                   c->synapse_type);
  if (c->n_networks < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_networks must be >= 1, got %d", c->n_networks);
  if (c->n_populations < 1 || c->n_populations > 65536)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_populations must be in [1, 65536], got %d", c->n_populations);
  if (c->n_projections < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_projections must be >= 0, got %d", c->n_projections);
  if (c->n_drives < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_drives must be >= 0, got %d", c->n_drives);
  if (c->n_stimuli < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_stimuli must be >= 0, got %d", c->n_stimuli);
  if (c->n_threads < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_threads must be >= 0 (0 = default), got %d", c->n_threads);
  if (c->sample_every < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.sample_every must be >= 0 (0 = off), got %d", c->sample_every);
  if (c->max_memory_bytes < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.max_memory_bytes must be >= 0 (0 = no cap), got %lld",
                   (long long)c->max_memory_bytes);
  NE_TRY(ne_check_positive(c->dt_ms, "config.dt_ms"));
  int level;
  NE_TRY(ne_simd_resolve(c->simd, "config.simd", &level));
  if (c->precision != NE_PRECISION_FLOAT64 && c->precision != NE_PRECISION_FLOAT32)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.precision must be 0 (float64) or 1 (float32), got %u", c->precision);
  NE_TRY(ne_check_not_null(c->seeds, "config.seeds"));
  NE_TRY(ne_check_not_null(c->populations, "config.populations"));
  if (c->n_projections > 0) {
    NE_TRY(ne_check_not_null(c->projections, "config.projections"));
    NE_TRY(ne_check_not_null(c->weights, "config.weights"));
  }
  if (c->n_drives > 0)
    NE_TRY(ne_check_not_null(c->drives, "config.drives"));
  if (c->n_stimuli > 0)
    NE_TRY(ne_check_not_null(c->stimuli, "config.stimuli"));
  return NE_OK;
}
