/* User-defined neuron models in the LIF network engine: the built-in delta
 * LIF written as a user model (with the host-derived propagators) equals the
 * built-in network spike for spike and bit for bit, alone and mixed with
 * built-in populations, in a batch and on any thread count; an adaptive
 * exponential IF model (two state variables) is reproducible across threads
 * and batches; every field of the model is validated by name. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ne_test.h"
#include "network_fixtures.h"
#include "neuroengine.h"

#define DT 0.1

/* ---- the delta LIF as a user model: params e_l, v_th, v_reset, p22, p20, i_dc ---- */
enum { LIF_EL, LIF_VTH, LIF_VRESET, LIF_P22, LIF_P20, LIF_IDC, LIF_N };

static void lif_update(void *context, int32_t n, const double *params, double *const *state, int32_t *refractory,
                       int32_t ref_steps, const double *exc, const double *inh, double stim, int32_t *fired) {
  (void)context;
  (void)inh;
  const double e_l = params[LIF_EL], v_th = params[LIF_VTH], v_reset = params[LIF_VRESET];
  const double p22 = params[LIF_P22], drive = (params[LIF_IDC] + stim) * params[LIF_P20];
  double *v = state[0];
  for (int32_t i = 0; i < n; ++i) {
    const double vi = v[i];
    const double free_v = e_l + (vi - e_l) * p22 + drive + exc[i];
    const int32_t r = refractory[i];
    const double u = r > 0 ? vi : free_v;
    const int32_t spike = u >= v_th;
    v[i] = spike ? v_reset : u;
    refractory[i] = spike ? ref_steps : r > 0 ? r - 1 : r;
    fired[i] = spike;
  }
}

static const char *lif_names[1] = {"v"};
static const ne_network_neuron_model lif_model = {
    .struct_size = sizeof(ne_network_neuron_model), .n_state = 1, .n_params = LIF_N, .update = lif_update,
    .name = "lif", .state_names = lif_names};

/* ---- AdEx (Brette and Gerstner 2005), Euler, current input in pA on v ---- */
enum { AD_C, AD_GL, AD_EL, AD_VT, AD_DT, AD_TAUW, AD_A, AD_B, AD_VR, AD_VPEAK, AD_IDC, AD_N };

static void adex_update(void *context, int32_t n, const double *p, double *const *state, int32_t *refractory,
                        int32_t ref_steps, const double *exc, const double *inh, double stim, int32_t *fired) {
  (void)context;
  double *v = state[0], *w = state[1];
  for (int32_t i = 0; i < n; ++i) {
    const double vi = v[i], wi = w[i];
    const double input = exc[i] + inh[i] + p[AD_IDC] + stim;
    const double dv = (-p[AD_GL] * (vi - p[AD_EL]) + p[AD_GL] * p[AD_DT] * exp((vi - p[AD_VT]) / p[AD_DT]) - wi +
                       input) / p[AD_C];
    const double dw = (p[AD_A] * (vi - p[AD_EL]) - wi) / p[AD_TAUW];
    const int32_t r = refractory[i];
    double vn = r > 0 ? vi : vi + DT * dv;
    double wn = wi + DT * dw;
    const int32_t spike = r == 0 && vn > p[AD_VPEAK];
    vn = spike ? p[AD_VR] : vn;
    wn = spike ? wn + p[AD_B] : wn;
    v[i] = vn;
    w[i] = wn;
    refractory[i] = spike ? ref_steps : r > 0 ? r - 1 : r;
    fired[i] = spike;
  }
}

static const char *adex_names[2] = {"v", "w"};
static const ne_network_neuron_model adex_model = {
    .struct_size = sizeof(ne_network_neuron_model), .n_state = 2, .n_params = AD_N, .update = adex_update,
    .name = "adex", .state_names = adex_names};

/* Brunel's population with a DC input, so the constant-input term of the update is used too. */
static ne_network_population lif_population(int32_t size) {
  ne_network_population p = brunel_population(size);
  p.i_dc = 0.3;
  return p;
}

/* The same population as a user model: the propagators derived once on the
 * host exactly as the engine derives its own. */
