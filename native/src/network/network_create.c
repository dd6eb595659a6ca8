/* ne_network_create / ne_network_destroy: derived constants, memory plan,
 * thread partition, connectivity and initial state. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/normal_math.h"
#include "../common/philox_math.h"
#include "../common/simd_level.h"
#include "../common/status.h"
#include "../common/threading.h"
#include "network_internal.h"
#include "network_validate.h"

void ne_network_destroy(ne_network *net) {
  if (!net)
    return;
  free(net->pop_first);
  free(net->record_first);
  free(net->seeds);
  free(net->pop);
  free(net->proj_of_pair);
  free(net->delay_steps);
  free(net->spread);
  free(net->delay_min_ms);
  free(net->delay_max_ms);
  free(net->syn_delay);
  free(net->weights);
  free(net->drives);
  free(net->stimuli);
  free(net->offsets);
  free(net->targets);
  free(net->v);
  free(net->x_exc);
  free(net->x_inh);
  free(net->v32);
  free(net->x_exc32);
  free(net->x_inh32);
  free(net->ring_exc32);
  free(net->ring_inh32);
  free(net->refractory);
  free(net->spike_count);
  free(net->poisson_cache);
  free(net->ring_exc);
  free(net->ring_inh);
  free(net->segments);
  ne_team_destroy(net->team);
  if (net->threads) {
    for (int t = 0; t < net->n_threads; ++t)
      for (int b = 0; b < 2; ++b) {
        free(net->threads[t].spikes[b]);
        free(net->threads[t].step_end[b]);
        free(net->threads[t].counts[b]);
      }
    free(net->threads);
  }
  free(net->partial[0]);
  free(net->partial[1]);
  free(net->chunk_counts);
  free(net->chunk_sums);
  free(net->rec_network);
  free(net->rec_neuron);
  free(net->rec_step);
  ne_net_free_models(net);
  free(net);
}

static ne_net_pop_params derive_population(const ne_network_population *pop, uint32_t synapse_type,
                                           double dt) {
  ne_net_pop_params d;
  memset(&d, 0, sizeof d);
  if (pop->model) { /* a user model: only the refractory period is the engine's */
    d.ref_steps = (int32_t)llround(pop->t_ref_ms / dt);
    return d;
  }
  d.e_l = pop->e_l;
  d.v_th = pop->v_th;
  d.v_reset = pop->v_reset;
  d.p22 = exp(-dt / pop->tau_m_ms);
  double leak_gain = -pop->tau_m_ms * expm1(-dt / pop->tau_m_ms); /* tau_m (1 - p22) */
  d.i_dc = pop->i_dc;
  d.ref_steps = (int32_t)llround(pop->t_ref_ms / dt);
  if (synapse_type == NE_SYNAPSE_DELTA) {
    d.p20 = leak_gain;
  } else {
    d.p20 = leak_gain / pop->c_m_pf;
    if (synapse_type == NE_SYNAPSE_EXP_CONDUCTANCE) {
      /* the COBA benchmark is defined with Euler on every variable (Brian2's example) */
      d.p11_exc = 1.0 - dt / pop->tau_exc_ms;
      d.p11_inh = 1.0 - dt / pop->tau_inh_ms;
    } else {
      d.p11_exc = exp(-dt / pop->tau_exc_ms);
      d.p11_inh = exp(-dt / pop->tau_inh_ms);
    }
    d.p21_exc = ne_net_p21(dt, pop->tau_m_ms, pop->tau_exc_ms, pop->c_m_pf);
    d.p21_inh = ne_net_p21(dt, pop->tau_m_ms, pop->tau_inh_ms, pop->c_m_pf);
    d.dt_over_cm = dt / pop->c_m_pf;
    d.g_l = pop->c_m_pf / pop->tau_m_ms;
    d.e_exc = pop->e_exc;
    d.e_inh = pop->e_inh;
  }
  return d;
}

/* A value of an initial-state distribution from two words (uniform) or a
 * normal variate. */
static double draw_initial(uint32_t kind, double a, double b, uint32_t w0, uint32_t w1, float normal) {
  switch (kind) {
  case NE_INIT_UNIFORM:
    return a + (b - a) * ne_u64_to_unit_double(w0, w1);
  case NE_INIT_NORMAL:
    return a + b * (double)normal;
  default:
    return a;
  }
}

/* Initial value of one state variable (element 0: V, 1: g_exc, 2: g_inh) of
 * neuron i, from Philox block (0, element, i, INIT) under the network's seed. */
