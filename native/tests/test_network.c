/* LIF network kernel: closed-form single-neuron trajectories, delays,
 * refractory discard, connectivity rules, reproducibility across thread
 * counts / chunk sizes / batching, and argument validation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ne_test.h"
#include "network_fixtures.h"
#include "neuroengine.h"

/* Delta neuron with DC input a (mV/ms) from V0 = 0: V_n = V_inf (1 - p22^n), V_inf = a tau_m. The
 * first spike is the first n with V_n >= V_th; afterwards the neuron is held at reset for
 * ref steps and then relaxes from V_reset. */
static void test_dc_trajectory(void) {
  ne_network_population pop = brunel_population(1);
  pop.v_init_kind = NE_INIT_CONSTANT;
  pop.v_init_a = 0.0;
  pop.i_dc = 1.5; /* V_inf = 30 mV */
  uint64_t seed = 1;
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, 1, 1, &seed, &pop);
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  double p22 = exp(-0.1 / 20.0), v_inf = 30.0, v = 0.0;
  int64_t expected[3];
  int found = 0, refr = 0;
  for (int64_t n = 0; n < 2000 && found < 3; ++n) {
    if (refr > 0) {
      --refr;
      continue;
    }
    v = v_inf + (v - v_inf) * p22;
    if (v >= 20.0) {
      expected[found++] = n;
      v = 10.0;
      refr = 20;
    }
  }
  CHECK(found == 3);
  int got = 0;
  for (int64_t n = 0; n < 2000 && got < 3; ++n) {
    CHECK(ne_network_advance(net, 1) == NE_OK);
    ne_network_info info = {.struct_size = sizeof info};
    ne_network_info_get(net, &info);
    if (info.chunk_spikes == 1) {
      int32_t k, i;
      int64_t step;
      CHECK(ne_network_read_spikes(net, &k, &i, &step, 1) == NE_OK);
      CHECK_MSG(step == expected[got], "spike %d at step %lld, closed form %lld", got, (long long)step,
                (long long)expected[got]);
      ++got;
    }
  }
  CHECK(got == 3);
  /* V right after the first interval relaxes like the closed form (checked above through the spike steps);
   * the value itself: */
  ne_network_destroy(net);
}

/* Source neuron fires (DC) at a known step; a target 1 step later sees nothing until step + delay. */
static void test_delay_and_refractory_discard(void) {
  ne_network_population pops[2] = {brunel_population(1), brunel_population(1)};
  pops[0].v_init_kind = NE_INIT_CONSTANT;
  pops[0].v_init_a = 19.99;
  pops[0].i_dc = 2.0; /* fires in the first step */
  pops[1].v_init_kind = NE_INIT_CONSTANT;
  pops[1].v_init_a = 0.0;
  pops[1].v_th = 1000.0;
  ne_network_projection pr = projection(0, 1, 1, 1.54); /* rounds to 15 steps */
  double w = 0.5;
  uint64_t seed = 3;
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, 1, 2, &seed, pops);
  c.n_projections = 1;
  c.projections = &pr;
  c.weights = &w;
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  double v[2];
  CHECK(ne_network_advance(net, 1) == NE_OK); /* step 0: source spikes */
  ne_network_info info = {.struct_size = sizeof info};
  ne_network_info_get(net, &info);
  CHECK(info.chunk_spikes == 1);
  for (int64_t n = 1; n <= 15; ++n) {
    CHECK(ne_network_advance(net, 1) == NE_OK);
    ne_network_read_state(net, NE_NET_STATE_V, v, 2);
    if (n < 15)
      CHECK_MSG(v[1] == 0.0, "target moved at step %lld before the delay", (long long)n);
    else
      CHECK_MSG(fabs(v[1] - 0.5) < 1e-15, "target V %.17g at step 15, expected the weight 0.5", v[1]);
  }
  ne_network_destroy(net);

  /* Same, but the target is refractory when the input arrives: it is discarded. */
  pops[1].v_th = 1.0;
  pops[1].v_reset = 0.25;
  pops[1].v_init_a = 0.99;
  pops[1].i_dc = 0.5; /* the target fires at step 0 and is refractory for 20 steps */
  pops[1].t_ref_ms = 2.0;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  CHECK(ne_network_advance(net, 16) == NE_OK);
  ne_network_read_state(net, NE_NET_STATE_V, v, 2);
  CHECK_MSG(v[1] == 0.25, "refractory target V %.17g, expected reset 0.25 (input discarded)", v[1]);
  ne_network_destroy(net);
}