static void as_user_lif(ne_network_population *p, double *params, ne_network_initial *init) {
  params[LIF_EL] = p->e_l;
  params[LIF_VTH] = p->v_th;
  params[LIF_VRESET] = p->v_reset;
  params[LIF_P22] = exp(-DT / p->tau_m_ms);
  params[LIF_P20] = -p->tau_m_ms * expm1(-DT / p->tau_m_ms);
  params[LIF_IDC] = p->i_dc;
  init->kind = p->v_init_kind;
  init->reserved = 0;
  init->a = p->v_init_a;
  init->b = p->v_init_b;
  p->model = &lif_model;
  p->model_params = params;
  p->model_init = init;
  /* the LIF fields are ignored for a model population: spoil them to prove it */
  p->tau_m_ms = -1.0;
  p->v_reset = 1e9;
}

typedef struct run_result {
  int64_t spikes;
  uint64_t hash;      /* every recorded spike (network, neuron, step) */
  uint64_t v_hash;    /* final V of every neuron, bits */
  uint64_t sum_hash;  /* sampled population sums, bits */
  double w_mean;      /* AdEx: mean final w of network 0 */
} run_result;

static uint64_t mix(uint64_t h, uint64_t x) { return h * 1000003u + x; }

static uint64_t bits_of(double x) {
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

/* The last chunk's spikes (network, neuron, step) in arrays the caller frees; its count. */
static int64_t chunk_spikes(ne_network *net, ne_network_info *info, int32_t **kk, int32_t **ii, int64_t **st) {
  *info = (ne_network_info){.struct_size = sizeof *info};
  ne_network_info_get(net, info);
  const int64_t n = info->chunk_spikes;
  *kk = malloc((size_t)(n + 1) * sizeof **kk);
  *ii = malloc((size_t)(n + 1) * sizeof **ii);
  *st = malloc((size_t)(n + 1) * sizeof **st);
  ne_network_read_spikes(net, *kk, *ii, *st, n);
  return n;
}

/* 800 + 200 neurons, Brunel-like delta network with Poisson drive, a box
 * stimulus on the excitatory population, K networks with their own weights;
 * `user` says which populations run the user LIF (bit 0: E, bit 1: I). */
static ne_status run_lif(int32_t K, int threads, int user, const int64_t *chunks, int n_chunks, run_result *out) {
  ne_network_population pops[2 * 3];
  double params[2 * 3][LIF_N];
  ne_network_initial init[2 * 3];
  uint64_t seeds[3] = {21, 22, 23};
  double weights[4 * 3];
  ne_network_drive drives[2 * 3];
  ne_network_stimulus stims[3];
  for (int k = 0; k < K; ++k) {
    pops[2 * k] = lif_population(800);
    pops[2 * k + 1] = lif_population(200);
    pops[2 * k + 1].i_dc = 0.1 * k;
    for (int q = 0; q < 2; ++q)
      if (user & (1 << q))
        as_user_lif(&pops[2 * k + q], params[2 * k + q], &init[2 * k + q]);
    double g = 5.0 + k;
    double ww[4] = {0.2, 0.2, -0.2 * g, -0.2 * g};
    memcpy(&weights[4 * k], ww, sizeof ww);
    for (int d = 0; d < 2; ++d) {
      ne_network_drive *dr = &drives[2 * k + d];
      memset(dr, 0, sizeof *dr);
      dr->struct_size = sizeof *dr;
      dr->target = d;
      dr->rate_hz = 80 * 110.0 * (1.0 + 0.1 * k);
      dr->weight = 0.2;
    }
    memset(&stims[k], 0, sizeof stims[k]);
    stims[k].struct_size = sizeof stims[k];
    stims[k].shape = NE_STIMULUS_BOX;
    stims[k].target = 0;
    stims[k].onset_ms = 20.0;
    stims[k].duration_ms = 30.0;
    stims[k].amplitude = 0.4;
  }
  ne_network_projection prs[4] = {projection(0, 0, 80, 1.5), projection(0, 1, 80, 1.5), projection(1, 0, 20, 0.8),
                                  projection(1, 1, 20, 0.8)};
  prs[2].delay_max_ms = 2.5; /* per-synapse delays too */
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, K, 2, seeds, pops);
  c.n_threads = threads;
  c.n_projections = 4;
  c.projections = prs;
  c.weights = weights;
  c.n_drives = 2;
  c.drives = drives;
  c.n_stimuli = 1;
  c.stimuli = stims;
  c.sample_every = 10;
  ne_network *net = NULL;
  ne_status s = ne_network_create(&c, &net);
  if (s != NE_OK)
    return s;
  memset(out, 0, sizeof *out);
  for (int i = 0; i < n_chunks && s == NE_OK; ++i) {
    s = ne_network_advance(net, chunks[i]);
    if (s != NE_OK)
      break;
    ne_network_info info;
    int32_t *kk, *ii;
    int64_t *st;
    const int64_t n = chunk_spikes(net, &info, &kk, &ii, &st);
    for (int64_t j = 0; j < n; ++j)
      out->hash = mix(out->hash, (uint64_t)(kk[j] * 7919 + ii[j]) * 104729u + (uint64_t)st[j]);
    out->spikes += n;
    const int64_t cells = info.chunk_samples * K * 2 * NE_NET_N_OBS;
    double *sums = malloc((size_t)(cells + 1) * sizeof *sums);
    ne_network_read_samples(net, sums, cells);
    for (int64_t j = 0; j < cells; ++j)
      out->sum_hash = mix(out->sum_hash, bits_of(sums[j]));
    free(sums);
    free(kk);
    free(ii);
    free(st);
  }
  double *v = malloc((size_t)K * 1000 * sizeof *v);
  ne_network_read_state(net, NE_NET_STATE_V, v, (int64_t)K * 1000);
  for (int64_t i = 0; i < (int64_t)K * 1000; ++i)
    out->v_hash = mix(out->v_hash, bits_of(v[i]));
  free(v);
  ne_network_destroy(net);
  return s;
}

