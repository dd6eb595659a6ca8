/*
 * neuroengine.h - the whole public C ABI of libneuroengine.
 *
 * Rules (see DESIGN.md):
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
#define NE_ABI_VERSION 1u

/* ---- status codes ------------------------------------------------------ */
typedef int32_t ne_status;
#define NE_OK 0
#define NE_ERR_INVALID_ARGUMENT 1 /* a bad value: message names it */
#define NE_ERR_OUT_OF_MEMORY 2    /* allocation failed or a memory cap was hit */
#define NE_ERR_UNSUPPORTED 3      /* valid request this build cannot serve */
#define NE_ERR_CANCELLED 4        /* reserved for cancellable native calls */
#define NE_ERR_INTERNAL 5         /* a bug: please report with the message */
#define NE_ERR_INVALID_STATE 6    /* call out of order (e.g. advance past the end) */

/* ---- library ----------------------------------------------------------- */
NE_API uint32_t ne_abi_version(void);
/* Semantic version of the library, e.g. "0.1.0". Static storage. */
NE_API const char *ne_version(void);
/* One line "key=value ..." with simd (the level kernels use: avx512|avx2|baseline), omp_threads,
 * cuda (yes|no), compiler, build type. Static storage. */
NE_API const char *ne_build_info(void);
/* Message of the last failed call on this thread ("" if none). Valid until
 * the next failing call on the same thread. */
NE_API const char *ne_last_error(void);
/* Short name of a status code ("ok", "invalid_argument", ...). */
NE_API const char *ne_status_name(ne_status status);

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

/* ---- batched single-neuron LIF (specs/sbi_lif.md) ---------------------- */
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
  int32_t n_threads;     /* OpenMP threads; 0 = the OpenMP default */
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

#ifdef __cplusplus
}
#endif

#endif /* NEUROENGINE_H */
