/* The LIF network handle: validated configuration, derived constants,
 * shared connectivity (CSR by source), per-neuron state of K networks,
 * ring buffers and the records of the last advance call. */
#ifndef NE_NETWORK_INTERNAL_H
#define NE_NETWORK_INTERNAL_H

#include <stdint.h>

#include "neuroengine.h"
#include "network_math.h"

/* Philox counter word 3 tags keep the random streams of different uses apart. */
#define NE_NET_TAG_INDEGREE 0x434f4e49u  /* "CONI" fixed in-degree draws */
#define NE_NET_TAG_BERNOULLI 0x434f4e42u /* "CONB" pairwise Bernoulli draws */
#define NE_NET_TAG_INIT 0x494e4954u      /* "INIT" initial state */
#define NE_NET_TAG_POISSON 0x504f4953u   /* "POIS" external drive (xor step >> 34) */
#define NE_NET_TAG_DELAY 0x44454c59u     /* "DELY" per-synapse delays */

/* Population sums are accumulated over fixed segments of at most this many
 * neurons (inside one population), then over segments in order: the sum does
 * not depend on how neurons are split between threads. */
#define NE_NET_SEGMENT 256

/* Poisson means above this are split into equal parts drawn separately. */
#define NE_NET_POISSON_SPLIT 24.0

typedef struct ne_net_drive_params {
  int32_t target;
  int32_t parts;       /* the mean is drawn as `parts` independent Poisson counts */
  int32_t table_length; /* CDF entries scanned (ne_poisson_table_length) */
  int32_t reserved;
  double lambda;       /* mean count per part per step */
  double weight;
  double cdf[NE_POISSON_TABLE]; /* CDF of one part's count */
} ne_net_drive_params;

typedef struct ne_net_stimulus_params {
  int32_t target;
  uint32_t shape;
  int64_t first_step;  /* round(onset/dt) */
  int64_t n_steps;     /* round(duration/dt), >= 1 */
  double duration_ms, amplitude, tau_rise_ms, tau_decay_ms, gamma;
} ne_net_stimulus_params;

/* Poisson counts of one drive for the 4 steps of the block of `step`, for
 * neurons first_neuron .. first_neuron + n - 1 of one network, into
 * cache[i * stride + 0..3] (network_poisson_<level>.c). */
typedef void (*ne_net_poisson_refill_fn)(const ne_net_drive_params *drive, uint64_t seed, uint32_t drive_index,
                                         uint32_t first_neuron, int32_t n, int64_t step, uint16_t *cache,
                                         int32_t stride);
/* Membrane update of n neurons of one population (network_update_<level>.c);
 * returns how many fired. */
typedef int32_t (*ne_net_update_fn)(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive,
                                 double stim, double *restrict v, double *restrict xe, double *restrict xi,
                                 int32_t *restrict refractory, double *restrict exc, double *restrict inh,
                                 int32_t *restrict fired);
int32_t ne_net_update_baseline(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                            double *restrict v, double *restrict xe, double *restrict xi,
                            int32_t *restrict refractory, double *restrict exc, double *restrict inh,
                            int32_t *restrict fired);
int32_t ne_net_update_avx2(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                        double *restrict v, double *restrict xe, double *restrict xi, int32_t *restrict refractory,
                        double *restrict exc, double *restrict inh, int32_t *restrict fired);
int32_t ne_net_update_avx512(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                          double *restrict v, double *restrict xe, double *restrict xi, int32_t *restrict refractory,
                          double *restrict exc, double *restrict inh, int32_t *restrict fired);

/* 16 Philox blocks (64 words) of a connectivity draw stream
 * (network_draws_<level>.c). */
typedef void (*ne_net_draw_blocks_fn)(uint64_t seed, uint32_t target, uint32_t projection, uint32_t first_block,
                                      uint32_t tag, uint32_t *words);
void ne_net_draw_blocks_baseline(uint64_t seed, uint32_t target, uint32_t projection, uint32_t first_block,
                                 uint32_t tag, uint32_t *words);