static void test_user_lif_equals_builtin(void) {
  const int64_t one[1] = {2000}, many[3] = {7, 993, 1000};
  run_result builtin, user, mixed, threaded, batch, single_batch;
  CHECK(run_lif(1, 1, 0, one, 1, &builtin) == NE_OK);
  CHECK(run_lif(1, 1, 3, one, 1, &user) == NE_OK);
  CHECK(run_lif(1, 1, 1, one, 1, &mixed) == NE_OK);
  CHECK(run_lif(1, 3, 3, many, 3, &threaded) == NE_OK);
  CHECK_MSG(builtin.spikes > 2000, "only %lld spikes: the network should be active", (long long)builtin.spikes);
  CHECK_MSG(user.spikes == builtin.spikes && user.hash == builtin.hash,
            "user LIF: %lld spikes, built-in %lld (or other neurons/steps)", (long long)user.spikes,
            (long long)builtin.spikes);
  CHECK(user.v_hash == builtin.v_hash && user.sum_hash == builtin.sum_hash);
  CHECK(mixed.hash == builtin.hash && mixed.v_hash == builtin.v_hash && mixed.sum_hash == builtin.sum_hash);
  CHECK(threaded.hash == builtin.hash && threaded.v_hash == builtin.v_hash && threaded.sum_hash == builtin.sum_hash);
  /* a batch of 3 user networks equals the built-in batch */
  CHECK(run_lif(3, 2, 0, one, 1, &batch) == NE_OK);
  CHECK(run_lif(3, 2, 3, one, 1, &single_batch) == NE_OK);
  CHECK(batch.hash == single_batch.hash && batch.v_hash == single_batch.v_hash &&
        batch.sum_hash == single_batch.sum_hash);
  CHECK(batch.spikes > builtin.spikes);
}