/* Brunel-like E/I network; returns spikes as a checksum and V for comparisons. */
static uint32_t run_precision = NE_PRECISION_FLOAT64; /* run_brunel's state precision */
static uint32_t run_synapse = NE_SYNAPSE_DELTA;         /* and synapse model */
static double run_delays_ms[4] = {1.5, 1.5, 1.5, 1.5};  /* E->E, E->I, I->E, I->I */
static double run_delay_max_ms = 0.0;                   /* > a delay: that projection's synapses spread up to it */
static uint64_t run_samples_hash;                       /* the run's population sums, bit for bit */

static ne_status run_brunel(int32_t K, const uint64_t *seeds, int threads, int simd, const int64_t *chunks, int n_chunks,
                            double *v_out, int64_t *spikes_out, int64_t *spike_hash_out) {
  ne_network_population pops[2 * 4];
  for (int k = 0; k < K; ++k) {
    pops[2 * k] = brunel_population(800);
    pops[2 * k + 1] = brunel_population(200);
  }
  ne_network_projection prs[4] = {projection(0, 0, 80, run_delays_ms[0]), projection(0, 1, 80, run_delays_ms[1]),
                                  projection(1, 0, 20, run_delays_ms[2]), projection(1, 1, 20, run_delays_ms[3])};
  for (int i = 0; i < 4; ++i)
    prs[i].delay_max_ms = run_delay_max_ms;
  double weights[4 * 4];
  ne_network_drive drives[2 * 4];
  /* weights in mV (delta), pA (exp_current) or nS (conductance), scaled so each is active */
  const double unit = run_synapse == NE_SYNAPSE_DELTA ? 1.0 : run_synapse == NE_SYNAPSE_EXP_CURRENT ? 300.0 : 10.0;
  for (int i = 0; run_synapse != NE_SYNAPSE_DELTA && i < 2 * K; ++i)
    pops[i].tau_inh_ms = 1.0; /* excitatory and inhibitory decays differ, so swapping them shows */
  if (run_synapse == NE_SYNAPSE_EXP_CONDUCTANCE)
    for (int i = 0; i < 2 * K; ++i) {
      pops[i].e_exc = 60.0;
      pops[i].e_inh = -10.0;
    }
  for (int k = 0; k < K; ++k) {
    double g = 5.0 + k;
    double ww[4] = {0.2 * unit, 0.2 * unit, -0.2 * g * unit, -0.2 * g * unit};
    memcpy(&weights[4 * k], ww, sizeof ww);
    for (int d = 0; d < 2; ++d) {
      ne_network_drive *dr = &drives[2 * k + d];
      memset(dr, 0, sizeof *dr);
      dr->struct_size = sizeof *dr;
      dr->target = d;
      dr->rate_hz = 80 * 125.0 * (1.0 + 0.1 * k); /* eta = 2 */
      dr->weight = 0.2 * unit;
    }
  }
  ne_network_config c = base_config(run_synapse, K, 2, seeds, pops);
  c.n_projections = 4;
  c.projections = prs;
  c.weights = weights;
  c.n_drives = 2;
  c.drives = drives;
  c.n_threads = threads;
  c.simd = simd;
  c.precision = run_precision;
  c.sample_every = 10;
  ne_network *net = NULL;
  ne_status s = ne_network_create(&c, &net);
  if (s != NE_OK)
    return s;
  int64_t total = 0;
  uint64_t hash = 0;
  run_samples_hash = 0;
  for (int i = 0; i < n_chunks; ++i) {
    s = ne_network_advance(net, chunks[i]);
    if (s != NE_OK)
      break;
    ne_network_info info = {.struct_size = sizeof info};
    ne_network_info_get(net, &info);
    int64_t n = info.chunk_spikes;
    int32_t *kk = malloc((size_t)(n + 1) * sizeof *kk), *ii = malloc((size_t)(n + 1) * sizeof *ii);
    int64_t *st = malloc((size_t)(n + 1) * sizeof *st);
    ne_network_read_spikes(net, kk, ii, st, n);
    for (int64_t j = 0; j < n; ++j)
      hash = hash * 1000003u + (uint64_t)(kk[j] * 7919 + ii[j]) * 104729u + (uint64_t)st[j];
    total += n;
    const int64_t cells = info.chunk_samples * K * 2 * NE_NET_N_OBS;
    double *sums = malloc((size_t)(cells + 1) * sizeof *sums);
    ne_network_read_samples(net, sums, cells);
    for (int64_t j = 0; j < cells; ++j) {
      uint64_t bits;
      memcpy(&bits, &sums[j], sizeof bits);
      run_samples_hash = run_samples_hash * 1000003u + bits;
    }
    free(sums);
    free(kk);
    free(ii);
    free(st);
  }
  if (v_out)
    ne_network_read_state(net, NE_NET_STATE_V, v_out, (int64_t)K * 1000);
  *spikes_out = total;
  *spike_hash_out = (int64_t)hash;
  ne_network_destroy(net);
  return s;
}

