/* The time loop of the LIF network kernel, in windows of net->window steps
 * (the shortest synaptic delay, as NEST's min-delay scheme). Per window, each
 * thread
 *   1. updates the neurons of its segments for every step of the window
 *      (input from the ring buffer and the Poisson drive, exact or Euler
 *      membrane step, threshold, reset), listing each step's spikes in
 *      ascending order; no spike of the window is due before it ends;
 *   -- barrier --
 *   2. delivers every spike of the window (step by step, all threads' lists
 *      in order) to the targets in its own neuron range, so no two threads
 *      write the same slot and every slot receives its inputs in the same
 *      order as with one thread and per-step delivery; thread 0 also moves
 *      each step's records into the chunk buffers.
 * Lists, counts and partial sums are double-buffered by window parity, so one
 * barrier per window is enough. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/status.h"
#include "../common/threading.h"
#include "network_internal.h"

/* First element >= value in the sorted [first, last). The ends are checked
 * first: a thread whose range holds the whole list (one thread, or a
 * population boundary past the last target) then needs two loads from the
 * list's ends instead of a chain of dependent cache misses through it. */
static inline const uint32_t *lower_bound(const uint32_t *first, const uint32_t *last, int64_t value) {
  if (first == last || (int64_t)*first >= value)
    return first;
  if ((int64_t)last[-1] < value)
    return last;
  while (first < last) {
    const uint32_t *mid = first + (last - first) / 2;
    if ((int64_t)*mid < value)
      first = mid + 1;
    else
      last = mid;
  }
  return first;
}

/* Sum of the stimuli of network k on population p during `step`. */
static double stimulus_input(const ne_network *net, int32_t k, int32_t p, int64_t step) {
  double total = 0.0;
  const ne_net_stimulus_params *s = &net->stimuli[(int64_t)k * net->n_stimuli];
  for (int32_t i = 0; i < net->n_stimuli; ++i) {
    if (s[i].target != p || step < s[i].first_step || step >= s[i].first_step + s[i].n_steps)
      continue;
    double since_ms = (double)(step - s[i].first_step) * net->dt_ms;
    total += ne_stimulus_shape_value(s[i].shape, since_ms, s[i].duration_ms, s[i].amplitude, s[i].tau_rise_ms,
                                     s[i].tau_decay_ms, s[i].gamma);
  }
  return total;
}

/* Adds this step's Poisson drive (counts times weights) to the ring-buffer
 * slots of a segment's neurons, by receptor (delta synapses use exc only),
 * refilling the counts every 4 steps. */
static void add_drive(ne_network *net, const ne_net_segment *seg, int64_t step, int refill_all, void *exc,
                      void *inh) {
  const int32_t k = seg->kp / net->P, p = seg->kp % net->P;
  const int32_t n = seg->length;
  const ne_net_drive_params *drives = &net->drives[(int64_t)k * net->n_drives];
  const int32_t stride = net->n_drives * 4;
  for (int32_t d = 0; d < net->n_drives; ++d) {
    if (drives[d].target != p)
      continue;
    uint16_t *cache = &net->poisson_cache[(size_t)seg->first * (size_t)stride + (size_t)d * 4];
    if (refill_all || (step & 3) == 0)
      net->poisson_refill(&drives[d], net->seeds[k], (uint32_t)d, (uint32_t)(seg->first - (int64_t)k * net->N), n,
                          step, cache, stride);
    const uint16_t *counts = cache + (step & 3);
    const double w = drives[d].weight;
    void *to = net->synapse_type == NE_SYNAPSE_DELTA || w >= 0.0 ? exc : inh;
    if (net->single) {
      float *t = to;
      const float wf = (float)w;
      for (int32_t i = 0; i < n; ++i)
        t[i] += (float)counts[(size_t)i * (size_t)stride] * wf;
    } else {
      double *t = to;
      for (int32_t i = 0; i < n; ++i)
        t[i] += (double)counts[(size_t)i * (size_t)stride] * w;
    }
  }
}

/* One step of the neurons of a segment: input, the membrane update of the
 * SIMD level in use (network_update_kernel.h), then the spiking neurons
 * listed in ascending order. */
