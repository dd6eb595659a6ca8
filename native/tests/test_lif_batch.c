/* Batched LIF kernel: argument validation, the seed's reference loop for
 * noiseless input, and invariance to threads and chunk sizes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "neuroengine.h"
#include "ne_test.h"

static ne_lif_batch_config default_config(int64_t n) {
  ne_lif_batch_config c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c;
  c.scheme = NE_LIF_SCHEME_EULER_REFERENCE;
  c.n_neurons = n;
  c.t_ms = 200.0;
  c.dt_ms = 0.2;
  c.tref_ms = 2.0;
  c.i_mean = 200.0;
  c.i_std = 50.0;
  c.obs_noise_std = 1.0;
  c.v_clip_lo = -100.0;
  c.v_clip_hi = 100.0;
  c.seed = 45;
  c.max_spikes = -1;
  return c;
}

static void fill_params(double *p, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    double *q = p + i * NE_LIF_N_PARAMS;
    q[NE_LIF_PARAM_V_TH] = -55.0 + 0.01 * (double)(i % 97);
    q[NE_LIF_PARAM_TAU_M] = 8.0 + 0.05 * (double)(i % 89);
    q[NE_LIF_PARAM_G_L] = 8.0 + 0.03 * (double)(i % 83);
    q[NE_LIF_PARAM_V_RESET] = -74.0;
    q[NE_LIF_PARAM_V_INIT] = -72.0 + 0.02 * (double)(i % 13);
    q[NE_LIF_PARAM_E_L] = -70.0;
  }
}

/* The BayesFlow LIF project's loop (docs/lif-neurons.md), written out in double. */
static void reference_lif(const double *q, const ne_lif_batch_config *c, double I, double *v,
                          int *spikes, int *n_spikes) {
  const int lt = (int)ceil(c->t_ms / c->dt_ms);
  double tr = 0.0;
  *n_spikes = 0;
  v[0] = q[NE_LIF_PARAM_V_INIT];
  for (int it = 0; it < lt - 1; ++it) {
    if (tr > 0) {
      v[it] = q[NE_LIF_PARAM_V_RESET];
      tr -= 1;
    } else if (v[it] >= q[NE_LIF_PARAM_V_TH]) {
      spikes[(*n_spikes)++] = it;
      v[it] = q[NE_LIF_PARAM_V_RESET];
      tr = c->tref_ms / c->dt_ms;
    }
    double dv = (-(v[it] - q[NE_LIF_PARAM_E_L]) + I / q[NE_LIF_PARAM_G_L]) *
                (c->dt_ms / q[NE_LIF_PARAM_TAU_M]);
    v[it + 1] = v[it] + dv;
    v[it + 1] = fmin(fmax(v[it + 1], c->v_clip_lo), c->v_clip_hi);
  }
}