static void test_reproducibility(void) {
  uint64_t seeds[3] = {11, 12, 13};
  int64_t one_chunk[1] = {3000}, many[4] = {1, 7, 992, 2000};
  double *v1 = malloc(3000 * sizeof *v1), *v2 = malloc(3000 * sizeof *v2);
  int64_t n1, h1, n2, h2, n3, h3;
  CHECK(run_brunel(1, seeds, 1, 1, one_chunk, 1, v1, &n1, &h1) == NE_OK); /* baseline SIMD level */
  CHECK(run_brunel(1, seeds, 2, 0, many, 4, v2, &n2, &h2) == NE_OK);     /* the best level */
  CHECK_MSG(n1 > 1000, "only %lld spikes", (long long)n1); /* the network is active */
  CHECK_MSG(n1 == n2 && h1 == h2, "spikes differ between 1 thread/1 chunk/baseline and 2 threads/4 chunks/best SIMD: %lld vs %lld",
            (long long)n1, (long long)n2);
  CHECK(memcmp(v1, v2, 1000 * sizeof *v1) == 0);
  /* network 0 of a batch of 3 equals the single run with the same seed */
  CHECK(run_brunel(3, seeds, 2, 0, one_chunk, 1, v2, &n3, &h3) == NE_OK);
  CHECK(memcmp(v1, v2, 1000 * sizeof *v1) == 0);
  /* another seed gives other spikes */
  uint64_t other = 99;
  CHECK(run_brunel(1, &other, 1, 0, one_chunk, 1, v2, &n3, &h3) == NE_OK);
  CHECK(h3 != h1);
  free(v1);
  free(v2);
}

/* Per-synapse delays: one source, 300 targets with delays uniform on [1.0, 3.0] ms (10..30 steps):
 * every target's V jumps exactly at its own delay, and the delays cover the range evenly. */
static void test_spread_delays(void) {
  ne_network_population pops[2] = {brunel_population(1), brunel_population(300)};
  pops[0].v_init_kind = NE_INIT_CONSTANT;
  pops[0].v_init_a = 19.99;
  pops[0].i_dc = 2.0;       /* fires in step 0 */
  pops[0].t_ref_ms = 100.0; /* and not again */
  pops[1].v_init_kind = NE_INIT_CONSTANT;
  pops[1].v_init_a = 0.0;
  pops[1].v_th = 1000.0;
  ne_network_projection pr = projection(0, 1, 1, 1.0);
  pr.delay_max_ms = 3.0;
  double w = 0.5;
  uint64_t seed = 9;
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, 1, 2, &seed, pops);
  c.n_projections = 1;
  c.projections = &pr;
  c.weights = &w;
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  int32_t targets[300], delays[300];
  int64_t n = 0;
  CHECK(ne_network_read_targets(net, 0, targets, 300, &n) == NE_OK && n == 300);
  CHECK(ne_network_read_target_delays(net, 0, delays, 300, &n) == NE_OK && n == 300);
  double sum = 0;
  int lo = 1000, hi = 0;
  int32_t delay_of[301];
  for (int i = 0; i < 300; ++i) {
    CHECK(targets[i] == i + 1);
    delay_of[targets[i]] = delays[i];
    sum += delays[i];
    lo = delays[i] < lo ? delays[i] : lo;
    hi = delays[i] > hi ? delays[i] : hi;
  }
  CHECK(lo >= 10 && hi <= 30 && lo <= 11 && hi >= 29);
  /* mean of rounded U[10, 30] steps is 20, sd of the mean 5.8 / sqrt(300) = 0.33 */
  CHECK_MSG(fabs(sum / 300 - 20.0) < 4 * 0.34, "mean delay %g steps", sum / 300);
  double v[301];
  for (int64_t step = 0; step <= 31; ++step) {
    CHECK(ne_network_advance(net, 1) == NE_OK);
    ne_network_read_state(net, NE_NET_STATE_V, v, 301);
    for (int t = 1; t <= 300; ++t) {
      double expected = step >= delay_of[t] ? 0.5 * pow(exp(-0.1 / 20.0), (double)(step - delay_of[t])) : 0.0;
      CHECK_MSG(fabs(v[t] - expected) < 1e-12, "target %d at step %lld: V %g, delay %d", t, (long long)step, v[t],
                delay_of[t]);
    }
  }
  ne_network_destroy(net);
}