static void update_segment(ne_network *net, const ne_net_segment *seg, int64_t step, int refill_all,
                           int32_t *spikes, int64_t *n_spikes, int32_t *counts) {
  const int32_t kp = seg->kp, n = seg->length;
  const ne_net_pop_params pp = net->pop[kp];
  const double stim = net->n_stimuli > 0 ? stimulus_input(net, kp / net->P, kp % net->P, step) : 0.0;
  const double drive = (pp.i_dc + stim) * pp.p20; /* constant input over the step (delta, exp_current) */
  int32_t fired[NE_NET_SEGMENT];
  const int64_t at = step % net->ring_slots * net->KN + seg->first;
  int32_t fired_count;
  if (net->single) {
    float *exc = net->ring_exc32 + at;
    float *inh = net->ring_inh32 ? net->ring_inh32 + at : exc; /* delta: unused */
    if (net->n_drives > 0)
      add_drive(net, seg, step, refill_all, exc, inh);
    fired_count = net->update32(net->synapse_type, &pp, n, drive, stim, net->v32 + seg->first, net->x_exc32 + seg->first,
                                net->x_inh32 + seg->first, net->refractory + seg->first, exc, inh, fired);
  } else {
    double *exc = net->ring_exc + at;
    double *inh = net->ring_inh ? net->ring_inh + at : exc; /* delta: unused */
    if (net->n_drives > 0)
      add_drive(net, seg, step, refill_all, exc, inh);
    if (net->models && net->models[kp % net->P].update)
      fired_count = ne_net_update_model(net, seg, stim, exc, net->ring_inh ? inh : NULL, fired);
    else
      fired_count = net->update(net->synapse_type, &pp, n, drive, stim, net->v + seg->first, net->x_exc + seg->first,
                              net->x_inh + seg->first, net->refractory + seg->first, exc, inh, fired);
  }
  /* most segments have no spike in a step; scanning skips silent runs of
   * 16 neurons (an OR the compiler vectorises) and stops at the last spike */
  for (int32_t i0 = 0; i0 < n && fired_count > 0; i0 += 16) {
    const int32_t end = i0 + 16 < n ? i0 + 16 : n;
    int32_t any = 0;
    for (int32_t i = i0; i < end; ++i)
      any |= fired[i];
    if (any == 0)
      continue;
    for (int32_t i = i0; i < end; ++i) {
      if (fired[i]) {
        --fired_count;
        spikes[(*n_spikes)++] = (int32_t)(seg->first + i);
        ++counts[kp];
        ++net->spike_count[seg->first + i];
      }
    }
  }
}

static void segment_sums(const ne_network *net, const ne_net_segment *seg, double *out) {
  const ne_net_pop_params *pp = &net->pop[seg->kp];
  double s[NE_NET_N_OBS] = {0, 0, 0, 0, 0};
  if (net->models && net->models[seg->kp % net->P].update) { /* a user model: V only */
    for (int64_t g = seg->first; g < seg->first + seg->length; ++g)
      s[NE_NET_OBS_V] += net->v[g];
    memcpy(out, s, sizeof s);
    return;
  }
  for (int64_t g = seg->first; g < seg->first + seg->length; ++g) {
    /* float32 state is summed in double */
    double v = net->single ? (double)net->v32[g] : net->v[g];
    double xe = net->single ? (double)net->x_exc32[g] : net->x_exc[g];
    double xi = net->single ? (double)net->x_inh32[g] : net->x_inh[g];
    s[NE_NET_OBS_V] += v;
    if (net->synapse_type == NE_SYNAPSE_EXP_CURRENT) {
      s[NE_NET_OBS_I_EXC] += xe;
      s[NE_NET_OBS_I_INH] += xi;
    } else if (net->synapse_type == NE_SYNAPSE_EXP_CONDUCTANCE) {
      s[NE_NET_OBS_I_EXC] += xe * (pp->e_exc - v);
      s[NE_NET_OBS_I_INH] += xi * (pp->e_inh - v);
      s[NE_NET_OBS_G_EXC] += xe;
      s[NE_NET_OBS_G_INH] += xi;
    }
  }
  memcpy(out, s, sizeof s);
}

/* The spikes of step j of a window in thread u's list of buffer `parity`. */
static inline void step_spikes(const ne_network *net, int u, int parity, int j, const int32_t **list,
                               int64_t *n) {
  const ne_net_thread *th = &net->threads[u];
  const int64_t begin = j > 0 ? th->step_end[parity][j - 1] : 0;
  *list = th->spikes[parity] + begin;
  *n = th->step_end[parity][j] - begin;
}

/* Delivers the spikes of `step` (step j of the window in buffer `parity`) to
 * the targets in this thread's range. */