static void test_noiseless_matches_reference(void) {
  const int64_t n = 37; /* two full SIMD blocks and a tail */
  ne_lif_batch_config c = default_config(n);
  c.i_std = 0.0;
  c.obs_noise_std = 0.0;
  c.voltage_every = 1;
  double *p = malloc(n * NE_LIF_N_PARAMS * sizeof(double));
  fill_params(p, n);
  ne_lif_batch *b = NULL;
  CHECK(ne_lif_batch_create(&c, p, n * NE_LIF_N_PARAMS, &b) == NE_OK);
  ne_lif_batch_info info = {.struct_size = sizeof info};
  CHECK(ne_lif_batch_info_get(b, &info) == NE_OK);
  CHECK(info.n_samples == 1000);
  CHECK(info.refractory_steps == 10);
  float *volt = malloc(n * 1000 * sizeof(float));
  CHECK(ne_lif_batch_advance(b, 1000, volt, n * 1000) == NE_OK);
  int32_t *counts = malloc(n * sizeof(int32_t));
  int32_t *steps = malloc(n * info.max_spikes * sizeof(int32_t));
  int32_t *over = malloc(n * sizeof(int32_t));
  double *mean = malloc(n * sizeof(double));
  CHECK(ne_lif_batch_read_spike_counts(b, counts, n) == NE_OK);
  CHECK(ne_lif_batch_read_spike_steps(b, steps, n * info.max_spikes, over, n) == NE_OK);
  CHECK(ne_lif_batch_read_mean_v(b, mean, n) == NE_OK);
  double ref_v[1000];
  int ref_spikes[1000], ref_n;
  int total_spikes = 0;
  for (int64_t i = 0; i < n; ++i) {
    reference_lif(p + i * NE_LIF_N_PARAMS, &c, c.i_mean, ref_v, ref_spikes, &ref_n);
    total_spikes += ref_n;
    CHECK_MSG(counts[i] == ref_n, "neuron %lld: %d spikes, reference %d", (long long)i, counts[i], ref_n);
    CHECK(over[i] == 0);
    int same_steps = 1, same_trace = 1;
    for (int s = 0; s < ref_n && s < counts[i]; ++s)
      same_steps &= steps[i * info.max_spikes + s] == ref_spikes[s];
    double sum = 0;
    for (int k = 0; k < 1000; ++k) {
      same_trace &= volt[i * 1000 + k] == (float)ref_v[k];
      sum += ref_v[k];
    }
    CHECK_MSG(same_steps, "neuron %lld spike steps differ", (long long)i);
    CHECK_MSG(same_trace, "neuron %lld voltage trace differs", (long long)i);
    CHECK_MSG(fabs(mean[i] - sum / 1000.0) < 1e-9, "neuron %lld mean_v %g vs %g", (long long)i, mean[i],
              sum / 1000.0);
  }
  CHECK(total_spikes > n); /* the drive is above threshold: the test means something */
  ne_lif_batch_destroy(b);
  free(p), free(volt), free(counts), free(steps), free(over), free(mean);
}

/* Run to the end in the given chunks and threads; return the voltage record. */
/* steps_out (may be NULL): the spike steps [n][max_possible_spikes], malloc'd */
static float *run_chunked_scheme(int64_t n, int chunk, int threads, uint64_t seed, int32_t *counts, int simd,
                                 uint32_t scheme, int32_t **steps_out, int64_t *steps_len) {
  ne_lif_batch_config c = default_config(n);
  c.simd = simd;
  c.scheme = scheme;
  c.voltage_every = 3;
  c.n_threads = threads;
  c.seed = seed;
  double *p = malloc(n * NE_LIF_N_PARAMS * sizeof(double));
  fill_params(p, n);
  ne_lif_batch *b = NULL;
  CHECK(ne_lif_batch_create(&c, p, n * NE_LIF_N_PARAMS, &b) == NE_OK);
  ne_lif_batch_info info = {.struct_size = sizeof info};
  ne_lif_batch_info_get(b, &info);
  int64_t len = n * info.n_voltage_samples;
  float *volt = calloc(len, sizeof(float));
  for (int64_t done = 0; done < info.n_samples;) {
    int64_t step = info.n_samples - done < chunk ? info.n_samples - done : chunk;
    CHECK(ne_lif_batch_advance(b, step, volt, len) == NE_OK);
    done += step;
  }
  ne_lif_batch_read_spike_counts(b, counts, n);
  if (steps_out != NULL) {
    *steps_len = n * info.max_spikes;
    *steps_out = malloc((*steps_len + 1) * sizeof(int32_t));
    int32_t *over = malloc(n * sizeof(int32_t));
    CHECK(ne_lif_batch_read_spike_steps(b, *steps_out, *steps_len, over, n) == NE_OK);
    free(over);
  }
  ne_lif_batch_destroy(b);
  free(p);
  return volt;
}

static float *run_chunked(int64_t n, int chunk, int threads, uint64_t seed, int32_t *counts, int simd) {
  return run_chunked_scheme(n, chunk, threads, seed, counts, simd, NE_LIF_SCHEME_EULER_REFERENCE, NULL, NULL);
}