/* float32 state: the same bits for 1/2 threads, chunkings and SIMD levels, and the same activity
 * as float64 within sampling error (spike counts of 3000 steps of the 1000-neuron network). */
static void test_float32(void) {
  uint64_t seeds[1] = {11};
  int64_t one_chunk[1] = {3000}, many[4] = {1, 7, 992, 2000};
  double *v1 = malloc(1000 * sizeof *v1), *v2 = malloc(1000 * sizeof *v2);
  int64_t n64, h64, n1, h1, n2, h2;
  CHECK(run_brunel(1, seeds, 1, 1, one_chunk, 1, v1, &n64, &h64) == NE_OK);
  run_precision = NE_PRECISION_FLOAT32;
  CHECK(run_brunel(1, seeds, 1, 1, one_chunk, 1, v1, &n1, &h1) == NE_OK);
  CHECK(run_brunel(1, seeds, 2, 0, many, 4, v2, &n2, &h2) == NE_OK);
  run_precision = NE_PRECISION_FLOAT64;
  CHECK_MSG(n1 == n2 && h1 == h2, "float32 spikes differ between runs: %lld vs %lld", (long long)n1, (long long)n2);
  CHECK(memcmp(v1, v2, 1000 * sizeof *v1) == 0);
  for (int i = 0; i < 1000; ++i)
    CHECK(v1[i] == (double)(float)v1[i]); /* the state really is float */
  CHECK_MSG(fabs((double)n1 - (double)n64) < 0.03 * (double)n64, "float32 %lld vs float64 %lld spikes", (long long)n1,
            (long long)n64);
  free(v1);
  free(v2);
}

/* Every SIMD level this CPU has gives the baseline's bits for every synapse
 * model and both precisions (2 threads, odd chunks). */
static void test_simd_levels_agree(void) {
  const uint32_t synapses[3] = {NE_SYNAPSE_DELTA, NE_SYNAPSE_EXP_CURRENT, NE_SYNAPSE_EXP_CONDUCTANCE};
  const uint32_t precisions[2] = {NE_PRECISION_FLOAT64, NE_PRECISION_FLOAT32};
  uint64_t seeds[1] = {21};
  int64_t chunks[3] = {7, 993, 1000};
  double *v1 = malloc(1000 * sizeof *v1), *v2 = malloc(1000 * sizeof *v2);
  for (int si = 0; si < 3; ++si)
    for (int pi = 0; pi < 2; ++pi) {
      run_synapse = synapses[si];
      run_precision = precisions[pi];
      int64_t n1, h1, n2, h2;
      CHECK(run_brunel(1, seeds, 2, 1, chunks, 3, v1, &n1, &h1) == NE_OK);
      CHECK_MSG(n1 > 200, "synapse %u: only %lld spikes", synapses[si], (long long)n1); /* active */
      for (int level = 2; level <= 3; ++level) {
        ne_status s = run_brunel(1, seeds, 2, level, chunks, 3, v2, &n2, &h2);
        if (s == NE_ERR_UNSUPPORTED)
          continue;
        CHECK(s == NE_OK);
        CHECK_MSG(n1 == n2 && h1 == h2, "synapse %u precision %u level %d: spikes %lld vs %lld", synapses[si],
                  precisions[pi], level, (long long)n2, (long long)n1);
        CHECK_MSG(memcmp(v1, v2, 1000 * sizeof *v1) == 0, "synapse %u precision %u level %d: V differs", synapses[si],
                  precisions[pi], level);
      }
    }
  run_synapse = NE_SYNAPSE_DELTA;
  run_precision = NE_PRECISION_FLOAT64;
  free(v1);
  free(v2);
}

