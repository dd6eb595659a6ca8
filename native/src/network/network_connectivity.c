/* Connectivity of a LIF network: every target neuron draws its sources
 * (fixed in-degree or pairwise Bernoulli) from its own Philox stream, so the
 * graph depends only on the connectivity seed. It is stored by source
 * (CSR: offsets + 4-byte target ids, ascending) for spike delivery. Built in
 * two passes over the targets (count, then fill), each split into chunks
 * that threads own; the draws are repeated rather than stored. */
#include <stdlib.h>
#include <string.h>

#include "../common/status.h"
#include "../common/threading.h"
#include "network_internal.h"

/* Draw stream of one (projection, target) pair: words are taken in order
 * from consecutive Philox blocks, generated 16 blocks at a time. */
typedef struct draw_stream {
  ne_net_draw_blocks_fn draw;
  uint64_t seed;
  uint32_t projection, target, tag;
  uint32_t block;
  int next; /* index of the next unused word, 64 = refill */
  uint32_t words[64];
} draw_stream;

static void stream_init(draw_stream *s, const ne_network *net, uint64_t seed, uint32_t projection, uint32_t target,
                        uint32_t tag) {
  s->draw = net->draw_blocks;
  s->seed = seed;
  s->projection = projection;
  s->target = target;
  s->tag = tag;
  s->block = 0;
  s->next = 64;
}

static inline uint32_t stream_word(draw_stream *s) {
  if (s->next == 64) {
    s->draw(s->seed, s->target, s->projection, s->block, s->tag, s->words);
    s->block += 16;
    s->next = 0;
  }
  return s->words[s->next++];
}

/* Uniform integer in [0, n), n >= 1, without bias: Lemire's multiply-shift
 * with rejection (one word per draw except with probability < n / 2^32). */