/* AdEx network: 400 E + 100 I, current synapses (pA) on v with Poisson drive. */
static ne_status run_adex(int32_t K, int threads, run_result *out) {
  ne_network_population pops[2 * 2];
  double params[2 * 2][AD_N];
  ne_network_initial init[2 * 2][2];
  uint64_t seeds[2] = {5, 6};
  double weights[4 * 2];
  ne_network_drive drives[2 * 2];
  for (int k = 0; k < K; ++k)
    for (int q = 0; q < 2; ++q) {
      ne_network_population *p = &pops[2 * k + q];
      memset(p, 0, sizeof *p);
      p->struct_size = sizeof *p;
      p->size = q == 0 ? 400 : 100;
      p->record_spikes = -1;
      p->t_ref_ms = 2.0;
      double *a = params[2 * k + q];
      a[AD_C] = 281.0;
      a[AD_GL] = 30.0;
      a[AD_EL] = -70.6;
      a[AD_VT] = -50.4;
      a[AD_DT] = 2.0;
      a[AD_TAUW] = 144.0;
      a[AD_A] = q == 0 ? 4.0 : 0.0;
      a[AD_B] = q == 0 ? 80.5 : 0.0;
      a[AD_VR] = -70.6;
      a[AD_VPEAK] = 0.0;
      a[AD_IDC] = 650.0 + 50.0 * k;
      init[2 * k + q][0] = (ne_network_initial){NE_INIT_UNIFORM, 0, -70.6, -55.0};
      init[2 * k + q][1] = (ne_network_initial){NE_INIT_CONSTANT, 0, 0.0, 0.0};
      p->model = &adex_model;
      p->model_params = a;
      p->model_init = init[2 * k + q];
      double ww[4] = {30.0, 30.0, -120.0, -120.0};
      memcpy(&weights[4 * k], ww, sizeof ww);
      ne_network_drive *dr = &drives[2 * k + q];
      memset(dr, 0, sizeof *dr);
      dr->struct_size = sizeof *dr;
      dr->target = q;
      dr->rate_hz = 2000.0;
      dr->weight = 40.0;
    }
  ne_network_projection prs[4] = {projection(0, 0, 40, 1.0), projection(0, 1, 40, 1.0), projection(1, 0, 10, 1.0),
                                  projection(1, 1, 10, 1.0)};
  /* two rings: exc and inh apart */
  ne_network_config c = base_config(NE_SYNAPSE_EXP_CURRENT, K, 2, seeds, pops);
  c.n_threads = threads;
  c.connectivity_seed = 7;
  c.n_projections = 4;
  c.projections = prs;
  c.weights = weights;
  c.n_drives = 2;
  c.drives = drives;
  ne_network *net = NULL;
  ne_status s = ne_network_create(&c, &net);
  if (s != NE_OK)
    return s;
  memset(out, 0, sizeof *out);
  s = ne_network_advance(net, 3000);
  if (s == NE_OK) {
    ne_network_info info;
    int32_t *kk, *ii;
    int64_t *st;
    const int64_t n = chunk_spikes(net, &info, &kk, &ii, &st);
    for (int64_t j = 0; j < n; ++j)
      if (kk[j] == 0) {
        out->hash = mix(out->hash, (uint64_t)ii[j] * 104729u + (uint64_t)st[j]);
        ++out->spikes;
      }
    free(kk);
    free(ii);
    free(st);
    double *w = malloc((size_t)K * 500 * sizeof *w);
    CHECK(ne_network_read_state(net, NE_NET_STATE_MODEL + 1, w, (int64_t)K * 500) == NE_OK);
    for (int i = 0; i < 500; ++i) {
      out->w_mean += w[i] / 500.0;
      out->v_hash = mix(out->v_hash, bits_of(w[i]));
    }
    /* variable 2 does not exist */
    CHECK(ne_network_read_state(net, NE_NET_STATE_MODEL + 2, w, (int64_t)K * 500) == NE_ERR_INVALID_ARGUMENT);
    free(w);
  }
  ne_network_destroy(net);
  return s;
}

static void test_adex_reproducible(void) {
  run_result one, four, batch;
  CHECK(run_adex(1, 1, &one) == NE_OK);
  CHECK(run_adex(1, 4, &four) == NE_OK);
  CHECK(run_adex(2, 2, &batch) == NE_OK);
  /* 500 neurons for 300 ms: active but not saturated (the refractory period caps at 500 Hz) */
  CHECK_MSG(one.spikes > 500 && one.spikes < 500 * 300 / 2, "AdEx network fired %lld spikes",
            (long long)one.spikes);
  CHECK(one.hash == four.hash && one.v_hash == four.v_hash);
  CHECK(one.hash == batch.hash && one.v_hash == batch.v_hash); /* network 0 of the batch */
  CHECK_MSG(one.w_mean > 0.0, "adaptation current w should build up with spikes, mean %g", one.w_mean);
}

static int error_has(const char *a, const char *b) {
  const char *e = ne_last_error();
  int ok = strstr(e, a) != NULL && (!b || strstr(e, b) != NULL);
  if (!ok)
    fprintf(stderr, "  message was: %s\n", e);
  return ok;
}