static void test_connectivity_rules(void) {
  ne_network_population pops[2] = {brunel_population(300), brunel_population(100)};
  ne_network_projection prs[3] = {projection(0, 0, 50, 1.0), projection(0, 1, 300, 1.0), projection(1, 0, 0, 1.0)};
  prs[0].allow_autapses = 0;
  prs[0].allow_multapses = 0;
  prs[1].allow_multapses = 0; /* all 300 sources, each once */
  prs[2].rule = NE_CONNECT_PAIRWISE_BERNOULLI;
  prs[2].probability = 0.2;
  double w[3] = {0.1, 0.1, -0.5};
  uint64_t seed = 5;
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, 1, 2, &seed, pops);
  c.n_projections = 3;
  c.projections = prs;
  c.weights = w;
  c.n_threads = 2;
  ne_network *net = NULL;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  if (!net)
    return;
  /* in-degree of each target from each source population, and duplicates/autapses */
  int32_t *from_e = calloc(400, sizeof *from_e), *from_i = calloc(400, sizeof *from_i);
  int32_t *last_source_seen = malloc(400 * sizeof(int32_t));
  int duplicates = 0, autapses = 0;
  int32_t buffer[400];
  for (int j = 0; j < 400; ++j)
    last_source_seen[j] = -1;
  int64_t bernoulli = 0;
  for (int64_t s = 0; s < 400; ++s) {
    int64_t n = 0;
    CHECK(ne_network_read_targets(net, s, buffer, 400, &n) == NE_OK);
    for (int64_t i = 0; i < n; ++i) {
      int32_t t = buffer[i];
      if (i > 0)
        CHECK(buffer[i - 1] <= t);
      if (s < 300) {
        ++from_e[t];
        if (t < 300 && last_source_seen[t] == (int32_t)s)
          ++duplicates;
        if (t == s)
          ++autapses;
        last_source_seen[t] = (int32_t)s;
      } else {
        ++from_i[t];
        ++bernoulli;
      }
    }
  }
  for (int j = 0; j < 300; ++j)
    CHECK(from_e[j] == 50);
  for (int j = 300; j < 400; ++j)
    CHECK(from_e[j] == 300 && from_i[j] == 0);
  CHECK(duplicates == 0);
  CHECK(autapses == 0);
  /* Bernoulli I->E: 100 x 300 pairs at p = 0.2: mean 6000, sd 69 */
  CHECK_MSG(fabs((double)bernoulli - 6000.0) < 4 * 69.3, "bernoulli synapses %lld", (long long)bernoulli);
  ne_network_info info = {.struct_size = sizeof info};
  CHECK(ne_network_info_get(net, &info) == NE_OK);
  CHECK(info.synapses == 300 * 50 + 100 * 300 + bernoulli);
  free(from_e);
  free(from_i);
  free(last_source_seen);
  ne_network_destroy(net);
}