static void deliver(ne_network *net, const ne_net_thread *th, int64_t step, int parity, int j) {
  if (th->lo >= th->hi)
    return;
  const int32_t P = net->P;
  for (int u = 0; u < net->n_threads; ++u) {
    const int32_t *list;
    int64_t n;
    step_spikes(net, u, parity, j, &list, &n);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t g = list[i];
      const int32_t k = (int32_t)(g / net->N);
      const int64_t base = (int64_t)k * net->N;
      const int64_t lo = (th->lo > base ? th->lo : base) - base;
      const int64_t hi = (th->hi < base + net->N ? th->hi : base + net->N) - base;
      if (lo >= hi)
        continue;
      const int64_t s = g - base;
      const int32_t p = ne_net_population_of(net, s);
      const uint32_t *end = net->targets + net->offsets[s + 1];
      const uint32_t *a = lower_bound(net->targets + net->offsets[s], end, lo);
      const uint32_t *b = lower_bound(a, end, hi);
      while (a < b) {
        const int32_t q = ne_net_population_of(net, *a);
        const int32_t pr = net->proj_of_pair[p * P + q];
        const uint32_t *stop = lower_bound(a, b, net->pop_first[q + 1]);
        const double w = net->weights[(int64_t)k * net->n_projections + pr];
        const int exc = net->synapse_type == NE_SYNAPSE_DELTA || w >= 0.0;
        if (net->single) {
          float *ring = (exc ? net->ring_exc32 : net->ring_inh32) + base;
          const float wf = (float)w;
          if (!net->spread[pr]) {
            float *buffer = ring + ((step + net->delay_steps[pr]) % net->ring_slots) * net->KN;
            for (; a < stop; ++a)
              buffer[*a] += wf;
          } else {
            const uint16_t *delay = net->syn_delay + (a - net->targets);
            for (; a < stop; ++a, ++delay)
              ring[((step + *delay) % net->ring_slots) * net->KN + *a] += wf;
          }
        } else {
          double *ring = (exc ? net->ring_exc : net->ring_inh) + base;
          if (!net->spread[pr]) {
            double *buffer = ring + ((step + net->delay_steps[pr]) % net->ring_slots) * net->KN;
            for (; a < stop; ++a)
              buffer[*a] += w;
          } else {
            const uint16_t *delay = net->syn_delay + (a - net->targets);
            for (; a < stop; ++a, ++delay)
              ring[((step + *delay) % net->ring_slots) * net->KN + *a] += w;
          }
        }
      }
    }
  }
}

/* Thread 0, after the barrier of a window: counts, recorded spikes and
 * population sums of its step j into the chunk buffers. Returns 0 when the
 * spike buffer could not grow (the run stops). */
static int record_step(ne_network *net, int64_t step, int parity, int j, int64_t index, int64_t sample_index) {
  const int64_t kp = (int64_t)net->K * net->P;
  int32_t *counts = net->chunk_counts + index * kp;
  memset(counts, 0, (size_t)kp * sizeof *counts);
  for (int u = 0; u < net->n_threads; ++u) {
    const int32_t *step_counts = net->threads[u].counts[parity] + j * kp;
    for (int64_t c = 0; c < kp; ++c)
      counts[c] += step_counts[c];
    const int32_t *list;
    int64_t n;
    step_spikes(net, u, parity, j, &list, &n);
    for (int64_t i = 0; i < n; ++i) {
      const int64_t g = list[i];
      const int32_t k = (int32_t)(g / net->N);
      const int64_t local = g - (int64_t)k * net->N;
      const int32_t p = ne_net_population_of(net, local);
      if (local - net->pop_first[p] >= net->record_first[p])
        continue;
      if (net->rec_n == net->rec_capacity) {
        int64_t capacity = net->rec_capacity ? net->rec_capacity * 2 : 4096;
        int64_t bytes = capacity * (int64_t)(2 * sizeof(int32_t) + sizeof(int64_t));
        if (net->max_memory_bytes > 0 &&
            bytes + net->state_bytes + net->connectivity_bytes > net->max_memory_bytes) {
          ne_fail(NE_ERR_OUT_OF_MEMORY,
                  "the spikes recorded in this advance call would exceed config.max_memory_bytes (%lld); "
                  "advance fewer steps per call or record fewer neurons",
                  (long long)net->max_memory_bytes);
          return 0;
        }
        int32_t *a = realloc(net->rec_network, (size_t)capacity * sizeof *a);
        if (a)
          net->rec_network = a;
        int32_t *b = realloc(net->rec_neuron, (size_t)capacity * sizeof *b);
        if (b)
          net->rec_neuron = b;
        int64_t *c = realloc(net->rec_step, (size_t)capacity * sizeof *c);
        if (c)
          net->rec_step = c;
        if (!a || !b || !c) {
          ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory recording %lld spikes", (long long)capacity);
          return 0;
        }
        net->rec_capacity = capacity;
      }
      net->rec_network[net->rec_n] = k;
      net->rec_neuron[net->rec_n] = (int32_t)local;
      net->rec_step[net->rec_n] = step;
      ++net->rec_n;
    }
  }
  if (sample_index >= 0) {
    double *sums = net->chunk_sums + sample_index * kp * NE_NET_N_OBS;
    memset(sums, 0, (size_t)(kp * NE_NET_N_OBS) * sizeof *sums);
    for (int64_t s = 0; s < net->n_segments; ++s) {
      double *out = sums + (int64_t)net->segments[s].kp * NE_NET_N_OBS;
      const double *in = net->partial[parity] + ((int64_t)j * net->n_segments + s) * NE_NET_N_OBS;
      for (int o = 0; o < NE_NET_N_OBS; ++o)
        out[o] += in[o];
    }
  }
  return 1;
}