static void test_threads_and_chunks_do_not_matter(void) {
  const int64_t n = 50;
  const int64_t len = n * 334;
  int32_t c1[50], c2[50], c3[50], c4[50];
  float *a = run_chunked(n, 1000, 1, 45, c1, 0);
  float *b = run_chunked(n, 7, 2, 45, c2, 0);
  float *d = run_chunked(n, 333, 2, 45, c3, 0);
  float *e = run_chunked(n, 1000, 1, 46, c4, 0);
  for (int threads = 3; threads <= 4; ++threads) { /* 4 blocks of 16 lanes: 3 threads split them unevenly */
    int32_t ct[50];
    float *t = run_chunked(n, 97, threads, 45, ct, 0);
    CHECK_MSG(memcmp(a, t, len * sizeof(float)) == 0 && memcmp(c1, ct, sizeof c1) == 0, "%d threads differ", threads);
    free(t);
  }
  CHECK(memcmp(a, b, len * sizeof(float)) == 0);
  CHECK(memcmp(a, d, len * sizeof(float)) == 0);
  CHECK(memcmp(c1, c2, sizeof c1) == 0);
  CHECK(memcmp(c1, c3, sizeof c1) == 0);
  CHECK(memcmp(a, e, len * sizeof(float)) != 0);
  free(a), free(b), free(d), free(e);
}

static void test_rejects_bad_input(void) {
  double p[NE_LIF_N_PARAMS];
  fill_params(p, 1);
  ne_lif_batch *b = (ne_lif_batch *)0x1;
  ne_lif_batch_config c = default_config(1);

  c.dt_ms = 0.0;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(b == NULL);
  CHECK(strstr(ne_last_error(), "dt_ms") != NULL);
  c = default_config(1);
  c.t_ms = 0.1;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "t_ms") != NULL);
  c = default_config(1);
  c.tref_ms = -1.0;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "tref_ms") != NULL);
  c = default_config(1);
  c.i_std = NAN;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "i_std") != NULL);
  c = default_config(0);
  CHECK(ne_lif_batch_create(&c, p, 0, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "n_neurons") != NULL);
  c = default_config(1);
  CHECK(ne_lif_batch_create(&c, p, 5, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "params") != NULL);
  c.n_neurons = INT64_MAX / 2;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "overflows") != NULL);

  c = default_config(1);
  double bad[NE_LIF_N_PARAMS];
  memcpy(bad, p, sizeof bad);
  bad[NE_LIF_PARAM_TAU_M] = INFINITY;
  CHECK(ne_lif_batch_create(&c, bad, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "tau_m") != NULL);
  memcpy(bad, p, sizeof bad);
  bad[NE_LIF_PARAM_V_RESET] = bad[NE_LIF_PARAM_V_TH];
  CHECK(ne_lif_batch_create(&c, bad, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "V_reset") != NULL);
  memcpy(bad, p, sizeof bad);
  bad[NE_LIF_PARAM_G_L] = 0.0;
  CHECK(ne_lif_batch_create(&c, bad, 6, &b) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "g_L") != NULL);

  c = default_config(1000);
  c.max_memory_bytes = 1000;
  double *many = malloc(1000 * NE_LIF_N_PARAMS * sizeof(double));
  fill_params(many, 1000);
  CHECK(ne_lif_batch_create(&c, many, 6000, &b) == NE_ERR_OUT_OF_MEMORY);
  CHECK(strstr(ne_last_error(), "max_memory_bytes") != NULL);
  free(many);

  /* advance: wrong voltage buffer, too many steps, past the end */
  c = default_config(1);
  c.voltage_every = 10;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_OK);
  float volt[100];
  CHECK(ne_lif_batch_advance(b, 10, volt, 99) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "voltage") != NULL);
  CHECK(ne_lif_batch_advance(b, 10, NULL, 0) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_lif_batch_advance(b, 0, volt, 100) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_lif_batch_advance(b, 1001, volt, 100) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_lif_batch_advance(b, 1000, volt, 100) == NE_OK);
  CHECK(ne_lif_batch_advance(b, 1, volt, 100) == NE_ERR_INVALID_STATE);
  int32_t counts[2];
  CHECK(ne_lif_batch_read_spike_counts(b, counts, 2) == NE_ERR_INVALID_ARGUMENT);
  ne_lif_batch_info info = {.struct_size = 3};
  CHECK(ne_lif_batch_info_get(b, &info) == NE_ERR_INVALID_ARGUMENT);
  ne_lif_batch_destroy(b);
}