double ne_net_draw_initial_element(uint64_t seed, uint32_t neuron, uint32_t element, uint32_t kind, double a,
                                   double b) {
  uint32_t w[4];
  float n[4];
  ne_philox4x32_10_block(0, element, neuron, NE_NET_TAG_INIT, (uint32_t)seed, (uint32_t)(seed >> 32), &w[0], &w[1],
                         &w[2], &w[3]);
  ne_normal4(w[0], w[1], w[2], w[3], &n[0], &n[1], &n[2], &n[3]);
  return draw_initial(kind, a, b, w[0], w[1], n[0]);
}

typedef struct init_job {
  ne_network *net;
  const ne_network_config *config;
} init_job;

/* A member's static share of the neurons (each neuron's draws are its own). */
static void initialise_share(void *ctx, int thread, int n_threads) {
  ne_network *net = ((init_job *)ctx)->net;
  const ne_network_config *config = ((init_job *)ctx)->config;
  int64_t first, end;
  ne_static_share(net->KN, thread, n_threads, &first, &end);
  for (int64_t g = first; g < end; ++g) {
    int32_t k = (int32_t)(g / net->N);
    int64_t i = g - (int64_t)k * net->N;
    int32_t p = ne_net_population_of(net, i);
    const ne_network_population *pop = &config->populations[(int64_t)k * net->P + p];
    uint64_t seed = net->seeds[k];
    net->refractory[g] = 0;
    net->spike_count[g] = 0;
    if (net->model_max_state > 0)
      ne_net_initialise_model_neuron(net, pop, g, i);
    if (pop->model) { /* float64 only; the LIF synaptic variables stay 0 */
      net->x_exc[g] = 0.0;
      net->x_inh[g] = 0.0;
      continue;
    }
    double v = ne_net_draw_initial_element(seed, (uint32_t)i, 0, pop->v_init_kind, pop->v_init_a, pop->v_init_b);
    double ge = 0.0, gi = 0.0;
    if (net->synapse_type == NE_SYNAPSE_EXP_CONDUCTANCE) {
      ge = ne_net_draw_initial_element(seed, (uint32_t)i, 1, pop->g_exc_init_kind, pop->g_exc_init_a, pop->g_exc_init_b);
      gi = ne_net_draw_initial_element(seed, (uint32_t)i, 2, pop->g_inh_init_kind, pop->g_inh_init_a, pop->g_inh_init_b);
    }
    if (net->single) {
      net->v32[g] = (float)v;
      net->x_exc32[g] = (float)ge;
      net->x_inh32[g] = (float)gi;
    } else {
      net->v[g] = v;
      net->x_exc[g] = ge;
      net->x_inh[g] = gi;
    }
    net->refractory[g] = 0;
    net->spike_count[g] = 0;
  }
}

static void initialise_state(ne_network *net, const ne_network_config *config) {
  init_job job = {net, config};
  ne_team_run(net->team, initialise_share, &job);
}

/* Segments of at most NE_NET_SEGMENT neurons inside each (network,
 * population), in global order, and a balanced split of them over threads. */
static ne_status plan_segments(ne_network *net) {
  int64_t n = 0;
  for (int32_t p = 0; p < net->P; ++p) {
    int64_t size = net->pop_first[p + 1] - net->pop_first[p];
    n += (size + NE_NET_SEGMENT - 1) / NE_NET_SEGMENT;
  }
  n *= net->K;
  net->segments = malloc((size_t)n * sizeof *net->segments);
  if (!net->segments)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %lld neuron segments", (long long)n);
  int64_t s = 0;
  for (int32_t k = 0; k < net->K; ++k)
    for (int32_t p = 0; p < net->P; ++p)
      for (int64_t i = net->pop_first[p]; i < net->pop_first[p + 1]; i += NE_NET_SEGMENT) {
        int64_t end = i + NE_NET_SEGMENT < net->pop_first[p + 1] ? i + NE_NET_SEGMENT : net->pop_first[p + 1];
        net->segments[s].first = (int64_t)k * net->N + i;
        net->segments[s].length = (int32_t)(end - i);
        net->segments[s].kp = k * net->P + p;
        ++s;
      }
  net->n_segments = n;
  int64_t seg = 0;
  for (int t = 0; t < net->n_threads; ++t) {
    ne_net_thread *th = &net->threads[t];
    int64_t until = net->KN * (t + 1) / net->n_threads;
    th->seg_first = seg;
    while (seg < n && (t == net->n_threads - 1 || net->segments[seg].first < until))
      ++seg;
    th->seg_end = seg;
    th->lo = th->seg_first < n ? net->segments[th->seg_first].first : net->KN;
    th->hi = th->seg_end > th->seg_first
                 ? net->segments[th->seg_end - 1].first + net->segments[th->seg_end - 1].length
                 : th->lo;
  }
  return NE_OK;
}