/* One advance call as a team job. stop[b] is set during the phase that ends
 * at the barrier of a window of parity b (a thread whose spike list could not
 * grow, or thread 0's records of the window before) and read by every thread
 * right after that barrier, so all threads leave the loop at the same window;
 * it is written again only two windows later. */
/* Steps whose population sums are sampled: every sample_every-th, counting from 1. */
static inline int is_sample_step(const ne_network *net, int64_t step) {
  return net->sample_every > 0 && (step + 1) % net->sample_every == 0;
}

typedef struct advance_job {
  ne_network *net;
  int64_t first_step, n_steps;
  _Atomic int stop[2];
  ne_status status; /* thread 0's */
  char message[512];
} advance_job;

/* Room in a thread's list for one more step's spikes (at most its neurons). */
static int reserve_step(ne_net_thread *th, int parity, int64_t used) {
  const int64_t range = th->hi - th->lo;
  if (th->capacity[parity] - used >= range)
    return 1;
  int64_t capacity = 2 * th->capacity[parity] > used + range ? 2 * th->capacity[parity] : used + range;
  int32_t *grown = realloc(th->spikes[parity], (size_t)capacity * sizeof *grown);
  if (!grown)
    return 0;
  th->spikes[parity] = grown;
  th->capacity[parity] = capacity;
  return 1;
}

static void advance_member(void *ctx, int t, int n_threads) {
  advance_job *job = ctx;
  ne_network *net = job->net;
  const int64_t first_step = job->first_step, n_steps = job->n_steps;
  const int64_t kp = (int64_t)net->K * net->P;
  ne_net_thread *th = &net->threads[t];
  int64_t sample_index = 0; /* thread 0: samples recorded so far in this call */
  for (int64_t w0 = 0, window = 0; w0 < n_steps; w0 += net->window, ++window) {
    const int parity = (int)(window & 1);
    const int steps = n_steps - w0 < net->window ? (int)(n_steps - w0) : net->window;
    int64_t n_spikes = 0;
    memset(th->counts[parity], 0, (size_t)(steps * kp) * sizeof(int32_t));
    for (int j = 0; j < steps; ++j) {
      const int64_t n = w0 + j, step = first_step + n;
      const int sample = is_sample_step(net, step);
      if (!reserve_step(th, parity, n_spikes)) {
        atomic_store_explicit(&job->stop[parity], 1, memory_order_relaxed);
        break;
      }
      double *partial = net->partial[parity] + (int64_t)j * net->n_segments * NE_NET_N_OBS;
      for (int64_t s = th->seg_first; s < th->seg_end; ++s) {
        update_segment(net, &net->segments[s], step, n == 0, th->spikes[parity], &n_spikes,
                       th->counts[parity] + j * kp);
        if (sample)
          segment_sums(net, &net->segments[s], partial + s * NE_NET_N_OBS);
      }
      th->step_end[parity][j] = n_spikes;
    }
    ne_team_barrier(net->team); /* a team of one returns at once */
    if (atomic_load_explicit(&job->stop[parity], memory_order_relaxed))
      break;
    for (int j = 0; j < steps; ++j)
      deliver(net, th, first_step + w0 + j, parity, j);
    if (t == 0) {
      for (int j = 0; j < steps; ++j) {
        const int64_t n = w0 + j, step = first_step + n;
        const int sample = is_sample_step(net, step);
        if (!record_step(net, step, parity, j, n, sample ? sample_index : -1)) {
          job->status = NE_ERR_OUT_OF_MEMORY;
          snprintf(job->message, sizeof job->message, "%s", ne_last_error());
          atomic_store_explicit(&job->stop[parity ^ 1], 1, memory_order_relaxed);
          break;
        }
        if (sample)
          ++sample_index;
      }
    }
  }
  (void)n_threads;
}

ne_status ne_net_advance(ne_network *net, int64_t n_steps) {
  advance_job job = {.net = net, .first_step = net->steps_done, .n_steps = n_steps, .status = NE_OK};
  ne_team_run(net->team, advance_member, &job);
  const int grown = atomic_load(&job.stop[0]) || atomic_load(&job.stop[1]);
  if (job.status != NE_OK || grown) {
    net->failed = 1;
    return ne_fail(job.status != NE_OK ? job.status : NE_ERR_OUT_OF_MEMORY, "%s (the network is left unusable)",
                   job.status != NE_OK ? job.message : "out of memory growing a thread's spike list");
  }
  if (net->models)
    NE_TRY(ne_net_check_model_state(net, net->steps_done, n_steps));
  net->steps_done += n_steps;
  return NE_OK;
}