static void test_validation(void) {
  ne_network_population pops[2] = {lif_population(10), lif_population(10)};
  double params[2][LIF_N];
  ne_network_initial init[2];
  as_user_lif(&pops[0], params[0], &init[0]);
  as_user_lif(&pops[1], params[1], &init[1]);
  uint64_t seeds[2] = {1, 2};
  ne_network_config c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c;
  c.n_networks = 1;
  c.n_populations = 2;
  c.n_threads = 1;
  c.dt_ms = DT;
  c.seeds = seeds;
  c.populations = pops;
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  ne_network_destroy(net);
  net = NULL;

  ne_network_neuron_model m = lif_model;
  pops[1].model = &m;
  m.struct_size = 8;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT && net == NULL);
  CHECK(error_has("populations[1].model->struct_size", NULL));
  m.struct_size = sizeof m;
  m.n_state = 0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("n_state", "lif"));
  m.n_state = NE_NET_MODEL_MAX_STATE + 1;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("n_state", "got 17"));
  m.n_state = 1;
  m.n_params = NE_NET_MODEL_MAX_PARAMS + 1;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("n_params", NULL));
  m.n_params = LIF_N;
  m.update = NULL;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("update", "NULL"));
  m.update = lif_update;
  m.reserved = 3;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("reserved", NULL));
  m.reserved = 0;

  pops[1].model_params = NULL;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("populations[1].model_params", "NULL"));
  pops[1].model_params = params[1];
  params[1][LIF_P22] = NAN;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("model_params[3]", "finite"));
  params[1][LIF_P22] = 0.99;
  pops[1].model_init = NULL;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("model_init", "NULL"));
  pops[1].model_init = &init[1];
  init[1].kind = 7;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("model_init[0].kind", "variable v of model lif"));
  init[1].kind = NE_INIT_UNIFORM;
  init[1].b = init[1].a - 1.0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("model_init[0] (variable v", "a <= b"));
  init[1].b = init[1].a + 1.0;
  pops[1].t_ref_ms = -1.0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("t_ref_ms", NULL));
  pops[1].t_ref_ms = 2.0;
  c.precision = NE_PRECISION_FLOAT32;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("precision", "float64"));
  c.precision = NE_PRECISION_FLOAT64;

  /* a batch shares its models: network 1's population 1 without it */
  ne_network_population batch[4] = {pops[0], pops[1], pops[0], lif_population(10)};
  c.n_networks = 2;
  c.populations = batch;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("populations[3].model", "network 0's model"));
  batch[3] = pops[1];
  CHECK(ne_network_create(&c, &net) == NE_OK);
  double values[40];
  CHECK(ne_network_read_state(net, NE_NET_STATE_MODEL + 0, values, 40) == NE_OK);
  for (int i = 0; i < 40; ++i)
    CHECK(values[i] >= pops[0].v_init_a && values[i] < pops[0].v_init_b);
  CHECK(ne_network_read_state(net, NE_NET_STATE_MODEL + 1, values, 40) == NE_ERR_INVALID_ARGUMENT);
  CHECK(error_has("NE_NET_STATE_MODEL + 1", NULL));
  ne_network_destroy(net);
}

/* v' = v^2 from v = 1 blows up near t = 1 ms: the advance fails with NE_ERR_NON_FINITE naming the variable. */
static void blowup_update(void *context, int32_t n, const double *params, double *const *state, int32_t *refractory,
                          int32_t ref_steps, const double *exc, const double *inh, double stim, int32_t *fired) {
  (void)context, (void)params, (void)refractory, (void)ref_steps, (void)exc, (void)inh, (void)stim;
  for (int32_t i = 0; i < n; ++i) {
    state[0][i] += DT * state[0][i] * state[0][i];
    fired[i] = 0;
  }
}

static void test_non_finite(void) {
  static const char *names[1] = {"v"};
  ne_network_neuron_model m = {.struct_size = sizeof m, .n_state = 1, .update = blowup_update, .name = "blowup",
                               .state_names = names};
  ne_network_initial init = {NE_INIT_CONSTANT, 0, 1.0, 0.0};
  ne_network_population pop = lif_population(4);
  pop.model = &m;
  pop.model_init = &init;
  uint64_t seed = 1;
  ne_network_config c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c;
  c.n_networks = 1;
  c.n_populations = 1;
  c.n_threads = 1;
  c.dt_ms = DT;
  c.seeds = &seed;
  c.populations = &pop;
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  CHECK(ne_network_advance(net, 5) == NE_OK); /* v(0.5 ms) is about 2: still finite */
  CHECK(ne_network_advance(net, 100) == NE_ERR_NON_FINITE);
  CHECK(error_has("state variable v of neuron model blowup is", "t = 10.5 ms"));
  CHECK(ne_network_advance(net, 1) != NE_OK); /* unusable afterwards */
  ne_network_destroy(net);
}

int main(void) {
  test_user_lif_equals_builtin();
  test_adex_reproducible();
  test_validation();
  test_non_finite();
  return ne_test_finish("test_network_model");
}