/* A cap smaller than the spike count keeps the first spikes and flags it. */
static void test_spike_cap_flags_overflow(void) {
  ne_lif_batch_config c = default_config(1);
  c.i_std = 0.0;
  c.max_spikes = 2;
  double p[NE_LIF_N_PARAMS];
  fill_params(p, 1);
  ne_lif_batch *b = NULL;
  CHECK(ne_lif_batch_create(&c, p, 6, &b) == NE_OK);
  CHECK(ne_lif_batch_advance(b, 1000, NULL, 0) == NE_OK);
  int32_t count, steps[2], over;
  ne_lif_batch_read_spike_counts(b, &count, 1);
  CHECK(ne_lif_batch_read_spike_steps(b, steps, 2, &over, 1) == NE_OK);
  CHECK(count > 2);
  CHECK(over == 1);
  CHECK(steps[0] >= 0 && steps[1] > steps[0]);
  ne_lif_batch_destroy(b);
}

/* Every SIMD level this CPU has gives the same bits as the baseline, for
 * both schemes, whole runs and odd chunks (tiles of noise cut mid-way), and
 * sizes that use every kind of unit of the avx512 kernel (4 full blocks
 * together, single full blocks, a partial block). */
static void test_simd_levels_agree(void) {
  const int64_t sizes[] = {45, 101};
  const int chunks[] = {1000, 7};
  const uint32_t schemes[] = {NE_LIF_SCHEME_EULER_REFERENCE, NE_LIF_SCHEME_EXACT};
  for (int si = 0; si < 2; ++si)
    for (int ci = 0; ci < 2; ++ci)
      for (int sc = 0; sc < 2; ++sc) {
        const int64_t n = sizes[si], len = n * 334;
        int32_t *base_counts = malloc(n * sizeof(int32_t)), *counts = malloc(n * sizeof(int32_t));
        int32_t *base_steps, *steps;
        int64_t steps_len;
        float *base = run_chunked_scheme(n, chunks[ci], 2, 9, base_counts, 1, schemes[sc], &base_steps, &steps_len);
        for (int level = 2; level <= 3; ++level) {
          ne_lif_batch_config c = default_config(1);
          c.simd = level;
          int64_t bytes;
          if (ne_lif_batch_estimate_bytes(&c, &bytes) == NE_ERR_UNSUPPORTED) {
            printf("simd level %d not on this CPU: skipped\n", level);
            continue;
          }
          float *other = run_chunked_scheme(n, chunks[ci], 2, 9, counts, level, schemes[sc], &steps, &steps_len);
          CHECK_MSG(memcmp(base, other, len * sizeof(float)) == 0, "simd level %d voltage differs (n %lld chunk %d scheme %u)",
                    level, (long long)n, chunks[ci], schemes[sc]);
          CHECK_MSG(memcmp(base_counts, counts, n * sizeof(int32_t)) == 0, "simd level %d counts differ (n %lld chunk %d scheme %u)",
                    level, (long long)n, chunks[ci], schemes[sc]);
          CHECK_MSG(memcmp(base_steps, steps, steps_len * sizeof(int32_t)) == 0,
                    "simd level %d spike steps differ (n %lld chunk %d scheme %u)", level, (long long)n, chunks[ci],
                    schemes[sc]);
          free(other), free(steps);
        }
        free(base), free(base_counts), free(counts), free(base_steps);
      }
  ne_lif_batch_config c = default_config(1);
  c.simd = 7;
  int64_t bytes;
  CHECK(ne_lif_batch_estimate_bytes(&c, &bytes) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "simd") != NULL);
}

int main(void) {
  test_simd_levels_agree();
  test_noiseless_matches_reference();
  test_threads_and_chunks_do_not_matter();
  test_rejects_bad_input();
  test_spike_cap_flags_overflow();
  return ne_test_finish("test_lif_batch");
}