void ne_net_draw_blocks_avx2(uint64_t seed, uint32_t target, uint32_t projection, uint32_t first_block,
                             uint32_t tag, uint32_t *words);

typedef int32_t (*ne_net_update32_fn)(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive,
                                   double stim, float *restrict v, float *restrict xe, float *restrict xi,
                                   int32_t *restrict refractory, float *restrict exc, float *restrict inh,
                                   int32_t *restrict fired);
int32_t ne_net_update32_baseline(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                                 float *restrict v, float *restrict xe, float *restrict xi, int32_t *restrict refractory,
                                 float *restrict exc, float *restrict inh, int32_t *restrict fired);
int32_t ne_net_update32_avx2(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                             float *restrict v, float *restrict xe, float *restrict xi, int32_t *restrict refractory,
                             float *restrict exc, float *restrict inh, int32_t *restrict fired);
int32_t ne_net_update32_avx512(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                               float *restrict v, float *restrict xe, float *restrict xi, int32_t *restrict refractory,
                               float *restrict exc, float *restrict inh, int32_t *restrict fired);

/* A run of neurons of one population of one network (global index). */
typedef struct ne_net_segment {
  int64_t first;       /* global neuron index: network * neurons + local */
  int32_t length;
  int32_t kp;          /* network * P + population */
} ne_net_segment;

/* Threads exchange spikes once per window of `window` steps (at most the
 * shortest synaptic delay, so no spike of a window is due within it). */
#define NE_NET_MAX_WINDOW 32

/* Per-thread scratch, double-buffered by window parity so a thread may start
 * the next window while others still deliver the spikes of this one. */
typedef struct ne_net_thread {
  int32_t *spikes[2];  /* global ids of the window's spikes, step by step, ascending within a step */
  int64_t capacity[2]; /* entries spikes[b] holds; grown when a step could overrun it */
  int64_t *step_end[2]; /* [window]: end of step j's spikes in spikes[b] (step j starts at step_end[b][j-1]) */
  int32_t *counts[2];  /* [window][K * P]: spikes per (network, population) per step */
  int64_t seg_first, seg_end; /* segments this thread updates and receives input for */
  int64_t lo, hi;      /* their global neuron range */
} ne_net_thread;

struct ne_network {
  /* configuration */
  uint32_t synapse_type;
  int32_t K, P;
  int32_t n_projections, n_drives, n_stimuli;
  int32_t n_threads;
  int32_t sample_every;
  double dt_ms;
  int64_t N;            /* neurons per network */
  int64_t KN;
  int64_t max_memory_bytes;
  int64_t *pop_first;   /* [P + 1] */
  int32_t *record_first; /* [P]: neurons (from the population's first) whose spikes are recorded */
  uint64_t *seeds;      /* [K] */
  ne_net_pop_params *pop;       /* [K * P] */
  int32_t *proj_of_pair;        /* [P * P]: projection index or -1 */
  int32_t *delay_steps;         /* [n_projections]: the delay, or the shortest one when spread */
  int32_t *spread;              /* [n_projections]: flag, per-synapse delays */
  double *delay_min_ms, *delay_max_ms; /* [n_projections] */
  double *weights;              /* [K * n_projections] */
  ne_net_drive_params *drives;  /* [K * n_drives] */
  ne_net_stimulus_params *stimuli; /* [K * n_stimuli] */

  /* connectivity, shared by the K networks: targets of neuron s are
   * targets[offsets[s] .. offsets[s + 1]), ascending */
  int64_t *offsets;     /* [N + 1] */
  uint32_t *targets;    /* [n_synapses] */
  uint16_t *syn_delay;  /* [n_synapses] delay steps, only when some projection spreads its delays */
  int64_t n_synapses;
  int64_t connectivity_bytes;

  /* state [K * N]: float64 arrays, or the float32 ones (single != 0) */
  int32_t single;
  double *v, *x_exc, *x_inh; /* x: synaptic current (pA) or conductance (nS) */
  float *v32, *x_exc32, *x_inh32;
  int32_t *refractory;
  int64_t *spike_count;
  uint16_t *poisson_cache; /* [K * N * n_drives * 4]: counts of the current 4-step block */
  int32_t ring_slots;
  double *ring_exc, *ring_inh; /* [ring_slots][K * N]; delta uses ring_exc only */
  float *ring_exc32, *ring_inh32;

