/* User-defined neural mass models (NE_MASS_USER, ne_mass_user_model): the engine keeps what every
 * model shares and calls the model's three lane functions for the rest.
 *
 * The shared part is the built-ins' own, operation for operation, so a user model that writes a
 * built-in's equations in the built-in's order gives its bits:
 *  - coupling: the same terms (mass.c: build_terms) added in the same order into the same four
 *    partial sums as accumulate_one and accumulate (mass_coupling.h), here several values per
 *    instruction (mass_user_sums.h: eight steps of a set's far terms at once, or vectors of sets),
 *    then c -= strength_i y_i(t) for diffusive coupling and c *= the lane's strength parameter, as
 *    the built-in FitzHugh-Nagumo and Hopf do;
 *  - the rings: [n_couplings][N][2 slots][K], mirrored, holding the sent values; the history of
 *    every past slot is what the initial state sends;
 *  - OU inputs: ou += (mean - ou) dt / tau + sigma sqrt(dt) xi after the state update. Inputs 0
 *    and 1 take the built-ins' normals (stream NE_MASS_TAG), so a user model with noise follows
 *    the built-in seed for seed; inputs 2 and 3 take the same normals of a second stream
 *    (NE_MASS_TAG_OU23): one Philox block per (step, node, pair of sets) in each stream.
 * Lanes: runs of up to NE_MASS_USER_LANES consecutive work positions g = node K + set: consecutive
 * nodes of the one set (K = 1), or consecutive sets running on into the next node's (K > 1); every
 * lane gets its set's parameters (a periodic row, so each pointer is a plain array). Threads take
 * the built-ins' static shares of the work items (node, block of sets), meeting at a barrier after
 * every step; each step a member first sums its share's coupling inputs, then updates it. A batch
 * with a block of sets for every thread runs instead as parts, one handle per thread's sets,
 * advanced with no barrier (ne_mass_user_create_parts); a one-thread handle of more than
 * NE_MASS_USER_PART_SETS sets holds them as handles of up to that many, run through a call in turn
 * (split_sets), so a handle's rings stay in cache. A model's functions must treat every lane
 * alike and alone (no sums over lanes), so where a lane falls in a run never changes its bits:
 * set 0 of a batch equals that set alone, on any number of threads. */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/simd_level.h"
#include "../common/status.h"
#include "mass_coupling.h"
#include "mass_internal.h"
#include "mass_noise.h"
#include "mass_user_sums.h"

#define NE_MASS_USER_LANES 64 /* the most lanes one call of a model's function gets (a multiple of NE_MASS_BLOCK) */
#define NE_MASS_USER_PART_SETS 8 /* the most sets a one-thread handle holds itself: a ring position of 8 sets
                                    is one cache line (a multiple of NE_MASS_BLOCK) */

/* Where a thread found the first non-finite state of its share. */
typedef struct user_failure {
  int64_t step; /* steps completed before the failing one; -1 if none */
  int32_t node, set, variable;
  double value;
} user_failure;

/* One thread's scratch: the values a call sends or records before they are scattered, and the
 * pointer arrays handed to the model's functions. */
typedef struct user_scratch {
  double *values;            /* [max(n_couplings, n_outputs)][NE_MASS_USER_LANES] */
  const double **params;     /* [n_params] */
  double **state;            /* [n_state] */
  const double **inputs;     /* [n_couplings] */
  const double **noise;      /* [n_noise] */
  double **values_at;        /* [max(n_couplings, n_outputs)] */
  int64_t params_lane0;      /* the lane column s->params points at (-1: none yet) */
  user_failure failure;
  char pad[64];              /* keeps two threads' failures off one cache line */
} user_scratch;

struct mass_user {
  ne_mass_user_model model; /* the caller's, its arrays and names replaced by the copies below */
  uint32_t *modes;
  int32_t *mean_slots;
  char **names;
  int32_t row;              /* lane parameter row length: K + NE_MASS_USER_LANES */
  double *lane_params;      /* [n_params][row]: column c holds set c mod K's value, so the lanes of any run
                               (work positions g0 .. g0 + count - 1, g = node K + set) read theirs from
                               column g0 mod K on */
  float *normals_ou23;      /* [N][K][2]: normals of OU inputs 2 and 3, or NULL */
  double *far;              /* K = 1: far-term partials of the current block of steps, [n_couplings][N][4][8] */
  double *inputs;           /* the step's coupling inputs, [n_couplings][N][K] */
  ne_mass_user_set_inputs_fn set_inputs; /* the SIMD level's (mass_user_sums.h) */
  ne_mass_user_far_sums_fn far_sums;
  ne_mass_user_ou_fn ou_update;
  ne_mass_user_finite_fn finite;
  int32_t n_scratch;
  user_scratch *scratch;    /* [n_scratch], one per thread */
  _Atomic int64_t failed_at; /* the step in which a state became non-finite (INT64_MAX: none) */
  char *error;              /* a diverged run's message: later calls repeat it */
};

static int valid_slot(int32_t slot, int32_t n_params) { return slot >= 0 && slot < n_params; }

