/* The LIF network handle's C API after create: advance (with its chunk
 * buffers), info and the read functions. */
#include <stdlib.h>
#include <string.h>

#include "../common/status.h"
#include "network_internal.h"

static ne_status check_net(const ne_network *net) {
  NE_TRY(ne_check_not_null(net, "net"));
  if (net->failed)
    return ne_fail(NE_ERR_INVALID_STATE,
                   "a previous ne_network_advance failed part-way; destroy this network and create a new one");
  return NE_OK;
}

ne_status ne_network_advance(ne_network *net, int64_t n_steps) {
  NE_TRY(check_net(net));
  if (n_steps < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps must be >= 1, got %lld", (long long)n_steps);
  if (n_steps > INT64_MAX / 4 - net->steps_done)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps (%lld) would overflow the step counter", (long long)n_steps);
  const int64_t kp = (int64_t)net->K * net->P;
  const int64_t s0 = net->steps_done;
  const int64_t samples = net->sample_every > 0
                              ? (s0 + n_steps) / net->sample_every - s0 / net->sample_every
                              : 0;
  int64_t count_cells, sum_cells;
  NE_TRY(ne_mul_size(n_steps, kp, "n_steps x networks x populations", &count_cells));
  NE_TRY(ne_mul_size(samples, kp * NE_NET_N_OBS, "samples x networks x populations", &sum_cells));
  int64_t chunk_bytes = count_cells * (int64_t)sizeof(int32_t) + sum_cells * (int64_t)sizeof(double);
  if (net->max_memory_bytes > 0 && chunk_bytes + net->state_bytes + net->connectivity_bytes > net->max_memory_bytes)
    return ne_fail(NE_ERR_OUT_OF_MEMORY,
                   "the records of %lld steps (%lld bytes) would exceed config.max_memory_bytes (%lld); advance "
                   "fewer steps per call", (long long)n_steps, (long long)chunk_bytes,
                   (long long)net->max_memory_bytes);
  if (count_cells > net->chunk_counts_capacity) {
    int32_t *counts = realloc(net->chunk_counts, (size_t)count_cells * sizeof *counts);
    if (!counts)
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the population counts of %lld steps",
                     (long long)n_steps);
    net->chunk_counts = counts;
    net->chunk_counts_capacity = count_cells;
  }
  if (sum_cells > net->chunk_sums_capacity) {
    double *sums = realloc(net->chunk_sums, (size_t)sum_cells * sizeof *sums);
    if (!sums)
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %lld population samples", (long long)samples);
    net->chunk_sums = sums;
    net->chunk_sums_capacity = sum_cells;
  }
  net->chunk_first_step = s0;
  net->chunk_steps = 0;
  net->chunk_samples = 0;
  net->rec_n = 0;
  NE_TRY(ne_net_advance(net, n_steps));
  net->chunk_steps = n_steps;
  net->chunk_samples = samples;
  return ne_ok();
}

ne_status ne_network_info_get(const ne_network *net, ne_network_info *info) {
  NE_TRY(ne_check_not_null(net, "net"));
  NE_TRY(ne_check_not_null(info, "info"));
  if (info->struct_size != sizeof(ne_network_info))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "info.struct_size is %u but this library expects %u (header/library mismatch)",
                   info->struct_size, (unsigned)sizeof(ne_network_info));
  info->n_networks = net->K;
  info->n_populations = net->P;
  info->ring_slots = net->ring_slots;
  info->neurons = net->N;
  info->synapses = net->n_synapses;
  info->connectivity_bytes = net->connectivity_bytes;
  info->native_bytes = net->connectivity_bytes + net->state_bytes +
                       net->chunk_counts_capacity * (int64_t)sizeof(int32_t) +
                       net->chunk_sums_capacity * (int64_t)sizeof(double) +
                       net->rec_capacity * (int64_t)(2 * sizeof(int32_t) + sizeof(int64_t));
  info->steps_done = net->steps_done;
  info->chunk_first_step = net->chunk_first_step;
  info->chunk_steps = net->chunk_steps;
  info->chunk_spikes = net->rec_n;
  info->chunk_samples = net->chunk_samples;
  return ne_ok();
}

static ne_status check_len(int64_t len, int64_t need, const char *name) {
  if (len < need)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s holds %lld values but %lld are needed", name, (long long)len,
                   (long long)need);
  return NE_OK;
}

ne_status ne_network_read_spikes(const ne_network *net, int32_t *network, int32_t *neuron, int64_t *step,
                                 int64_t len) {
  NE_TRY(check_net(net));
  NE_TRY(check_len(len, net->rec_n, "len"));
  if (net->rec_n == 0)
    return ne_ok();
  NE_TRY(ne_check_not_null(network, "network"));
  NE_TRY(ne_check_not_null(neuron, "neuron"));
  NE_TRY(ne_check_not_null(step, "step"));
  memcpy(network, net->rec_network, (size_t)net->rec_n * sizeof *network);
  memcpy(neuron, net->rec_neuron, (size_t)net->rec_n * sizeof *neuron);
  memcpy(step, net->rec_step, (size_t)net->rec_n * sizeof *step);
  return ne_ok();
}