static ne_status copy_config(ne_network *net, const ne_network_config *c) {
  const int32_t K = c->n_networks, P = c->n_populations;
  const double dt = c->dt_ms;
  net->pop_first = malloc((size_t)(P + 1) * sizeof *net->pop_first);
  net->record_first = malloc((size_t)P * sizeof *net->record_first);
  net->seeds = malloc((size_t)K * sizeof *net->seeds);
  net->pop = malloc((size_t)K * (size_t)P * sizeof *net->pop);
  net->proj_of_pair = malloc((size_t)P * (size_t)P * sizeof *net->proj_of_pair);
  net->delay_steps = malloc((size_t)(c->n_projections + 1) * sizeof *net->delay_steps);
  net->spread = calloc((size_t)(c->n_projections + 1), sizeof *net->spread);
  net->delay_min_ms = malloc((size_t)(c->n_projections + 1) * sizeof *net->delay_min_ms);
  net->delay_max_ms = malloc((size_t)(c->n_projections + 1) * sizeof *net->delay_max_ms);
  net->weights = malloc((size_t)K * (size_t)(c->n_projections + 1) * sizeof *net->weights);
  net->drives = malloc((size_t)K * (size_t)(c->n_drives + 1) * sizeof *net->drives);
  net->stimuli = malloc((size_t)K * (size_t)(c->n_stimuli + 1) * sizeof *net->stimuli);
  if (!net->pop_first || !net->record_first || !net->seeds || !net->pop || !net->proj_of_pair ||
      !net->delay_steps || !net->spread || !net->delay_min_ms || !net->delay_max_ms || !net->weights || !net->drives || !net->stimuli)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the network's parameter tables");

  net->pop_first[0] = 0;
  for (int32_t p = 0; p < P; ++p) {
    net->pop_first[p + 1] = net->pop_first[p] + c->populations[p].size;
    int32_t r = c->populations[p].record_spikes;
    net->record_first[p] = r < 0 || r > c->populations[p].size ? c->populations[p].size : r;
  }
  memcpy(net->seeds, c->seeds, (size_t)K * sizeof *net->seeds);
  for (int64_t i = 0; i < (int64_t)K * P; ++i)
    net->pop[i] = derive_population(&c->populations[i], c->synapse_type, dt);
  for (int64_t i = 0; i < (int64_t)P * P; ++i)
    net->proj_of_pair[i] = -1;
  int32_t max_delay = 1, min_delay = NE_NET_MAX_WINDOW;
  for (int32_t i = 0; i < c->n_projections; ++i) {
    const ne_network_projection *pr = &c->projections[i];
    net->proj_of_pair[pr->source * P + pr->target] = i;
    int64_t steps = llround(pr->delay_ms / dt);
    net->delay_steps[i] = (int32_t)(steps < 1 ? 1 : steps);
    if (net->delay_steps[i] > max_delay)
      max_delay = net->delay_steps[i];
    if (net->delay_steps[i] < min_delay) /* per-synapse delays are never below it */
      min_delay = net->delay_steps[i];
    net->delay_min_ms[i] = pr->delay_ms;
    net->delay_max_ms[i] = pr->delay_ms;
    if (pr->delay_max_ms > pr->delay_ms) {
      net->spread[i] = 1;
      net->delay_max_ms[i] = pr->delay_max_ms;
      int64_t longest = llround(pr->delay_max_ms / dt);
      if (longest > max_delay)
        max_delay = (int32_t)longest;
    }
  }
  net->ring_slots = max_delay + 1;
  /* a spike of step s arrives at s + delay >= s + min_delay: threads may
   * update min_delay steps before they need each other's spikes. The window's
   * deliveries come after all its updates and reach slots up to
   * max_delay - 1 past its end, all consumed slots apart, so max_delay + 1
   * slots still suffice. */
  net->window = min_delay;
  if (c->n_projections > 0)
    memcpy(net->weights, c->weights, (size_t)K * (size_t)c->n_projections * sizeof *net->weights);
  for (int64_t i = 0; i < (int64_t)K * c->n_drives; ++i) {
    const ne_network_drive *d = &c->drives[i];
    double mean = d->rate_hz * dt / 1000.0;
    int32_t parts = (int32_t)ceil(mean / NE_NET_POISSON_SPLIT);
    if (parts < 1)
      parts = 1;
    net->drives[i].target = d->target;
    net->drives[i].parts = parts;
    net->drives[i].lambda = mean / parts;
    ne_poisson_cdf_table(mean / parts, net->drives[i].cdf);
    net->drives[i].table_length = ne_poisson_table_length(net->drives[i].cdf);
    net->drives[i].weight = d->weight;
  }
  for (int64_t i = 0; i < (int64_t)K * c->n_stimuli; ++i) {
    const ne_network_stimulus *s = &c->stimuli[i];
    ne_net_stimulus_params *o = &net->stimuli[i];
    o->target = s->target;
    o->shape = s->shape;
    o->first_step = llround(s->onset_ms / dt);
    o->n_steps = llround(s->duration_ms / dt);
    if (o->n_steps < 1)
      o->n_steps = 1;
    o->duration_ms = s->duration_ms;
    o->amplitude = s->amplitude;
    o->tau_rise_ms = s->tau_rise_ms;
    o->tau_decay_ms = s->tau_decay_ms;
    o->gamma = s->shape == NE_STIMULUS_DIFF2EXP ? ne_diff2exp_gamma(s->tau_rise_ms, s->tau_decay_ms) : 1.0;
  }
  return NE_OK;
}