static char *copy_text(const char *text) {
  const size_t n = strlen(text) + 1;
  char *copy = malloc(n);
  return copy ? memcpy(copy, text, n) : NULL;
}

ne_status ne_mass_user_validate(const ne_mass_config *c, mass_shape *shape) {
  const ne_mass_user_model *u = c->user;
  if (!u)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user is required for model 5 (user), got NULL");
  if (u->struct_size != sizeof(ne_mass_user_model))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "config.user->struct_size is %u but this library expects %u (header/library mismatch)",
                   u->struct_size, (unsigned)sizeof(ne_mass_user_model));
  if (u->n_params < 1 || u->n_params > NE_MASS_N_PARAMS)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->n_params must be in [1, %d], got %d", NE_MASS_N_PARAMS,
                   u->n_params);
  if (u->n_state < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->n_state must be >= 1, got %d", u->n_state);
  if (u->n_outputs < 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->n_outputs must be >= 1, got %d", u->n_outputs);
  if (u->n_couplings < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->n_couplings must be >= 0, got %d", u->n_couplings);
  if (u->n_noise < 0 || u->n_noise > NE_MASS_USER_MAX_NOISE)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->n_noise must be in [0, %d], got %d", NE_MASS_USER_MAX_NOISE,
                   u->n_noise);
  if (u->reserved != 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->reserved must be 0, got %d", u->reserved);
  if (u->strength_slot != -1 && !valid_slot(u->strength_slot, u->n_params))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->strength_slot must be -1 or a slot in [0, %d), got %d",
                   u->n_params, u->strength_slot);
  /* the OU slots matter only with noise inputs; without, -1 or any slot of the row is accepted */
  const int32_t ou_slots[2] = {u->tau_ou_slot, u->sigma_ou_slot};
  const char *ou_names[2] = {"tau_ou_slot", "sigma_ou_slot"};
  for (int a = 0; a < 2; ++a) {
    if (u->n_noise > 0 && !valid_slot(ou_slots[a], u->n_params))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->%s must be a slot in [0, %d) with %d noise inputs, got %d",
                     ou_names[a], u->n_params, u->n_noise, ou_slots[a]);
    if (u->n_noise == 0 && ou_slots[a] != -1 && !valid_slot(ou_slots[a], u->n_params))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->%s must be -1 or a slot in [0, %d), got %d", ou_names[a],
                     u->n_params, ou_slots[a]);
  }
  if (u->n_couplings > 0 && !u->coupling_modes)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->coupling_modes must hold %d modes, got NULL", u->n_couplings);
  for (int32_t q = 0; q < u->n_couplings; ++q)
    if (u->coupling_modes[q] != NE_COUPLING_ADDITIVE && u->coupling_modes[q] != NE_COUPLING_DIFFUSIVE)
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "config.user->coupling_modes[%d] must be 0 (additive) or 1 (diffusive), got %u", q,
                     u->coupling_modes[q]);
  if (u->n_noise > 0 && !u->noise_mean_slots)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->noise_mean_slots must hold %d slots, got NULL", u->n_noise);
  for (int32_t q = 0; q < u->n_noise; ++q)
    if (!valid_slot(u->noise_mean_slots[q], u->n_params))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->noise_mean_slots[%d] must be a slot in [0, %d), got %d", q,
                     u->n_params, u->noise_mean_slots[q]);
  if (!u->step)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->step (the model's step function) is NULL");
  if (!u->send)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->send (the model's send function) is NULL");
  if (!u->observe)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->observe (the model's observe function) is NULL");
  if (!u->state_names)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->state_names must hold %d names, got NULL", u->n_state);
  for (int32_t v = 0; v < u->n_state; ++v)
    if (!u->state_names[v])
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "config.user->state_names[%d] is NULL", v);
  for (int32_t k = 0; u->n_noise > 0 && k < c->n_batch; ++k) {
    const double *p = c->params + (int64_t)k * NE_MASS_N_PARAMS;
    if (!(p[u->tau_ou_slot] > 0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: slot %d (tau_ou_slot, the OU time constant) must be > 0, got %g",
                     k, u->tau_ou_slot, p[u->tau_ou_slot]);
    if (!(p[u->sigma_ou_slot] >= 0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "params of set %d: slot %d (sigma_ou_slot, the OU noise strength) must be >= 0, got %g",
                     k, u->sigma_ou_slot, p[u->sigma_ou_slot]);
  }
  /* every buffer's size fits in int64 (rings are checked again with the slots at create) */
  int64_t size = 0;
  const int32_t most = u->n_state > u->n_outputs ? u->n_state : u->n_outputs;
  NE_TRY(ne_mul_size((int64_t)c->n_nodes * c->n_batch, (most > u->n_couplings ? most : u->n_couplings) + 1,
                     "nodes x sets x variables of config.user", &size));
  *shape = (mass_shape){u->n_state, u->n_outputs, u->n_couplings, 0};
  return NE_OK;
}

void ne_mass_user_destroy(struct mass_user *u) {
  if (!u)
    return;
  free(u->modes);
  free(u->mean_slots);
  for (int32_t v = 0; u->names && v < u->model.n_state; ++v)
    free(u->names[v]);
  free(u->names);
  free(u->lane_params);
  free(u->normals_ou23);
  free(u->far);
  free(u->inputs);
  for (int32_t t = 0; u->scratch && t < u->n_scratch; ++t)
    free(u->scratch[t].values); /* one block per thread */
  free(u->scratch);
  free(u->error);
  free(u);
}

/* The pointer arrays and value scratch of n threads, one block each. */
static int alloc_scratch(struct mass_user *u, int32_t n) {
  const ne_mass_user_model *um = &u->model;
  const int32_t n_values = um->n_couplings > um->n_outputs ? um->n_couplings : um->n_outputs;
  u->scratch = calloc((size_t)n, sizeof *u->scratch);
  if (!u->scratch)
    return 0;
  u->n_scratch = n;
  const size_t doubles = (size_t)n_values * NE_MASS_USER_LANES;
  const size_t pointers = (size_t)um->n_params + um->n_state + um->n_couplings + um->n_noise + n_values;
  for (int32_t t = 0; t < n; ++t) {
    user_scratch *s = &u->scratch[t];
    double *block = malloc(doubles * sizeof(double) + pointers * sizeof(void *) + 64);
    if (!block)
      return 0;
    s->values = block;
    void **p = (void **)(block + doubles);
    s->params = (const double **)p;
    s->state = (double **)(p += um->n_params);
    s->inputs = (const double **)(p += um->n_state);
    s->noise = (const double **)(p += um->n_couplings);
    s->values_at = (double **)(p += um->n_noise);
    s->failure.step = -1;
    s->params_lane0 = -1;
  }
  return 1;
}

/* Sets the params, state and noise pointers of a run of lanes from work position g0 (node g0 / K,
 * set g0 mod K; the run continues through the following sets and nodes). */
static void point_lanes(const ne_mass *m, user_scratch *s, int64_t g0) {
  const struct mass_user *u = m->user;
  const int64_t kn = (int64_t)m->K * m->N, column = g0 % m->K;
  if (s->params_lane0 != column) /* with K = 1, or runs starting at set 0, always the same */
    for (int32_t a = 0; a < u->model.n_params; ++a)
      s->params[a] = u->lane_params + (int64_t)a * u->row + column;
  s->params_lane0 = column;
  for (int32_t v = 0; v < u->model.n_state; ++v)
    s->state[v] = m->state + v * kn + g0;
  for (int32_t q = 0; q < u->model.n_noise; ++q)
    s->noise[q] = m->ou + q * kn + g0;
}

/* Writes the sent values of lanes g0 .. g0 + count - 1 (s->values_at) into both copies of ring slot `slot`, or of
 * every slot (slot < 0: the constant history). */
static void scatter_sent(const ne_mass *m, user_scratch *s, int64_t g0, int32_t count, int64_t slot) {
  const int32_t K = m->K, N = m->N, S = m->slots;
  const int64_t S2 = 2 * (int64_t)S;
  for (int32_t q = 0; q < m->user->model.n_couplings; ++q) {
    double *ring = m->ring + (int64_t)q * N * S2 * K;
    const double *v = s->values_at[q];
    if (slot >= 0 && K == 1) { /* lanes are nodes */
      for (int32_t l = 0; l < count; ++l) {
        ring[(g0 + l) * S2 + slot] = v[l];
        ring[(g0 + l) * S2 + slot + S] = v[l];
      }
      continue;
    }
    for (int32_t l = 0; l < count;) { /* a node's sets at a slot are contiguous */
      const int64_t node = (g0 + l) / K, set = (g0 + l) % K;
      const int32_t n = K - set < count - l ? (int32_t)(K - set) : count - l;
      if (slot >= 0) { /* a few values: a loop, not two calls of memcpy */
        double *a = ring + (node * S2 + slot) * K + set, *b = a + (int64_t)S * K;
        for (int32_t j = 0; j < n; ++j)
          a[j] = b[j] = v[l + j];
      }
      for (int64_t at = 0; slot < 0 && at < S2; ++at)
        memcpy(ring + (node * S2 + at) * K + set, v + l, (size_t)n * sizeof(double));
      l += n;
    }
  }
}

/* Batch set of part q's first set when K sets in whole blocks are shared by n parts. */
static int32_t part_first_set(int32_t K, int32_t q, int32_t n) {
  int64_t b0, b1;
  ne_static_share((K + NE_MASS_BLOCK - 1) / NE_MASS_BLOCK, q, n, &b0, &b1);
  return (int32_t)b0 * NE_MASS_BLOCK;
}

/* n one-thread handles of the batch's sets in whole blocks (so whole pairs of sets: a part draws
 * its pairs' normals), set_index their first set. */
static ne_status make_parts(ne_mass *m, const ne_mass_config *c, int32_t n) {
  const int32_t K = c->n_batch;
  m->n_parts = n;
  m->parts = calloc((size_t)n, sizeof *m->parts);
  if (!m->parts)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d parameter sets", K);
  for (int32_t q = 0; q < n; ++q) {
    const int32_t k0 = part_first_set(K, q, n), k1 = q + 1 < n ? part_first_set(K, q + 1, n) : K;
    ne_mass_config part = *c;
    part.n_batch = k1 - k0;
    part.n_threads = 1;
    part.params = c->params + (size_t)k0 * NE_MASS_N_PARAMS;
    part.init = c->init + (size_t)k0 * c->user->n_state * c->n_nodes;
    NE_TRY(ne_mass_create(&part, &m->parts[q])); /* its message stands */
    m->parts[q]->set_index = k0;
  }
  return NE_OK;
}

/* The state names outlive the caller's strings: they name variables in later messages. */
static int copy_names(struct mass_user *u, const char *const *names) {
  u->names = calloc((size_t)u->model.n_state, sizeof *u->names);
  int ok = u->names != NULL;
  for (int32_t v = 0; ok && v < u->model.n_state; ++v)
    ok = (u->names[v] = copy_text(names[v])) != NULL;
  return ok;
}

/* One thread with more than NE_MASS_USER_PART_SETS sets: the sets in handles of up to that many,
 * advanced through a call one after the other (user_run), as the built-in Wilson-Cowan's parts: a
 * part's rings stay in cache for the call, where all the sets' rings would not. The handle keeps
 * only the state names (its messages). */
static ne_status split_sets(ne_mass *m, const ne_mass_config *c) {
  struct mass_user *u = m->user;
  const int32_t per = NE_MASS_USER_PART_SETS / NE_MASS_BLOCK, blocks = (m->K + NE_MASS_BLOCK - 1) / NE_MASS_BLOCK;
  if (!copy_names(u, c->user->state_names))
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a user model of %d sets", m->K);
  return make_parts(m, c, (blocks + per - 1) / per);
}

ne_status ne_mass_user_create(ne_mass *m, const ne_mass_config *c) {
  const ne_mass_user_model *um = c->user;
  struct mass_user *u = calloc(1, sizeof *u);
  if (!u)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a user model");
  m->user = u;
  u->model = *um;
  atomic_init(&u->failed_at, INT64_MAX);
  if (m->n_threads == 1 && m->K > NE_MASS_USER_PART_SETS)
    return split_sets(m, c);
  const int32_t N = m->N, K = m->K, S2 = 2 * m->slots;
  const int64_t kn = (int64_t)K * N;
  int64_t ring_values = 0;
  NE_TRY(ne_mul_size(kn * S2, um->n_couplings, "the rings of config.user (couplings x nodes x sets x history)",
                     &ring_values));
  NE_TRY(ne_mul_size(ring_values, (int64_t)sizeof(double), "the rings' bytes", &ring_values));
  u->modes = malloc(((size_t)um->n_couplings + 1) * sizeof *u->modes);
  u->mean_slots = malloc(((size_t)um->n_noise + 1) * sizeof *u->mean_slots);
  u->row = K + NE_MASS_USER_LANES;
  u->lane_params = malloc((size_t)um->n_params * (size_t)u->row * sizeof *u->lane_params);
  m->params = malloc((size_t)K * NE_MASS_N_PARAMS * sizeof *m->params);
  m->ring = um->n_couplings > 0 ? aligned_alloc(64, ((size_t)ring_values + 63) / 64 * 64) : NULL;
  m->state = malloc((size_t)um->n_state * (size_t)kn * sizeof *m->state);
  m->ou = um->n_noise > 0 ? malloc((size_t)um->n_noise * (size_t)kn * sizeof *m->ou) : NULL;
  int noisy = 0;
  for (int32_t k = 0; um->n_noise > 0 && k < K; ++k)
    noisy |= c->params[(size_t)k * NE_MASS_N_PARAMS + um->sigma_ou_slot] > 0.0;
  if (noisy)
    m->normals = malloc(2 * (size_t)kn * sizeof *m->normals);
  if (noisy && um->n_noise > 2)
    u->normals_ou23 = malloc(2 * (size_t)kn * sizeof *u->normals_ou23);
  if (K == 1 && um->n_couplings > 0)
    u->far = malloc((size_t)um->n_couplings * N * 4 * NE_MASS_WC_BLOCK_STEPS * sizeof *u->far);
  if (um->n_couplings > 0)
    u->inputs = malloc((size_t)um->n_couplings * (size_t)kn * sizeof *u->inputs);
  u->set_inputs = m->simd >= NE_SIMD_AVX512 ? ne_mass_user_set_inputs_avx512
                  : (m->simd >= NE_SIMD_AVX2 ? ne_mass_user_set_inputs_avx2 : ne_mass_user_set_inputs_baseline);
  u->far_sums = m->simd >= NE_SIMD_AVX512 ? ne_mass_user_far_sums_avx512
                : (m->simd >= NE_SIMD_AVX2 ? ne_mass_user_far_sums_avx2 : ne_mass_user_far_sums_baseline);
  u->ou_update = m->simd >= NE_SIMD_AVX512 ? ne_mass_user_ou_avx512
                 : (m->simd >= NE_SIMD_AVX2 ? ne_mass_user_ou_avx2 : ne_mass_user_ou_baseline);
  u->finite = m->simd >= NE_SIMD_AVX512 ? ne_mass_user_finite_avx512
              : (m->simd >= NE_SIMD_AVX2 ? ne_mass_user_finite_avx2 : ne_mass_user_finite_baseline);
  int ok = u->modes && u->mean_slots && u->lane_params && m->params && (m->ring || !um->n_couplings) &&
           m->state && (m->ou || !um->n_noise) && (m->normals || !noisy) &&
           (u->normals_ou23 || !(noisy && um->n_noise > 2)) && (u->far || K > 1 || !um->n_couplings) &&
           (u->inputs || !um->n_couplings) &&
           alloc_scratch(u, m->n_threads) && copy_names(u, um->state_names);
  if (!ok)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for a user model of %d nodes x %d sets with %d history steps", N,
                   K, m->slots);
  if (um->n_couplings > 0)
    memcpy(u->modes, um->coupling_modes, (size_t)um->n_couplings * sizeof *u->modes);
  if (um->n_noise > 0)
    memcpy(u->mean_slots, um->noise_mean_slots, (size_t)um->n_noise * sizeof *u->mean_slots);
  u->model.coupling_modes = u->modes;
  u->model.noise_mean_slots = u->mean_slots;
  u->model.state_names = (const char *const *)u->names;
  memcpy(m->params, c->params, (size_t)K * NE_MASS_N_PARAMS * sizeof *m->params);
  for (int32_t a = 0; a < um->n_params; ++a)
    for (int32_t col = 0; col < u->row; ++col)
      u->lane_params[(size_t)a * u->row + col] = m->params[(size_t)(col % K) * NE_MASS_N_PARAMS + a];
  for (int32_t k = 0; k < K; ++k) {
    const double *init = c->init + (size_t)k * um->n_state * N;
    const double *p = m->params + (size_t)k * NE_MASS_N_PARAMS;
    for (int32_t i = 0; i < N; ++i) {
      for (int32_t v = 0; v < um->n_state; ++v)
        m->state[((size_t)v * N + i) * K + k] = init[(size_t)v * N + i];
      for (int32_t q = 0; q < um->n_noise; ++q) /* OU inputs start at their means, as the built-ins' */
        m->ou[((size_t)q * N + i) * K + k] = p[um->noise_mean_slots[q]];
    }
  }
  /* constant history: what the initial state sends, in every slot of both ring copies */
  user_scratch *s = &u->scratch[0];
  for (int64_t g0 = 0; um->n_couplings > 0 && g0 < kn; g0 += NE_MASS_USER_LANES) {
    const int32_t count = kn - g0 < NE_MASS_USER_LANES ? (int32_t)(kn - g0) : NE_MASS_USER_LANES;
    point_lanes(m, s, g0);
    for (int32_t q = 0; q < um->n_couplings; ++q)
      s->values_at[q] = s->values + (size_t)q * NE_MASS_USER_LANES;
    um->send(um->context, count, s->params, (const double *const *)s->state, s->values_at);
    scatter_sent(m, s, g0, count, -1);
  }
  return NE_OK;
}

/* The delayed sums of nodes i .. i + count - 1 of the one set (K = 1): the block's far partials
 * (user_member) at step `in_block` of the block, then the near terms, as accumulate_one adds them. */
static void node_sums(const ne_mass *m, const double *ring, const double *far, int32_t i, int32_t count, int64_t now,
                      int32_t in_block, double *sum) {
  for (int32_t l = 0; l < count; ++l) {
    const int32_t node = i + l;
    const double *f = far + (int64_t)node * 4 * NE_MASS_WC_BLOCK_STEPS + in_block;
    double a[4] = {f[0], f[NE_MASS_WC_BLOCK_STEPS], f[2 * NE_MASS_WC_BLOCK_STEPS], f[3 * NE_MASS_WC_BLOCK_STEPS]};
    accumulate_partials(ring, m->term_offset, m->term_w, m->term_start[node], m->term_near[node],
                        m->term_start[node + 1], now, 1, a);
    sum[l] = (a[0] + a[1]) + (a[2] + a[3]);
  }
}

/* The coupling inputs of nodes i .. i + count - 1 of the one set (K = 1) into u->inputs, strength
 * and mode applied, as the built-ins: c = sum; c -= strength_i y_i(t) (diffusive); c *= K (the
 * lane's strength parameter). */
static void node_inputs(const ne_mass *m, int32_t i, int32_t count, int64_t now, int32_t in_block) {
  const struct mass_user *u = m->user;
  const int32_t N = m->N, S2 = 2 * m->slots;
  const double *strength = u->model.strength_slot >= 0 ? u->lane_params + (int64_t)u->model.strength_slot * u->row
                                                       : NULL;
  for (int32_t q = 0; q < u->model.n_couplings; ++q) {
    const double *ring = m->ring + (int64_t)q * N * S2;
    double *in = u->inputs + (int64_t)q * N + i;
    node_sums(m, ring, u->far + (int64_t)q * N * 4 * NE_MASS_WC_BLOCK_STEPS, i, count, now, in_block, in);
    if (u->modes[q] == NE_COUPLING_DIFFUSIVE) /* sum_j C_ij (y_j(t - d_ij) - y_i(t)) */
      for (int32_t l = 0; l < count; ++l)
        in[l] -= m->strength[i + l] * ring[((int64_t)(i + l) * S2 + now)];
    if (strength)
      for (int32_t l = 0; l < count; ++l)
        in[l] *= strength[l];
  }
}

/* The coupling inputs of sets k0 .. k0 + count - 1 of nodes i0 .. i1 - 1 (K > 1), several sets per
 * instruction, the same operations as node_inputs (mass_user_sums.h). */
static void set_inputs(const ne_mass *m, int32_t i0, int32_t i1, int32_t k0, int32_t count, int64_t now) {
  const struct mass_user *u = m->user;
  const int32_t K = m->K, N = m->N, S2 = 2 * m->slots;
  /* the lanes of node i0, set k0 read column k0 mod K = k0 */
  const double *strength = u->model.strength_slot >= 0 ? u->lane_params + (int64_t)u->model.strength_slot * u->row + k0
                                                       : NULL;
  for (int32_t q = 0; q < u->model.n_couplings; ++q)
    u->set_inputs(m->ring + (int64_t)q * N * S2 * K, m->term_offset, m->term_w, m->term_start, i0, i1, k0, count, now,
                  K, S2, u->modes[q] == NE_COUPLING_DIFFUSIVE ? m->strength : NULL, strength,
                  u->inputs + (int64_t)q * K * N);
}

/* Whether the run's new state is finite; if not, records the first non-finite value (lowest lane,
 * then lowest variable). */
static int state_finite(const ne_mass *m, user_scratch *s, int64_t g0, int32_t count, int64_t done) {
  const int32_t n_state = m->user->model.n_state;
  int finite = 1;
  for (int32_t v = 0; v < n_state; ++v)
    finite &= m->user->finite(count, s->state[v]);
  if (finite)
    return 1;
  for (int32_t l = 0; l < count; ++l)
    for (int32_t v = 0; v < n_state; ++v)
      if (!isfinite(s->state[v][l])) {
        s->failure = (user_failure){done, (int32_t)((g0 + l) / m->K), (int32_t)((g0 + l) % m->K), v, s->state[v][l]};
        return 0;
      }
  return 1;
}

/* One step of lanes g0 .. g0 + count - 1 (work positions g = node K + set: consecutive nodes of the
 * one set, or consecutive sets running on into the next node's). Returns 0 when the new state is not
 * finite (nothing more is done). */
static int step_run(const ne_mass *m, user_scratch *s, int64_t g0, int32_t count, int64_t done, const mass_outputs *to,
                    int64_t at) {
  const struct mass_user *u = m->user;
  const ne_mass_user_model *um = &u->model;
  const int32_t K = m->K, N = m->N;
  const int64_t kn = (int64_t)K * N, column = g0 % K;
  const double dt = m->dt, sqrt_dt = sqrt(m->dt);
  point_lanes(m, s, g0);
  for (int32_t q = 0; q < um->n_couplings; ++q) /* summed for the whole share first (user_member) */
    s->inputs[q] = u->inputs + q * kn + g0;
  um->step(um->context, count, dt, s->params, s->state, s->inputs, s->noise);
  if (!state_finite(m, s, g0, count, done))
    return 0;
  if (um->n_couplings > 0) { /* into both copies of the mirrored rings */
    for (int32_t q = 0; q < um->n_couplings; ++q)
      s->values_at[q] = s->values + (int64_t)q * NE_MASS_USER_LANES;
    um->send(um->context, count, s->params, (const double *const *)s->state, s->values_at);
    scatter_sent(m, s, g0, count, (done + 1) % m->slots);
  }
  /* OU inputs after the state update, as the built-ins: inputs 0, 1 from their stream, 2, 3 from the second */
  const int noise = um->n_noise > 0; /* the OU slots are -1 without OU inputs */
  const double *tau = u->lane_params + (noise ? (int64_t)um->tau_ou_slot * u->row + column : 0);
  const double *sigma = u->lane_params + (noise ? (int64_t)um->sigma_ou_slot * u->row + column : 0);
  for (int32_t q = 0; q < um->n_noise; ++q)
    u->ou_update(count, m->ou + q * kn + g0, u->lane_params + (int64_t)um->noise_mean_slots[q] * u->row + column, tau,
                 sigma, m->normals ? (q < 2 ? m->normals : u->normals_ou23) + 2 * g0 + (q & 1) : NULL, dt, sqrt_dt);
  if (at >= 0) { /* a sample: K = 1 records straight into the caller's row (lanes are its nodes) */
    for (int32_t v = 0; v < um->n_outputs; ++v)
      s->values_at[v] = K == 1 ? to->dest[(int64_t)m->set_index * um->n_outputs + v] + at + g0
                               : s->values + (int64_t)v * NE_MASS_USER_LANES;
    um->observe(um->context, count, s->params, (const double *const *)s->state, s->values_at);
    for (int32_t l = 0; K > 1 && l < count;) { /* a node's sets at a time */
      const int64_t node = (g0 + l) / K, set = (g0 + l) % K;
      const int32_t n = K - set < count - l ? (int32_t)(K - set) : count - l;
      for (int32_t j = 0; j < n; ++j)
        for (int32_t v = 0; v < um->n_outputs; ++v)
          to->dest[(m->set_index + set + j) * um->n_outputs + v][at + node] = s->values_at[v][l + j];
      l += n;
    }
  }
  return 1;
}

typedef struct user_job {
  ne_mass *m;
  int64_t n_steps, first;
  const mass_outputs *to;
} user_job;

/* A member's static share of the work items (node, block of NE_MASS_BLOCK sets), as the
 * built-ins' (mass.c: steps_member), in runs of up to NE_MASS_USER_LANES lanes; a barrier ends
 * every step, after which every member stops if any state of the step was not finite. */
/* Records that a member's lanes turned non-finite at step `done` (the lowest such step wins). */
static void note_failure(struct mass_user *u, int64_t done) {
  int64_t seen = atomic_load_explicit(&u->failed_at, memory_order_relaxed);
  while (done < seen && !atomic_compare_exchange_weak(&u->failed_at, &seen, done)) {
  }
}

static void user_member(void *ctx, int thread, int n_threads) {
  const user_job *job = ctx;
  ne_mass *m = job->m;
  struct mass_user *u = m->user;
  user_scratch *s = &u->scratch[thread];
  const int32_t K = m->K, blocks = (K + NE_MASS_BLOCK - 1) / NE_MASS_BLOCK;
  const int64_t items = (int64_t)m->N * blocks;
  const int64_t begin = items * thread / n_threads, end = items * (thread + 1) / n_threads;
  /* the share's work positions g = node K + set: item (node, block b) holds sets 4b .. 4b + 3 */
  const int64_t g_begin = begin / blocks * K + begin % blocks * NE_MASS_BLOCK;
  const int64_t g_end = end / blocks * K + end % blocks * NE_MASS_BLOCK;
  for (int64_t n = 0; n < job->n_steps; ++n) {
    const int64_t done = m->steps_done + n; /* steps completed before this one */
    const int sample = (done + 1) % m->sample_every == 0;
    const int64_t at = sample ? ((done + 1) / m->sample_every - 1 - job->first) * job->to->stride : -1;
    if (m->normals)
      ne_mass_fill_normals(m, NE_MASS_TAG, m->normals, done + 1, begin, end, blocks, NULL);
    if (u->normals_ou23)
      ne_mass_fill_normals(m, NE_MASS_TAG_OU23, u->normals_ou23, done + 1, begin, end, blocks, NULL);
    /* one set: the far terms of the member's nodes for this and the next steps of a block at once
     * (a block ends with the call: the call's steps decide, so any chunking gives the same sums) */
    const int32_t in_block = (int32_t)(n % NE_MASS_WC_BLOCK_STEPS);
    if (u->far && in_block == 0)
      for (int32_t q = 0; q < u->model.n_couplings; ++q)
        u->far_sums(m->ring + (int64_t)q * m->N * 2 * m->slots, m->term_offset, m->term_w, m->term_start, m->term_near,
                    (int32_t)begin, (int32_t)end, done % m->slots, u->far + (int64_t)q * m->N * 4 * NE_MASS_WC_BLOCK_STEPS);
    /* the coupling inputs of the whole share first, then the updates: the sums' loads (most of them
     * cache misses) overlap each other instead of waiting behind the model's long chains of exps
     * and divisions */
    if (K == 1)
      for (int64_t i = begin; i < end; i += NE_MASS_USER_LANES)
        node_inputs(m, (int32_t)i, end - i < NE_MASS_USER_LANES ? (int32_t)(end - i) : NE_MASS_USER_LANES,
                    done % m->slots, in_block);
    else /* the share's positions g_begin .. g_end - 1: a first node's last sets, whole nodes, a last node's first sets */
      for (int64_t g = g_begin; g < g_end;) {
        const int32_t i = (int32_t)(g / K), k0 = (int32_t)(g % K);
        if (k0 > 0 || g_end - g < K) {
          const int32_t count = (int32_t)(g_end - g < K - k0 ? g_end - g : K - k0);
          set_inputs(m, i, i + 1, k0, count, done % m->slots);
          g += count;
        } else {
          const int32_t i1 = (int32_t)(g_end / K);
          set_inputs(m, i, i1, 0, K, done % m->slots);
          g = (int64_t)i1 * K;
        }
      }
    for (int64_t g = g_begin; g < g_end; g += NE_MASS_USER_LANES) /* runs of lanes across the share */
      if (!step_run(m, s, g, g_end - g < NE_MASS_USER_LANES ? (int32_t)(g_end - g) : NE_MASS_USER_LANES, done,
                    job->to, at)) {
        note_failure(u, done);
        break;
      }
    ne_team_barrier(m->team); /* a team of one returns at once */
    /* a failure of this step was stored before the barrier; one of a later step only by a member
     * already past it, so every member stops after the same step */
    if (atomic_load_explicit(&u->failed_at, memory_order_relaxed) <= done)
      break;
  }
}

/* Runs n_steps steps of a handle (or a part); 1, or 0 with *first_failure the first non-finite lane
 * in (step, node, set) order (set counted in the whole batch). */
static int user_run(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to, user_failure *first_failure) {
  struct mass_user *u = m->user;
  if (m->parts) { /* split_sets: each part through the call in turn; the first failure over them */
    int ran = 1;
    for (int32_t q = 0; q < m->n_parts; ++q) {
      user_failure f;
      m->parts[q]->set_index = m->set_index + part_first_set(m->K, q, m->n_parts);
      if (!user_run(m->parts[q], n_steps, first, to, &f) &&
          (ran || f.step < first_failure->step || (f.step == first_failure->step && f.node < first_failure->node))) {
        *first_failure = f; /* parts hold increasing sets: a tie in step and node goes to the earlier part */
        ran = 0;
      }
    }
    m->steps_done = ran ? m->steps_done + n_steps : first_failure->step + 1;
    return ran;
  }
  for (int32_t t = 0; t < u->n_scratch; ++t)
    u->scratch[t].failure.step = -1;
  user_job job = {m, n_steps, first, to};
  ne_team_run(m->team, user_member, &job);
  if (atomic_load(&u->failed_at) == INT64_MAX) {
    m->steps_done += n_steps;
    return 1;
  }
  const user_failure *f = NULL; /* each member recorded its first */
  for (int32_t t = 0; t < u->n_scratch; ++t) {
    const user_failure *r = &u->scratch[t].failure;
    if (r->step >= 0 && (!f || r->step < f->step || (r->step == f->step && (r->node < f->node ||
                                                                             (r->node == f->node && r->set < f->set)))))
      f = r;
  }
  *first_failure = *f; /* a failed step always has a recorded lane */
  first_failure->set += m->set_index;
  m->steps_done = f->step + 1;
  return 0;
}

/* The message of a non-finite state, kept by every handle that refuses to go on. */
static ne_status diverged(ne_mass *const *handles, int32_t n, const user_failure *f, double dt) {
  const struct mass_user *u = handles[0]->user;
  char message[512];
  const char *what = isnan(f->value) ? "nan" : (f->value > 0 ? "inf" : "-inf");
  snprintf(message, sizeof message, "state variable %s is %s at t = %.10g ms (step %lld), node %d, set %d",
           u->names[f->variable], what, (double)(f->step + 1) * dt, (long long)(f->step + 1), f->node, f->set);
  for (int32_t q = 0; q < n; ++q)
    if (!handles[q]->user->error)
      handles[q]->user->error = copy_text(message);
  return ne_fail(NE_ERR_NON_FINITE, "%s", message);
}

ne_status ne_mass_user_advance(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to) {
  struct mass_user *u = m->user;
  if (u->error)
    return ne_fail(NE_ERR_NON_FINITE, "%s (an earlier call diverged: the run cannot go on)", u->error);
  user_failure f;
  return user_run(m, n_steps, first, to, &f) ? NE_OK : diverged(&m, 1, &f, m->dt);
}

/* ---- a batch as parts: one handle per thread's blocks of sets, advanced with no barrier ---- */

int ne_mass_user_wants_parts(const ne_mass_config *c, int32_t n_threads) {
  const int32_t blocks = (c->n_batch + NE_MASS_BLOCK - 1) / NE_MASS_BLOCK;
  return c->n_batch > 1 && n_threads > 1 && blocks >= n_threads;
}

ne_status ne_mass_user_create_parts(ne_mass *m, const ne_mass_config *c) { return make_parts(m, c, m->n_threads); }

typedef struct parts_job {
  ne_mass *m;
  int64_t n_steps, first;
  const mass_outputs *to;
  user_failure *failures; /* [n_parts]: step -1 where the part ran through */
} parts_job;

static void parts_member(void *ctx, int thread, int n_threads) {
  const parts_job *job = ctx;
  int64_t q0, q1;
  ne_static_share(job->m->n_parts, thread, n_threads, &q0, &q1);
  for (int64_t q = q0; q < q1; ++q)
    if (user_run(job->m->parts[q], job->n_steps, job->first, job->to, &job->failures[q]))
      job->failures[q].step = -1;
}

ne_status ne_mass_user_advance_parts(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to) {
  for (int32_t q = 0; q < m->n_parts; ++q)
    if (m->parts[q]->user->error)
      return ne_fail(NE_ERR_NON_FINITE, "%s (an earlier call diverged: the run cannot go on)", m->parts[q]->user->error);
  user_failure failures[64], *f = m->n_parts <= 64 ? failures : malloc((size_t)m->n_parts * sizeof *f);
  if (!f)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for %d parts", m->n_parts);
  parts_job job = {m, n_steps, first, to, f};
  ne_team_run(m->team, parts_member, &job);
  const user_failure *min = NULL; /* the first in (step, node, set) order over the parts */
  for (int32_t q = 0; q < m->n_parts; ++q) {
    const user_failure *r = &f[q];
    if (r->step >= 0 && (!min || r->step < min->step ||
                         (r->step == min->step && (r->node < min->node || (r->node == min->node && r->set < min->set)))))
      min = r;
  }
  ne_status status = NE_OK;
  if (min)
    status = diverged(m->parts, m->n_parts, min, m->dt);
  else
    m->steps_done += n_steps;
  if (f != failures)
    free(f);
  return status;
}