static void test_bad_input(void) {
  ne_network_population pops[2] = {brunel_population(10), brunel_population(10)};
  ne_network_projection pr = projection(0, 1, 5, 1.0);
  double w = 0.1;
  uint64_t seed = 1;
  ne_network_config c = base_config(NE_SYNAPSE_DELTA, 1, 2, &seed, pops);
  c.n_projections = 1;
  c.projections = &pr;
  c.weights = &w;
  ne_network *net = (ne_network *)0x1;
  CHECK(ne_network_create(NULL, &net) == NE_ERR_INVALID_ARGUMENT && net == NULL);
  c.struct_size = 8;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT && net == NULL);
  CHECK(strstr(ne_last_error(), "struct_size") != NULL);
  c.struct_size = sizeof c;
  pr.indegree = -1;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "indegree") != NULL);
  pr.indegree = 11;
  pr.allow_multapses = 0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "multapses") != NULL);
  pr.indegree = 5;
  pr.delay_ms = 0.05;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "delay_ms") != NULL);
  pr.delay_ms = 1.0;
  w = NAN;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "weights") != NULL);
  w = 0.1;
  pops[1].v_reset = 30.0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "v_reset") != NULL);
  pops[1].v_reset = 10.0;
  pops[1].tau_m_ms = INFINITY;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  pops[1].tau_m_ms = 20.0;
  pr.target = 2;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "target") != NULL);
  pr.target = 1;
  c.dt_ms = 0.0;
  CHECK(ne_network_create(&c, &net) == NE_ERR_INVALID_ARGUMENT);
  c.dt_ms = 0.1;
  c.max_memory_bytes = 1000;
  CHECK(ne_network_create(&c, &net) == NE_ERR_OUT_OF_MEMORY);
  CHECK(strstr(ne_last_error(), "max_memory_bytes") != NULL);
  c.max_memory_bytes = 0;
  CHECK(ne_network_create(&c, &net) == NE_OK);
  CHECK(ne_network_advance(net, 0) == NE_ERR_INVALID_ARGUMENT);
  int32_t a[1], b[1];
  int64_t s[1];
  CHECK(ne_network_advance(net, 100) == NE_OK);
  CHECK(ne_network_read_spikes(net, a, b, s, -1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_network_read_state(net, 9, NULL, 20) == NE_ERR_INVALID_ARGUMENT);
  int64_t count;
  CHECK(ne_network_read_targets(net, 20, NULL, 0, &count) == NE_ERR_INVALID_ARGUMENT);
  ne_network_destroy(net);
  ne_network_destroy(NULL);
}

/* Threads exchange spikes once per window of min-delay steps: spikes, final
 * V and sampled population sums equal the one-thread run bit for bit for 2, 3
 * and 4 threads and any chunking, with one delay for all (window 15), delays
 * that differ per projection (window 4), per-synapse delays from 0.3 to
 * 2.0 ms (window 3) and a 1-step delay (per-step exchange). */
static void test_windows_across_threads(void) {
  const double cases[4][5] = {{1.5, 1.5, 1.5, 1.5, 0.0}, {1.5, 0.7, 2.3, 0.4, 0.0},
                              {0.3, 0.3, 0.3, 0.3, 2.0}, {0.1, 1.5, 1.5, 1.5, 0.0}};
  uint64_t seeds[1] = {21};
  int64_t one_chunk[1] = {2000}, many[4] = {1, 14, 985, 1000};
  double *v1 = malloc(1000 * sizeof *v1), *v2 = malloc(1000 * sizeof *v2);
  uint64_t first_hash = 0;
  for (int c = 0; c < 4; ++c) {
    memcpy(run_delays_ms, cases[c], sizeof run_delays_ms);
    run_delay_max_ms = cases[c][4];
    int64_t n1, h1, n2, h2;
    CHECK(run_brunel(1, seeds, 1, 0, one_chunk, 1, v1, &n1, &h1) == NE_OK);
    const uint64_t samples1 = run_samples_hash;
    CHECK_MSG(n1 > 500, "case %d: only %lld spikes", c, (long long)n1);
    if (c == 0)
      first_hash = (uint64_t)h1;
    else
      CHECK_MSG((uint64_t)h1 != first_hash, "case %d: other delays gave the same spikes", c);
    for (int threads = 2; threads <= 4; ++threads)
      for (int chunked = 0; chunked < 2; ++chunked) {
        CHECK(run_brunel(1, seeds, threads, 0, chunked ? many : one_chunk, chunked ? 4 : 1, v2, &n2, &h2) == NE_OK);
        CHECK_MSG(n1 == n2 && h1 == h2 && memcmp(v1, v2, 1000 * sizeof *v1) == 0 && samples1 == run_samples_hash,
                  "case %d, %d threads, %s: differs from one thread", c, threads, chunked ? "4 chunks" : "1 chunk");
      }
  }
  const double standard[4] = {1.5, 1.5, 1.5, 1.5};
  memcpy(run_delays_ms, standard, sizeof run_delays_ms);
  run_delay_max_ms = 0.0;
  free(v1);
  free(v2);
}

int main(void) {
  test_dc_trajectory();
  test_delay_and_refractory_discard();
  test_reproducibility();
  test_windows_across_threads();
  test_connectivity_rules();
  test_spread_delays();
  test_float32();
  test_simd_levels_agree();
  test_bad_input();
  return ne_test_finish("test_network");
}