/* Bytes of state, ring buffers and per-thread scratch (connectivity apart). */
static int64_t state_bytes(const ne_network *net) {
  int64_t kn = net->KN;
  int64_t channels = net->synapse_type == NE_SYNAPSE_DELTA ? 1 : 2;
  int64_t real = net->single ? 4 : 8;
  int64_t per_neuron = 3 * real + (net->model_max_state > 1 ? net->model_max_state - 1 : 0) * 8 + 4 + 8 + 8 * (int64_t)net->n_drives + channels * real * net->ring_slots + 2 * 4;
  int64_t segments = net->KN / NE_NET_SEGMENT + (int64_t)net->K * net->P + 1;
  return kn * per_neuron + segments * (int64_t)(sizeof(ne_net_segment) + 2 * net->window * NE_NET_N_OBS * 8) +
         (int64_t)net->n_threads * 2 * net->window * (4 * net->K * net->P + 8);
}

static ne_status allocate_state(ne_network *net) {
  size_t kn = (size_t)net->KN;
  int exp_types = net->synapse_type != NE_SYNAPSE_DELTA;
  if (net->single) {
    net->v32 = malloc(kn * sizeof *net->v32);
    net->x_exc32 = malloc(kn * sizeof *net->x_exc32);
    net->x_inh32 = malloc(kn * sizeof *net->x_inh32);
    net->ring_exc32 = calloc(kn * (size_t)net->ring_slots, sizeof *net->ring_exc32);
    net->ring_inh32 = exp_types ? calloc(kn * (size_t)net->ring_slots, sizeof *net->ring_inh32) : NULL;
    if (!net->v32 || !net->x_exc32 || !net->x_inh32 || !net->ring_exc32 || (exp_types && !net->ring_inh32))
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the state of %lld neurons", (long long)net->KN);
  } else {
    net->v = malloc(kn * sizeof *net->v);
    net->x_exc = malloc(kn * sizeof *net->x_exc);
    net->x_inh = malloc(kn * sizeof *net->x_inh);
    net->ring_exc = calloc(kn * (size_t)net->ring_slots, sizeof *net->ring_exc);
    net->ring_inh = exp_types ? calloc(kn * (size_t)net->ring_slots, sizeof *net->ring_inh) : NULL;
    if (!net->v || !net->x_exc || !net->x_inh || !net->ring_exc || (exp_types && !net->ring_inh))
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the state of %lld neurons", (long long)net->KN);
  }
  net->refractory = malloc(kn * sizeof *net->refractory);
  net->spike_count = malloc(kn * sizeof *net->spike_count);
  net->poisson_cache = malloc(kn * (size_t)(net->n_drives > 0 ? net->n_drives : 1) * 4 * sizeof(uint16_t));
  net->threads = calloc((size_t)net->n_threads, sizeof *net->threads);
  if (!net->refractory || !net->spike_count || !net->poisson_cache || !net->threads)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the state of %lld neurons", (long long)net->KN);
  NE_TRY(ne_net_allocate_model_state(net));
  NE_TRY(plan_segments(net));
  size_t kp = (size_t)net->K * (size_t)net->P;
  for (int t = 0; t < net->n_threads; ++t) {
    ne_net_thread *th = &net->threads[t];
    size_t range = (size_t)(th->hi - th->lo) + 1;
    for (int b = 0; b < 2; ++b) {
      /* room for one step's worst case; ne_net_advance grows it when a window needs more */
      th->spikes[b] = malloc(range * sizeof *th->spikes[b]);
      th->capacity[b] = (int64_t)range;
      th->step_end[b] = calloc((size_t)net->window, sizeof *th->step_end[b]);
      th->counts[b] = calloc(kp * (size_t)net->window, sizeof *th->counts[b]);
      if (!th->spikes[b] || !th->step_end[b] || !th->counts[b])
        return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for per-thread spike lists");
    }
  }
  for (int b = 0; b < 2; ++b) {
    net->partial[b] = calloc((size_t)net->window * (size_t)net->n_segments * NE_NET_N_OBS, sizeof(double));
    if (!net->partial[b])
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for population sums");
  }
  return NE_OK;
}