ne_status ne_network_read_population_counts(const ne_network *net, int32_t *counts, int64_t len) {
  NE_TRY(check_net(net));
  int64_t need = net->chunk_steps * net->K * net->P;
  NE_TRY(check_len(len, need, "len"));
  if (need == 0)
    return ne_ok();
  NE_TRY(ne_check_not_null(counts, "counts"));
  memcpy(counts, net->chunk_counts, (size_t)need * sizeof *counts);
  return ne_ok();
}

ne_status ne_network_read_samples(const ne_network *net, double *sums, int64_t len) {
  NE_TRY(check_net(net));
  int64_t need = net->chunk_samples * net->K * net->P * NE_NET_N_OBS;
  NE_TRY(check_len(len, need, "len"));
  if (need == 0)
    return ne_ok();
  NE_TRY(ne_check_not_null(sums, "sums"));
  memcpy(sums, net->chunk_sums, (size_t)need * sizeof *sums);
  return ne_ok();
}

ne_status ne_network_read_spike_counts(const ne_network *net, int64_t *counts, int64_t len) {
  NE_TRY(check_net(net));
  NE_TRY(check_len(len, net->KN, "len"));
  NE_TRY(ne_check_not_null(counts, "counts"));
  memcpy(counts, net->spike_count, (size_t)net->KN * sizeof *counts);
  return ne_ok();
}

ne_status ne_network_read_state(const ne_network *net, uint32_t variable, double *values, int64_t len) {
  NE_TRY(check_net(net));
  NE_TRY(check_len(len, net->KN, "len"));
  NE_TRY(ne_check_not_null(values, "values"));
  switch (variable) {
  case NE_NET_STATE_V:
  case NE_NET_STATE_EXC:
  case NE_NET_STATE_INH: {
    const double *d = variable == NE_NET_STATE_V ? net->v : variable == NE_NET_STATE_EXC ? net->x_exc : net->x_inh;
    const float *f = variable == NE_NET_STATE_V ? net->v32 : variable == NE_NET_STATE_EXC ? net->x_exc32 : net->x_inh32;
    for (int64_t i = 0; i < net->KN; ++i)
      values[i] = net->single ? (double)f[i] : d[i];
    break;
  }
  case NE_NET_STATE_REFRACTORY:
    for (int64_t i = 0; i < net->KN; ++i)
      values[i] = net->refractory[i];
    break;
  default:
    if (variable >= NE_NET_STATE_MODEL && variable < NE_NET_STATE_MODEL + NE_NET_MODEL_MAX_STATE) {
      NE_TRY(ne_net_read_model_state(net, (int32_t)(variable - NE_NET_STATE_MODEL), values));
      break;
    }
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "variable must be 0 (V), 1 (exc), 2 (inh), 3 (refractory) or 16 + j (state variable j of a user "
                   "neuron model), got %u",
                   variable);
  }
  return ne_ok();
}

ne_status ne_network_read_targets(const ne_network *net, int64_t source, int32_t *targets, int64_t len,
                                  int64_t *count) {
  NE_TRY(ne_check_not_null(net, "net"));
  NE_TRY(ne_check_not_null(count, "count"));
  if (source < 0 || source >= net->N)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "source must be a neuron id in [0, %lld), got %lld", (long long)net->N,
                   (long long)source);
  int64_t n = net->offsets[source + 1] - net->offsets[source];
  *count = n;
  if (targets == NULL && len == 0)
    return ne_ok();
  NE_TRY(check_len(len, n, "len"));
  NE_TRY(ne_check_not_null(targets, "targets"));
  for (int64_t i = 0; i < n; ++i)
    targets[i] = (int32_t)net->targets[net->offsets[source] + i];
  return ne_ok();
}

ne_status ne_network_read_target_delays(const ne_network *net, int64_t source, int32_t *delay_steps, int64_t len,
                                        int64_t *count) {
  NE_TRY(ne_network_read_targets(net, source, NULL, 0, count));
  if (delay_steps == NULL && len == 0)
    return ne_ok();
  NE_TRY(check_len(len, *count, "len"));
  NE_TRY(ne_check_not_null(delay_steps, "delay_steps"));
  const int64_t first = net->offsets[source];
  for (int64_t i = 0; i < *count; ++i) {
    if (net->syn_delay) {
      delay_steps[i] = net->syn_delay[first + i];
    } else {
      /* the delay of the projection from the source's population to the target's */
      int32_t p = ne_net_population_of(net, source), q = ne_net_population_of(net, net->targets[first + i]);
      delay_steps[i] = net->delay_steps[net->proj_of_pair[p * net->P + q]];
    }
  }
  return ne_ok();
}