static inline uint32_t stream_below(draw_stream *s, uint32_t n) {
  uint64_t m = (uint64_t)stream_word(s) * n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t threshold = (uint32_t)(-n) % n;
    while (low < threshold) {
      m = (uint64_t)stream_word(s) * n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

/* Per-thread scratch for drawing sources. */
typedef struct draw_scratch {
  int32_t *sources;  /* capacity: the largest in-degree or source population */
  uint64_t *chosen;  /* bitmap over a source population (sampling without multapses) */
} draw_scratch;

/* Sources of target `target` (index within the network) under projection
 * `pr`, as neuron ids within the network, into scratch->sources. */
static int64_t draw_sources(const ne_network *net, const ne_network_projection *proj, int32_t pr,
                            int64_t target, uint64_t seed, draw_scratch *scratch) {
  int64_t first = net->pop_first[proj->source];
  int64_t n_src = net->pop_first[proj->source + 1] - first;
  int exclude_self = proj->source == proj->target && !proj->allow_autapses;
  int64_t self = target - first; /* only meaningful when exclude_self */
  int64_t n_eff = n_src - (exclude_self ? 1 : 0);
  int64_t n_out = 0;
  draw_stream stream;

  if (proj->rule == NE_CONNECT_FIXED_INDEGREE) {
    int64_t k = proj->indegree;
    stream_init(&stream, net, seed, (uint32_t)pr, (uint32_t)target, NE_NET_TAG_INDEGREE);
    if (proj->allow_multapses) {
      for (int64_t i = 0; i < k; ++i) {
        int64_t x = stream_below(&stream, (uint32_t)n_eff);
        if (exclude_self && x >= self)
          ++x;
        scratch->sources[n_out++] = (int32_t)(first + x);
      }
    } else {
      /* Floyd's algorithm: k distinct values of [0, n_eff) in k draws. */
      for (int64_t t = n_eff - k; t < n_eff; ++t) {
        int64_t r = stream_below(&stream, (uint32_t)(t + 1));
        int64_t x = (scratch->chosen[r >> 6] >> (r & 63)) & 1u ? t : r;
        scratch->chosen[x >> 6] |= (uint64_t)1 << (x & 63);
        scratch->sources[n_out++] = (int32_t)x;
      }
      for (int64_t i = 0; i < n_out; ++i) {
        int64_t x = scratch->sources[i];
        scratch->chosen[x >> 6] &= ~((uint64_t)1 << (x & 63));
        if (exclude_self && x >= self)
          ++x;
        scratch->sources[i] = (int32_t)(first + x);
      }
    }
  } else {
    /* Bernoulli: one 32-bit word per candidate, accepted below p * 2^32. */
    uint64_t threshold = proj->probability >= 1.0 ? ((uint64_t)1 << 32)
                                                  : (uint64_t)(proj->probability * 4294967296.0);
    stream_init(&stream, net, seed, (uint32_t)pr, (uint32_t)target, NE_NET_TAG_BERNOULLI);
    for (int64_t x = 0; x < n_eff; ++x) {
      if ((uint64_t)stream_word(&stream) < threshold) {
        int64_t id = exclude_self && x >= self ? x + 1 : x;
        scratch->sources[n_out++] = (int32_t)(first + id);
      }
    }
  }
  return n_out;
}

/* Delay in steps of the i-th synapse drawn for (projection, target): uniform
 * on [delay_min, delay_max] ms from its own stream, rounded, at least one. */
static uint16_t synapse_delay(const ne_network *net, draw_stream *stream) {
  double u = ne_u32_to_open01_double(stream_word(stream));
  int32_t pr = (int32_t)stream->projection;
  double ms = net->delay_min_ms[pr] + (net->delay_max_ms[pr] - net->delay_min_ms[pr]) * u;
  int64_t steps = llround(ms / net->dt_ms);
  return (uint16_t)(steps < 1 ? 1 : steps);
}

/* One pass over the targets of chunk [lo, hi): fill == 0 counts sources into
 * count[s]; fill == 1 writes target ids (and delays) at position[s]++. */
static void connect_chunk(const ne_network *net, const ne_network_config *config, int64_t lo,
                          int64_t hi, int fill, int32_t *count, int64_t *position,
                          draw_scratch *scratch) {
  for (int64_t j = lo; j < hi; ++j) {
    int32_t q = ne_net_population_of(net, j);
    for (int32_t p = 0; p < net->P; ++p) {
      int32_t pr = net->proj_of_pair[p * net->P + q];
      if (pr < 0)
        continue;
      int64_t n = draw_sources(net, &config->projections[pr], pr, j, config->connectivity_seed,
                               scratch);
      if (!fill) {
        for (int64_t i = 0; i < n; ++i)
          ++count[scratch->sources[i]];
      } else if (!net->syn_delay) {
        for (int64_t i = 0; i < n; ++i)
          net->targets[position[scratch->sources[i]]++] = (uint32_t)j;
      } else {
        draw_stream delays;
        stream_init(&delays, net, config->connectivity_seed, (uint32_t)pr, (uint32_t)j, NE_NET_TAG_DELAY);
        for (int64_t i = 0; i < n; ++i) {
          int64_t at = position[scratch->sources[i]]++;
          net->targets[at] = (uint32_t)j;
          net->syn_delay[at] = net->spread[pr] ? synapse_delay(net, &delays) : (uint16_t)net->delay_steps[pr];
        }
      }
    }
  }
}

/* Pass `fill` of the draws for chunk `thread` of the targets (one chunk per team member). */
typedef struct connect_job {
  const ne_network *net;
  const ne_network_config *config;
  int fill;
  int32_t *counts;
  int64_t *positions;
  int32_t *scratch_sources;
  uint64_t *scratch_bits;
  int64_t scratch_len, bitmap_words;
} connect_job;

static void connect_member(void *ctx, int c, int chunks) {
  const connect_job *job = ctx;
  const int64_t N = job->net->N;
  draw_scratch scratch = {job->scratch_sources + (size_t)c * (size_t)job->scratch_len,
                          job->scratch_bits + (size_t)c * (size_t)job->bitmap_words};
  connect_chunk(job->net, job->config, N * c / chunks, N * (c + 1) / chunks, job->fill,
                job->fill ? NULL : job->counts + (size_t)c * (size_t)N,
                job->fill ? job->positions + (size_t)c * (size_t)N : NULL, &scratch);
}

ne_status ne_net_build_connectivity(ne_network *net, const ne_network_config *config) {
  const int64_t N = net->N;
  const int chunks = net->n_threads;
  int64_t scratch_len = 1, bitmap_words = 1;
  for (int32_t pr = 0; pr < net->n_projections; ++pr) {
    const ne_network_projection *proj = &config->projections[pr];
    int64_t n_src = net->pop_first[proj->source + 1] - net->pop_first[proj->source];
    int64_t need = proj->rule == NE_CONNECT_FIXED_INDEGREE ? proj->indegree : n_src;
    if (need > scratch_len)
      scratch_len = need;
    if ((n_src + 63) / 64 > bitmap_words)
      bitmap_words = (n_src + 63) / 64;
  }
  int32_t *counts = calloc((size_t)chunks * (size_t)N, sizeof *counts);
  int64_t *positions = malloc((size_t)chunks * (size_t)N * sizeof *positions);
  int32_t *scratch_sources = malloc((size_t)chunks * (size_t)scratch_len * sizeof *scratch_sources);
  uint64_t *scratch_bits = calloc((size_t)chunks * (size_t)bitmap_words, sizeof *scratch_bits);
  net->offsets = malloc((size_t)(N + 1) * sizeof *net->offsets);
  ne_status status = NE_OK;
  if (!counts || !positions || !scratch_sources || !scratch_bits || !net->offsets) {
    status = ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the connectivity tables of %lld neurons",
                     (long long)N);
    goto done;
  }

  /* pass 1: count the outgoing synapses of every source, per chunk */
  connect_job job = {net, config, 0, counts, positions, scratch_sources, scratch_bits, scratch_len, bitmap_words};
  ne_team_run(net->team, connect_member, &job);

  int64_t total = 0;
  for (int64_t s = 0; s < N; ++s) {
    net->offsets[s] = total;
    for (int c = 0; c < chunks; ++c) {
      positions[(size_t)c * (size_t)N + (size_t)s] = total;
      total += counts[(size_t)c * (size_t)N + (size_t)s];
    }
  }
  net->offsets[N] = total;
  net->n_synapses = total;
  int any_spread = 0;
  for (int32_t pr = 0; pr < net->n_projections; ++pr)
    any_spread |= net->spread[pr];
  net->connectivity_bytes = total * (int64_t)(sizeof(uint32_t) + (any_spread ? sizeof(uint16_t) : 0)) +
                            (N + 1) * (int64_t)sizeof(int64_t);
  if (net->max_memory_bytes > 0 && net->connectivity_bytes + net->state_bytes > net->max_memory_bytes) {
    status = ne_fail(NE_ERR_OUT_OF_MEMORY,
                     "config.max_memory_bytes (%lld) is below what the network needs: %lld bytes of "
                     "connectivity (%lld synapses) + %lld bytes of state",
                     (long long)net->max_memory_bytes, (long long)net->connectivity_bytes,
                     (long long)total, (long long)net->state_bytes);
    goto done;
  }
  net->targets = malloc((size_t)(total > 0 ? total : 1) * sizeof *net->targets);
  if (any_spread)
    net->syn_delay = malloc((size_t)(total > 0 ? total : 1) * sizeof *net->syn_delay);
  if (!net->targets || (any_spread && !net->syn_delay)) {
    status = ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %lld synapses (%lld bytes)",
                     (long long)total, (long long)net->connectivity_bytes);
    goto done;
  }

  /* pass 2: the same draws again, written in target order */
  job.fill = 1;
  ne_team_run(net->team, connect_member, &job);

done:
  free(counts);
  free(positions);
  free(scratch_sources);
  free(scratch_bits);
  return status;
}