ne_status ne_network_create(const ne_network_config *config, ne_network **out) {
  NE_TRY(ne_check_not_null(out, "out"));
  *out = NULL;
  NE_TRY(ne_net_validate_header(config));
  const int32_t P = config->n_populations;
  int64_t *sizes = malloc((size_t)P * sizeof *sizes);
  uint8_t *seen = calloc((size_t)P * (size_t)P, 1);
  if (!sizes || !seen) {
    free(sizes);
    free(seen);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory validating %d populations", P);
  }
  ne_status status = ne_net_validate_config(config, sizes, seen);
  int64_t n = 0;
  for (int32_t p = 0; p < P && status == NE_OK; ++p)
    n += sizes[p];
  free(sizes);
  free(seen);
  NE_TRY(status);
  if (n * (int64_t)config->n_networks > INT32_MAX)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "the batch has %lld neurons (%d networks x %lld); at most %d are supported",
                   (long long)(n * config->n_networks), config->n_networks, (long long)n, INT32_MAX);

  ne_network *net = calloc(1, sizeof *net);
  if (!net)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a network handle");
  net->synapse_type = config->synapse_type;
  net->K = config->n_networks;
  net->P = P;
  net->n_projections = config->n_projections;
  net->n_drives = config->n_drives;
  net->n_stimuli = config->n_stimuli;
  net->team = ne_team_create(ne_resolve_threads(config->n_threads));
  if (!net->team) {
    ne_network_destroy(net);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a network");
  }
  net->n_threads = ne_team_size(net->team); /* fewer than asked if the system refused threads */
  net->sample_every = config->sample_every;
  net->dt_ms = config->dt_ms;
  net->N = n;
  net->KN = n * net->K;
  net->max_memory_bytes = config->max_memory_bytes;
  int level = NE_SIMD_BASELINE;
  ne_simd_resolve(config->simd, "config.simd", &level); /* validated above */
  net->poisson_refill = level >= NE_SIMD_AVX2 ? ne_net_poisson_refill_avx2 : ne_net_poisson_refill_baseline;
  net->update = level >= NE_SIMD_AVX512 ? ne_net_update_avx512
                : level >= NE_SIMD_AVX2 ? ne_net_update_avx2
                                         : ne_net_update_baseline;
  net->update32 = level >= NE_SIMD_AVX512 ? ne_net_update32_avx512
                  : level >= NE_SIMD_AVX2 ? ne_net_update32_avx2
                                           : ne_net_update32_baseline;
  net->single = config->precision == NE_PRECISION_FLOAT32;
  net->draw_blocks = level >= NE_SIMD_AVX2 ? ne_net_draw_blocks_avx2 : ne_net_draw_blocks_baseline;

  status = copy_config(net, config);
  if (status == NE_OK)
    status = ne_net_copy_models(net, config);
  if (status == NE_OK) {
    net->state_bytes = state_bytes(net);
    if (net->max_memory_bytes > 0 && net->state_bytes > net->max_memory_bytes)
      status = ne_fail(NE_ERR_OUT_OF_MEMORY,
                       "config.max_memory_bytes (%lld) is below the %lld bytes of state of %lld neurons",
                       (long long)net->max_memory_bytes, (long long)net->state_bytes, (long long)net->KN);
  }
  if (status == NE_OK)
    status = ne_net_build_connectivity(net, config);
  if (status == NE_OK)
    status = allocate_state(net);
  if (status != NE_OK) {
    ne_network_destroy(net);
    return status;
  }
  initialise_state(net, config);
  *out = net;
  return ne_ok();
}