  /* threads and segments */
  ne_net_segment *segments;
  int64_t n_segments;
  ne_net_thread *threads;
  struct ne_team *team; /* n_threads members, asleep between calls */
  int32_t window;       /* steps between spike exchanges: the shortest delay, at most NE_NET_MAX_WINDOW */
  double *partial[2];   /* [window][n_segments][NE_NET_N_OBS] by window parity */

  /* progress and records of the last advance */
  int64_t steps_done;
  int64_t chunk_first_step, chunk_steps, chunk_samples;
  int32_t *chunk_counts;   /* [chunk_steps][K * P] */
  int64_t chunk_counts_capacity;
  double *chunk_sums;      /* [chunk_samples][K * P][NE_NET_N_OBS] */
  int64_t chunk_sums_capacity;
  int32_t *rec_network, *rec_neuron;
  int64_t *rec_step;
  int64_t rec_n, rec_capacity;
  int32_t failed;          /* a previous advance failed part-way: the state is unusable */
  ne_net_poisson_refill_fn poisson_refill; /* the SIMD level's kernels */
  ne_net_update_fn update;
  ne_net_update32_fn update32;
  ne_net_draw_blocks_fn draw_blocks;
  int64_t state_bytes;

  /* user neuron models (network_model.c): models[p].update is NULL for built-in LIF populations */
  int32_t model_max_state;   /* most state variables of any population's model (0: none) */
  ne_network_neuron_model *models; /* [P] copies */
  double *model_params;      /* [K * P][NE_NET_MODEL_MAX_PARAMS] */
  double *model_state[NE_NET_MODEL_MAX_STATE]; /* [j] for j >= 1: variable j, [K * N] (variable 0 is v) */
};

void ne_net_poisson_refill_baseline(const ne_net_drive_params *drive, uint64_t seed, uint32_t drive_index,
                                    uint32_t first_neuron, int32_t n, int64_t step, uint16_t *cache, int32_t stride);
void ne_net_poisson_refill_avx2(const ne_net_drive_params *drive, uint64_t seed, uint32_t drive_index,
                                uint32_t first_neuron, int32_t n, int64_t step, uint16_t *cache, int32_t stride);

/* Population of a neuron id (within a network), by binary search. */
static inline int32_t ne_net_population_of(const ne_network *net, int64_t neuron) {
  int32_t lo = 0, hi = net->P - 1;
  while (lo < hi) {
    int32_t mid = (lo + hi + 1) / 2;
    if (net->pop_first[mid] <= neuron)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

/* network_model.c */
ne_status ne_net_copy_models(ne_network *net, const ne_network_config *c);
ne_status ne_net_allocate_model_state(ne_network *net);
void ne_net_free_models(ne_network *net);
void ne_net_initialise_model_neuron(ne_network *net, const ne_network_population *pop, int64_t g, int64_t i);
int32_t ne_net_update_model(ne_network *net, const ne_net_segment *seg, double stim, double *exc, double *inh,
                            int32_t *fired);
ne_status ne_net_read_model_state(const ne_network *net, int32_t j, double *values);
/* After an advance: NE_ERR_NON_FINITE naming the first non-finite model state (and the network unusable). */
ne_status ne_net_check_model_state(ne_network *net, int64_t first_step, int64_t n_steps);

/* network_create.c: initial value of state element `element` of neuron i (Philox block (0, element, i, INIT)) */
double ne_net_draw_initial_element(uint64_t seed, uint32_t neuron, uint32_t element, uint32_t kind, double a,
                                   double b);

/* network_connectivity.c */
ne_status ne_net_build_connectivity(ne_network *net, const ne_network_config *config);
/* network_step.c */
ne_status ne_net_advance(ne_network *net, int64_t n_steps);

#endif
