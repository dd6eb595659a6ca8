/* User-defined neural mass models (NE_MASS_USER): hand-written lane functions that write the
 * built-in FitzHugh-Nagumo, Hopf (both diffusive) and Wilson-Cowan (additive, ne_exp sigmoid,
 * clipped to [0, 1]) in the built-ins' operation order give the built-ins' bits on a sparse
 * delayed network with OU noise, for one set and batches of three and five differing sets, on one
 * and two threads, at every SIMD level; a model sending two values (additive and diffusive)
 * follows a direct Euler loop of its equations; OU inputs 2 and 3 follow their own Philox stream;
 * every field of the model is validated by name; a state that turns non-finite stops the run with
 * a message naming the variable, time, step, node and set, and no non-finite value reaches the
 * outputs. `test_mass_user bench [model K path threads]` prints the speed of each built-in and its
 * lane functions on the same work. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/exp_math.h"
#include "common/normal_math.h"
#include "mass/mass_params.h"
#include "ne_test.h"
#include "neuroengine.h"

/* ---- the built-ins as lane functions (slots as mass_params.h, so one params row serves both) ---- */

#define LANES_OF(l) for (int32_t l = 0; l < count; ++l)

/* As generated code would: every array in a restrict local, so the lane loop vectorizes, and compiled
 * for the host's SIMD level (generated code: -march=native; here one clone per level, picked at load
 * time). -ffp-contract=off keeps every clone's bits equal. */
#if defined(__x86_64__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#define LANE_FUNCTION __attribute__((target_clones("default", "avx2", "arch=skylake-avx512")))
#else
#define LANE_FUNCTION
#endif
LANE_FUNCTION static void fhn_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                     const double *const *c, const double *const *ou) {
  (void)ctx;
  const double *restrict alpha = p[NE_FHN_ALPHA], *restrict beta = p[NE_FHN_BETA], *restrict gamma = p[NE_FHN_GAMMA];
  const double *restrict delta = p[NE_FHN_DELTA], *restrict epsilon = p[NE_FHN_EPSILON], *restrict tau = p[NE_FHN_TAU];
  const double *restrict x_ext = p[NE_FHN_X_EXT], *restrict y_ext = p[NE_FHN_Y_EXT];
  const double *restrict in = c[0], *restrict ou_x = ou[0], *restrict ou_y = ou[1];
  double *restrict xs = s[0], *restrict ys = s[1];
  LANES_OF(l) {
    const double x = xs[l], y = ys[l];
    const double dx = -alpha[l] * x * x * x + beta[l] * x * x + gamma[l] * x - y + in[l] + ou_x[l] + x_ext[l];
    const double dy = (x - delta[l] - epsilon[l] * y) / tau[l] + ou_y[l] + y_ext[l];
    xs[l] = x + dt * dx;
    ys[l] = y + dt * dy;
  }
}

LANE_FUNCTION static void hopf_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                      const double *const *c, const double *const *ou) {
  (void)ctx;
  const double *restrict a = p[NE_HOPF_A], *restrict w = p[NE_HOPF_W], *restrict x_ext = p[NE_HOPF_X_EXT];
  const double *restrict y_ext = p[NE_HOPF_Y_EXT], *restrict in = c[0], *restrict ou_x = ou[0], *restrict ou_y = ou[1];
  double *restrict xs = s[0], *restrict ys = s[1];
  LANES_OF(l) {
    const double x = xs[l], y = ys[l];
    const double r = a[l] - x * x - y * y;
    const double dx = r * x - w[l] * y + in[l] + ou_x[l] + x_ext[l];
    const double dy = r * y + w[l] * x + ou_y[l] + y_ext[l];
    xs[l] = x + dt * dx;
    ys[l] = y + dt * dy;
  }
}

static inline double sigmoid(double u, double a, double mu) { return 1.0 / (1.0 + ne_exp(-a * (u - mu))); }
static inline double clip01(double x) { return x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x); }

LANE_FUNCTION static void wc_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                    const double *const *c, const double *const *ou) {
  (void)ctx;
  const double *restrict c_ee = p[NE_WC_C_EXCEXC], *restrict c_ie = p[NE_WC_C_INHEXC], *restrict c_ei = p[NE_WC_C_EXCINH];
  const double *restrict c_ii = p[NE_WC_C_INHINH], *restrict e_ext = p[NE_WC_EXC_EXT], *restrict i_ext = p[NE_WC_INH_EXT];
  const double *restrict a_e = p[NE_WC_A_EXC], *restrict mu_e = p[NE_WC_MU_EXC], *restrict tau_e = p[NE_WC_TAU_EXC];
  const double *restrict a_i = p[NE_WC_A_INH], *restrict mu_i = p[NE_WC_MU_INH], *restrict tau_i = p[NE_WC_TAU_INH];
  const double *restrict in = c[0], *restrict ou_e = ou[0], *restrict ou_i = ou[1];
  double *restrict es = s[0], *restrict is = s[1];
  LANES_OF(l) {
    const double e = es[l], i = is[l];
    const double in_e = c_ee[l] * e - c_ie[l] * i + in[l] + e_ext[l];
    const double in_i = c_ei[l] * e - c_ii[l] * i + i_ext[l];
    const double de = (-e + (1.0 - e) * sigmoid(in_e, a_e[l], mu_e[l]) + ou_e[l]) / tau_e[l];
    const double di = (-i + (1.0 - i) * sigmoid(in_i, a_i[l], mu_i[l]) + ou_i[l]) / tau_i[l];
    es[l] = clip01(e + dt * de);
    is[l] = clip01(i + dt * di);
  }
}

/* send: the first state variable; observe: both */
static void send_first(void *ctx, int32_t count, const double *const *p, const double *const *s, double *const *v) {
  (void)ctx, (void)p;
  LANES_OF(l) v[0][l] = s[0][l];
}
static void observe_two(void *ctx, int32_t count, const double *const *p, const double *const *s, double *const *v) {
  (void)ctx, (void)p;
  LANES_OF(l) {
    v[0][l] = s[0][l];
    v[1][l] = s[1][l];
  }
}

static const uint32_t additive[1] = {NE_COUPLING_ADDITIVE}, diffusive[1] = {NE_COUPLING_DIFFUSIVE};
static const int32_t mean_slots[2] = {NE_MASS_OU_MEAN_0, NE_MASS_OU_MEAN_1};
static const char *const xy[2] = {"x", "y"}, *const ei[2] = {"exc", "inh"};

static ne_mass_user_model builtin_as_user(uint32_t model) {
  ne_mass_user_model u = {
      .struct_size = sizeof(ne_mass_user_model),
      .n_params = NE_MASS_MODEL_SLOT + (model == NE_MASS_WC ? 12 : (model == NE_MASS_FHN ? 8 : 4)),
      .n_state = 2,
      .n_outputs = 2,
      .n_couplings = 1,
      .n_noise = 2,
      .strength_slot = NE_MASS_K_GL,
      .tau_ou_slot = NE_MASS_TAU_OU,
      .sigma_ou_slot = NE_MASS_SIGMA_OU,
      .reserved = 0,
      .coupling_modes = model == NE_MASS_WC ? additive : diffusive,
      .noise_mean_slots = mean_slots,
      .step = model == NE_MASS_WC ? wc_step : (model == NE_MASS_FHN ? fhn_step : hopf_step),
      .send = send_first,
      .observe = observe_two,
      .context = NULL,
      .state_names = model == NE_MASS_WC ? ei : xy,
  };
  return u;
}

/* ---- a sparse delayed network ---- */

enum { N = 70, MAX_SETS = 19, STEPS = 1200, EVERY = 7, SAMPLES = STEPS / EVERY, CHUNK = 500 };
static double cmat[N * N];
static int32_t delays[N * N];

static void make_network(void) {
  unsigned seed = 11;
  for (int i = 0; i < N * N; ++i) {
    seed = seed * 1103515245u + 12345u;
    cmat[i] = (seed >> 16) % 3 == 0 ? 0.0 : (double)((seed >> 8) & 255) / 2000.0;
    delays[i] = (int32_t)((seed >> 20) % 25);
  }
}

/* neurolib's defaults (NeuralMassParameters), K_gl, noise; set k shifts one parameter */
static void make_params(uint32_t model, int32_t sets, double *params, double *init) {
  for (int k = 0; k < sets; ++k) {
    double *p = params + k * NE_MASS_N_PARAMS;
    memset(p, 0, NE_MASS_N_PARAMS * sizeof *p);
    p[NE_MASS_K_GL] = 0.6 + 0.05 * k;
    p[NE_MASS_TAU_OU] = 5.0;
    p[NE_MASS_SIGMA_OU] = model == NE_MASS_WC ? 0.05 : 0.02;
    p[NE_MASS_OU_MEAN_0] = 0.01;
    if (model == NE_MASS_WC) {
      const double wc[12] = {2.5, 3.75, 16, 15, 12, 3, 1.5, 1.5, 3, 3, 0.8, 0};
      memcpy(p + NE_WC_TAU_EXC, wc, sizeof wc);
      p[NE_WC_EXC_EXT] = 0.8 + 0.1 * k;
    } else if (model == NE_MASS_FHN) {
      const double fhn[8] = {3.0, 4.0, -1.5, 0.0, 0.5, 20.0, 1.0, 0.0};
      memcpy(p + NE_FHN_ALPHA, fhn, sizeof fhn);
      p[NE_MASS_DIFFUSIVE] = 1.0;
      p[NE_FHN_X_EXT] = 1.0 + 0.05 * k;
    } else {
      p[NE_HOPF_A] = 0.25 - 0.1 * k;
      p[NE_HOPF_W] = 0.2;
      p[NE_MASS_DIFFUSIVE] = 1.0;
    }
    for (int i = 0; i < 2 * N; ++i)
      init[k * 2 * N + i] = (model == NE_MASS_HOPF ? -0.5 : 0.0) + 0.05 * ((i * 7 + k) % 11) / 10.0 +
                            (model == NE_MASS_HOPF ? 0.4 * ((i * 3) % 5) / 4.0 : 0.0);
  }
}

/* Runs STEPS steps in chunks of `chunk` into out ([SAMPLES][K][2][N]); returns the create status. */
static ne_status run(uint32_t model, const ne_mass_user_model *user, const double *params, const double *init,
                     int32_t sets, int threads, int simd, int64_t chunk, double *out) {
  ne_mass_config c = {.struct_size = sizeof(ne_mass_config),
                      .model = user ? NE_MASS_USER : model,
                      .n_nodes = N,
                      .n_batch = sets,
                      .dt_ms = 0.1,
                      .cmat = cmat,
                      .delay_steps = delays,
                      .params = params,
                      .init = init,
                      .seed = 42,
                      .sample_every = EVERY,
                      .n_threads = threads,
                      .aln = NULL,
                      .simd = simd,
                      .user = user};
  ne_mass *m = NULL;
  ne_status status = ne_mass_create(&c, &m);
  if (status != NE_OK)
    return status;
  const int64_t row = (int64_t)sets * 2 * N;
  int64_t n = 0;
  for (int64_t done = 0, got = 0; done < STEPS; done += chunk, got += n) {
    const int64_t steps = STEPS - done < chunk ? STEPS - done : chunk;
    status = ne_mass_advance(m, steps, out + got * row, (SAMPLES - got) * row, &n);
    if (status != NE_OK)
      break;
  }
  ne_mass_destroy(m);
  return status;
}

static void user_equals_builtin(uint32_t model, const char *name) {
  static double params[MAX_SETS * NE_MASS_N_PARAMS], init[MAX_SETS * 2 * N];
  static double builtin[SAMPLES * MAX_SETS * 2 * N], user[SAMPLES * MAX_SETS * 2 * N];
  const ne_mass_user_model u = builtin_as_user(model);
  make_params(model, MAX_SETS, params, init);
  /* 3 sets on 2 threads: barriers; 5: two parts; 19: one thread runs handles of 8, 8 and 3 sets in turn, two
   * threads parts of 12 and 7 sets, the first as handles of 8 and 4 */
  for (int32_t sets = 1; sets <= MAX_SETS; sets += sets < 5 ? 2 : MAX_SETS - 5) {
    const size_t bytes = (size_t)SAMPLES * sets * 2 * N * sizeof(double);
    for (int simd = 1; simd <= 3; ++simd)
      for (int threads = 1; threads <= 2; ++threads) {
        const ne_status status = run(model, NULL, params, init, sets, threads, simd, STEPS, builtin);
        if (status == NE_ERR_UNSUPPORTED) /* a CPU without the level */
          continue;
        CHECK(status == NE_OK);
        /* the user path in other chunks than the built-in's: calls cut steps anywhere */
        CHECK(run(model, &u, params, init, sets, threads, simd, threads == 1 ? CHUNK : 333, user) == NE_OK);
        CHECK_MSG(memcmp(builtin, user, bytes) == 0, "%s: K = %d, SIMD level %d, %d threads: the user model differs",
                  name, sets, simd, threads);
      }
    /* the comparison means something: activity moves, the sets differ */
    double lo = INFINITY, hi = -INFINITY;
    for (int64_t v = 0; v < (int64_t)SAMPLES * sets * 2 * N; ++v)
      lo = fmin(lo, user[v]), hi = fmax(hi, user[v]);
    CHECK_MSG(hi - lo > 0.05, "%s: activity %g .. %g barely moves", name, lo, hi);
    if (sets > 1)
      CHECK(memcmp(user + 2 * N, user + 4 * N, 2 * N * sizeof(double)) != 0);
  }
  /* set 0 of the batch equals set 0 run alone (a set's normals depend on its index in the batch) */
  static double alone[SAMPLES * 2 * N];
  CHECK(run(model, &u, params, init, 1, 2, 0, STEPS, alone) == NE_OK);
  int same = 1;
  for (int t = 0; t < SAMPLES; ++t)
    same &= memcmp(alone + t * 2 * N, user + t * MAX_SETS * 2 * N, 2 * N * sizeof(double)) == 0;
  CHECK_MSG(same, "%s: set 0 of the batch differs from the set alone", name);
}

/* ---- OU inputs 2 and 3: the second stream ---- */

/* Three variables that take their OU input's value at t (x_v(t + dt) = ou_v(t)): the recorded state
 * is the OU process itself. */
static void copy_noise_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                            const double *const *c, const double *const *ou) {
  (void)ctx, (void)dt, (void)p, (void)c;
  for (int v = 0; v < 3; ++v)
    LANES_OF(l) s[v][l] = ou[v][l];
}
static void observe_three(void *ctx, int32_t count, const double *const *p, const double *const *s, double *const *v) {
  (void)ctx, (void)p;
  for (int q = 0; q < 3; ++q)
    LANES_OF(l) v[q][l] = s[q][l];
}
static void send_nothing(void *ctx, int32_t count, const double *const *p, const double *const *s, double *const *v) {
  (void)ctx, (void)count, (void)p, (void)s, (void)v;
}

/* The normal the kernel uses at `block` for (node, set) and input q: Philox counter (block, tag,
 * node, set / 2), key the seed; set 2p takes normals 0, 1, set 2p + 1 normals 2, 3; inputs 0, 1
 * from tag "MASS", 2, 3 from tag "OU23". */
static float expected_normal(uint64_t seed, uint32_t block, int node, int set, int q) {
  const uint32_t counter[4] = {block, q < 2 ? 0x4d415353u : 0x4f553233u, (uint32_t)node, (uint32_t)(set / 2)};
  const uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
  uint32_t w[4];
  ne_philox4x32_10(counter, key, w);
  float z[4];
  ne_normal4(w[0], w[1], w[2], w[3], &z[0], &z[1], &z[2], &z[3]);
  return z[2 * (set & 1) + (q & 1)];
}

static void third_noise_input_has_its_stream(void) {
  enum { NN = 3, SETS = 3, T = 200 };
  static const int32_t slots3[3] = {3, 4, 5};
  static const char *const names3[3] = {"a", "b", "c"};
  ne_mass_user_model u = {sizeof(ne_mass_user_model), 6, 3, 3, 0, 3, -1, 1, 2, 0, NULL, slots3,
                          copy_noise_step, send_nothing, observe_three, NULL, names3};
  double cm[NN * NN] = {0}, params[SETS * NE_MASS_N_PARAMS] = {0}, init[SETS * 3 * NN] = {0};
  for (int k = 0; k < SETS; ++k) {
    double *p = params + k * NE_MASS_N_PARAMS;
    p[1] = 5.0 + k;          /* tau */
    p[2] = 0.3;              /* sigma */
    p[3] = 0.1, p[4] = -0.2, p[5] = 0.05 * k; /* means */
  }
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_USER, NN, SETS, 0.1, cm, NULL, params, init, 977, 1, 1, NULL, 0,
                      &u};
  static double out[2][T * SETS * 3 * NN];
  for (int r = 0; r < 2; ++r) {
    ne_mass *m = NULL;
    CHECK(ne_mass_create(&c, &m) == NE_OK);
    int64_t n = 0;
    CHECK(m && ne_mass_advance(m, T, out[r], T * SETS * 3 * NN, &n) == NE_OK && n == T);
    ne_mass_destroy(m);
    c.n_threads = 2;
  }
  CHECK_MSG(memcmp(out[0], out[1], sizeof out[0]) == 0, "three noise inputs: two runs differ");
  /* the OU process from the expected normals, input by input */
  double worst = 0;
  int differs = 0;
  for (int k = 0; k < SETS; ++k)
    for (int i = 0; i < NN; ++i)
      for (int q = 0; q < 3; ++q) {
        const double *p = params + k * NE_MASS_N_PARAMS;
        double ou = p[3 + q];
        for (int t = 0; t < T; ++t) {
          const double got = out[0][((t * SETS + k) * 3 + q) * NN + i]; /* the state after step t = ou before it */
          worst = fmax(worst, fabs(got - ou));
          const double xi = expected_normal(977, (uint32_t)t + 1, i, k, q);
          ou = ou + (p[3 + q] - ou) * 0.1 / p[1] + p[2] * sqrt(0.1) * xi;
        }
      }
  CHECK_MSG(worst == 0.0, "the OU inputs differ from the expected Philox streams by %g", worst);
  /* input 2 is not input 0's stream again */
  for (int t = 1; t < T; ++t)
    differs += expected_normal(977, (uint32_t)t, 0, 0, 2) != expected_normal(977, (uint32_t)t, 0, 0, 0);
  CHECK(differs > T / 2);
}

/* ---- two coupled values: additive and diffusive, against a direct Euler loop ---- */

/* dx/dt = -x / tau + c0 + 0.1 y + x_ext, dy/dt = -y / tau + c1 - 0.2 x (slots: 0 K, 1 tau, 2 x_ext);
 * sends x (additive) and y (diffusive) */
static void two_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                     const double *const *c, const double *const *ou) {
  (void)ctx, (void)ou;
  LANES_OF(l) {
    const double x = s[0][l], y = s[1][l];
    s[0][l] = x + dt * (-x / p[1][l] + c[0][l] + 0.1 * y + p[2][l]);
    s[1][l] = y + dt * (-y / p[1][l] + c[1][l] - 0.2 * x);
  }
}
static void send_both(void *ctx, int32_t count, const double *const *p, const double *const *s, double *const *v) {
  (void)ctx, (void)p;
  LANES_OF(l) {
    v[0][l] = s[0][l];
    v[1][l] = s[1][l];
  }
}

static void two_couplings_follow_their_equations(void) {
  enum { NN = 6, SETS = 3, T = 400 };
  static const uint32_t modes[2] = {NE_COUPLING_ADDITIVE, NE_COUPLING_DIFFUSIVE};
  static const char *const names2[2] = {"x", "y"};
  const ne_mass_user_model u = {sizeof(ne_mass_user_model), 3, 2, 2, 2, 0, 0, -1, -1, 0, modes, NULL, two_step,
                                send_both, observe_two, NULL, names2};
  double cm[NN * NN], params[SETS * NE_MASS_N_PARAMS] = {0}, init[SETS * 2 * NN];
  int32_t d[NN * NN];
  for (int i = 0; i < NN * NN; ++i) {
    cm[i] = i % 7 == 0 ? 0.0 : 0.1 + 0.05 * (i % 5);
    d[i] = (i * 5) % 13;
  }
  for (int k = 0; k < SETS; ++k) {
    params[k * NE_MASS_N_PARAMS] = 0.3 + 0.2 * k;
    params[k * NE_MASS_N_PARAMS + 1] = 4.0;
    params[k * NE_MASS_N_PARAMS + 2] = 0.5 - 0.3 * k;
    for (int v = 0; v < 2 * NN; ++v)
      init[k * 2 * NN + v] = 0.1 * ((v * 3 + k) % 7) - 0.2;
  }
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_USER, NN, SETS, 0.1, cm, d, params, init, 0, 1, 2, NULL, 0, &u};
  static double out[T * SETS * 2 * NN];
  ne_mass *m = NULL;
  int64_t n = 0;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  CHECK(m && ne_mass_advance(m, T, out, T * SETS * 2 * NN, &n) == NE_OK && n == T);
  ne_mass_destroy(m);
  /* the equations, directly: history[t][v][i] per set, constant before t = 0 */
  static double hist[T + 1][2][NN];
  double worst = 0, scale = 0;
  for (int k = 0; k < SETS; ++k) {
    const double *p = params + k * NE_MASS_N_PARAMS;
    for (int v = 0; v < 2; ++v)
      for (int i = 0; i < NN; ++i)
        hist[0][v][i] = init[(k * 2 + v) * NN + i];
    for (int t = 0; t < T; ++t)
      for (int i = 0; i < NN; ++i) {
        double c0 = 0, c1 = 0, strength = 0;
        for (int j = 0; j < NN; ++j) {
          if (j == i)
            continue;
          const int back = t - d[i * NN + j] < 0 ? 0 : t - d[i * NN + j];
          c0 += cm[i * NN + j] * hist[back][0][j];
          c1 += cm[i * NN + j] * hist[back][1][j];
          strength += cm[i * NN + j];
        }
        c0 *= p[0];
        c1 = p[0] * (c1 - strength * hist[t][1][i]);
        const double x = hist[t][0][i], y = hist[t][1][i];
        hist[t + 1][0][i] = x + 0.1 * (-x / p[1] + c0 + 0.1 * y + p[2]);
        hist[t + 1][1][i] = y + 0.1 * (-y / p[1] + c1 - 0.2 * x);
        for (int v = 0; v < 2; ++v) {
          const double got = out[((t * SETS + k) * 2 + v) * NN + i];
          worst = fmax(worst, fabs(got - hist[t + 1][v][i]));
          scale = fmax(scale, fabs(hist[t + 1][v][i]));
        }
      }
  }
  CHECK_MSG(worst <= 1e-12 * scale && scale > 0.1, "two couplings: %g from the direct loop (scale %g)", worst, scale);
}

/* ---- validation ---- */

static void expect_error(ne_mass_config *c, const char *what, const char *fragment) {
  ne_mass *m = (ne_mass *)1;
  const ne_status status = ne_mass_create(c, &m);
  CHECK_MSG(status == NE_ERR_INVALID_ARGUMENT && m == NULL, "%s: status %d", what, status);
  CHECK_MSG(strstr(ne_last_error(), fragment) != NULL, "%s: message '%s' lacks '%s'", what, ne_last_error(), fragment);
}

static void every_field_is_validated(void) {
  static double params[NE_MASS_N_PARAMS], init[2 * N];
  double cm[4] = {0, 1, 1, 0};
  make_params(NE_MASS_HOPF, 1, params, init);
  ne_mass_user_model u = builtin_as_user(NE_MASS_HOPF);
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_USER, 2, 1, 0.1, cm, NULL, params, init, 1, 1, 1, NULL, 0, &u};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  ne_mass_destroy(m);
#define BAD(field, value, fragment)                                                                                    \
  do {                                                                                                                 \
    ne_mass_user_model saved = u;                                                                                      \
    u.field = value;                                                                                                   \
    expect_error(&c, #field " = " #value, fragment);                                                                   \
    u = saved;                                                                                                         \
  } while (0)
  BAD(struct_size, 8, "config.user->struct_size is 8");
  BAD(n_params, 0, "config.user->n_params must be in [1, 64], got 0");
  BAD(n_params, 65, "config.user->n_params must be in [1, 64], got 65");
  BAD(n_state, 0, "config.user->n_state must be >= 1, got 0");
  BAD(n_outputs, 0, "config.user->n_outputs must be >= 1, got 0");
  BAD(n_couplings, -1, "config.user->n_couplings must be >= 0, got -1");
  BAD(n_noise, 5, "config.user->n_noise must be in [0, 4], got 5");
  BAD(n_noise, -1, "config.user->n_noise must be in [0, 4], got -1");
  BAD(reserved, 3, "config.user->reserved must be 0, got 3");
  BAD(strength_slot, 12, "config.user->strength_slot must be -1 or a slot in [0, 12), got 12");
  BAD(strength_slot, -2, "config.user->strength_slot must be -1 or a slot in [0, 12), got -2");
  BAD(tau_ou_slot, -1, "config.user->tau_ou_slot must be a slot in [0, 12) with 2 noise inputs, got -1");
  BAD(sigma_ou_slot, 40, "config.user->sigma_ou_slot must be a slot in [0, 12) with 2 noise inputs, got 40");
  BAD(coupling_modes, NULL, "config.user->coupling_modes must hold 1 modes, got NULL");
  static const uint32_t bad_mode[1] = {2};
  BAD(coupling_modes, bad_mode, "config.user->coupling_modes[0] must be 0 (additive) or 1 (diffusive), got 2");
  BAD(noise_mean_slots, NULL, "config.user->noise_mean_slots must hold 2 slots, got NULL");
  static const int32_t bad_slots[2] = {3, 12};
  BAD(noise_mean_slots, bad_slots, "config.user->noise_mean_slots[1] must be a slot in [0, 12), got 12");
  BAD(step, NULL, "config.user->step");
  BAD(send, NULL, "config.user->send");
  BAD(observe, NULL, "config.user->observe");
  BAD(state_names, NULL, "config.user->state_names must hold 2 names, got NULL");
  static const char *const half[2] = {"x", NULL};
  BAD(state_names, half, "config.user->state_names[1] is NULL");
  /* without noise the OU slots may be -1, but not out of the row */
  u.n_noise = 0;
  u.tau_ou_slot = u.sigma_ou_slot = -1;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  ne_mass_destroy(m);
  BAD(sigma_ou_slot, 99, "config.user->sigma_ou_slot must be -1 or a slot in [0, 12), got 99");
  u = builtin_as_user(NE_MASS_HOPF);
  params[NE_MASS_TAU_OU] = 0.0;
  expect_error(&c, "tau_ou = 0", "params of set 0: slot 1 (tau_ou_slot, the OU time constant) must be > 0, got 0");
  params[NE_MASS_TAU_OU] = 5.0;
  params[NE_MASS_SIGMA_OU] = -0.5;
  expect_error(&c, "sigma_ou < 0", "params of set 0: slot 2 (sigma_ou_slot, the OU noise strength) must be >= 0, got -0.5");
  params[NE_MASS_SIGMA_OU] = 0.0;
  c.user = NULL;
  expect_error(&c, "no user model", "config.user is required for model 5 (user), got NULL");
  c.user = &u;
  c.model = NE_MASS_HOPF;
  expect_error(&c, "a user model with a built-in", "config.user must be NULL for the built-in model 2");
  int32_t n_state = 0, n_out = 0;
  CHECK(ne_mass_shape(NE_MASS_USER, &n_state, &n_out) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "ne_mass_user_model") != NULL);
}

/* ---- a state that turns non-finite ---- */

/* clock += dt; w turns nan (or inf, with ctx non-NULL) once the clock passes 1 ms. */
static void diverging_step(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                           const double *const *c, const double *const *ou) {
  (void)p, (void)c, (void)ou;
  LANES_OF(l) {
    s[0][l] = s[0][l] + dt;
    s[1][l] = s[0][l] > 1.0 ? (ctx ? INFINITY : NAN) : s[1][l] + dt * c[0][l];
  }
}

static void non_finite_state_fails_the_call(void) {
  enum { NN = 8, SETS = 12 };
  static const int32_t no_slots[1] = {0};
  static const char *const names[2] = {"clock", "w"};
  ne_mass_user_model u = {sizeof(ne_mass_user_model), 1, 2, 2, 1, 0, -1, -1, -1, 0, additive, no_slots, diverging_step,
                          send_first, observe_two, NULL, names};
  double cm[NN * NN], params[SETS * NE_MASS_N_PARAMS] = {0}, init[SETS * 2 * NN] = {0};
  for (int i = 0; i < NN * NN; ++i)
    cm[i] = 0.01;
  for (int pass = 0; pass < 6; ++pass) {
    /* one set, three sets (a batch on 2 threads shares out nodes), twelve sets (handles of sets 0 .. 7
     * and 8 .. 11: on one thread run in turn, on 2 threads each run without barriers) */
    const int sets = pass < 2 ? 1 : (pass < 4 ? 3 : SETS), threads = 1 + pass % 2;
    memset(init, 0, sizeof init);
    /* the clocks of node 3, set 0 and of a lane another thread has start at 0.5 ms: both pass 1 ms in
     * the same step, and the message names the first in (node, set) order: node 6 of set 0 or 2
     * (after node 3), or node 1 of set 9 (before it, in the other handle) */
    const int other_set = sets == 1 ? 0 : (sets == 3 ? 2 : 9), other_node = sets == SETS ? 1 : 6;
    init[3] = 0.5;
    init[other_set * 2 * NN + other_node] = 0.5;
    ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_USER, NN, sets, 0.1, cm, NULL, params, init, 1, 2, threads,
                        NULL, 0, &u};
    u.context = pass == 3 ? (void *)1 : NULL;
    const int first_node = sets == SETS ? other_node : 3, first_set = sets == SETS ? other_set : 0;
    ne_mass *m = NULL;
    CHECK(ne_mass_create(&c, &m) == NE_OK);
    if (!m)
      continue;
    /* the step in which the clock, 0.5 + 0.1 + 0.1 + ..., first exceeds 1 */
    double clock = 0.5;
    int step = 0;
    while (clock <= 1.0)
      clock = clock + 0.1, ++step;
    enum { CAP = 10 * SETS * 2 * NN };
    double out[CAP];
    for (int v = 0; v < CAP; ++v)
      out[v] = -7.0;
    int64_t n = -1;
    CHECK(ne_mass_advance(m, 20, out, CAP, &n) == NE_ERR_NON_FINITE && n == -1);
    char expected[200];
    snprintf(expected, sizeof expected, "state variable w is %s at t = %.10g ms (step %d), node %d, set %d",
             pass == 3 ? "inf" : "nan", step * 0.1, step, first_node, first_set);
    CHECK_MSG(strcmp(ne_last_error(), expected) == 0, "pass %d: message '%s', expected '%s'", pass, ne_last_error(),
              expected);
    /* nothing non-finite reached the outputs, and no sample after the failing step (sample j is taken
     * after step 2 (j + 1)); the failing step's own sample may hold the lanes done before the failing
     * one: the caller discards the outputs of a failed call */
    int finite = 1, untouched = 1;
    for (int v = 0; v < CAP; ++v) {
      finite &= isfinite(out[v]) != 0;
      if (2 * (v / (sets * 2 * NN) + 1) > step)
        untouched &= out[v] == -7.0;
    }
    CHECK_MSG(finite && untouched, "pass %d: the failed call wrote %s", pass, finite ? "a late sample" : "a non-finite value");
    /* the handle refuses to go on, with the same message */
    CHECK(ne_mass_advance(m, 2, out, CAP, &n) == NE_ERR_NON_FINITE);
    CHECK(strstr(ne_last_error(), expected) != NULL);
    ne_mass_destroy(m);
  }
}

/* ---- speed (`test_mass_user bench`): region-steps per second of the built-in and its lane
 * functions on the same work, one thread, best of three ---- */

#include <time.h>

static double seconds(int threads) {
  struct timespec t; /* one thread: CPU time, robust to a busy machine; more: wall time */
  clock_gettime(threads == 1 ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Wilson-Cowan's lanes eight at a time with the engine's vector exp (what a compiler makes of a
 * vectorizable generated loop), for the speed figures only: the same operations, so the same bits. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define HAVE_WC_AVX512 1
#pragma GCC push_options
#pragma GCC target("avx2,avx512f")
#include "common/exp_simd.h"
static __m512d wc_sigmoid8(__m512d u, __m512d a, __m512d mu) {
  const __m512d minus_a = _mm512_castsi512_pd(_mm512_xor_si512(_mm512_castpd_si512(a), _mm512_set1_epi64(INT64_MIN)));
  const __m512d one = _mm512_set1_pd(1.0);
  return _mm512_div_pd(one, _mm512_add_pd(one, ne_exp_avx512(_mm512_mul_pd(minus_a, _mm512_sub_pd(u, mu)))));
}
static __m512d clip01_8(__m512d x) {
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  x = _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, zero, _CMP_LT_OQ), x, zero);
  return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, one, _CMP_GT_OQ), x, one);
}
static void wc_step_avx512(void *ctx, int32_t count, double dt, const double *const *p, double *const *s,
                           const double *const *c, const double *const *ou) {
  int32_t l = 0;
  const __m512d vdt = _mm512_set1_pd(dt), one = _mm512_set1_pd(1.0);
#define LD(ptr) _mm512_loadu_pd((ptr) + l)
  for (; l + 8 <= count; l += 8) {
    const __m512d e = LD(s[0]), i = LD(s[1]);
    const __m512d in_e = _mm512_add_pd(_mm512_add_pd(_mm512_sub_pd(_mm512_mul_pd(LD(p[NE_WC_C_EXCEXC]), e),
                                                                   _mm512_mul_pd(LD(p[NE_WC_C_INHEXC]), i)),
                                                     LD(c[0])),
                                       LD(p[NE_WC_EXC_EXT]));
    const __m512d in_i = _mm512_add_pd(
        _mm512_sub_pd(_mm512_mul_pd(LD(p[NE_WC_C_EXCINH]), e), _mm512_mul_pd(LD(p[NE_WC_C_INHINH]), i)), LD(p[NE_WC_INH_EXT]));
    const __m512d neg_e = _mm512_sub_pd(_mm512_setzero_pd(), e), neg_i = _mm512_sub_pd(_mm512_setzero_pd(), i);
    const __m512d de = _mm512_div_pd(
        _mm512_add_pd(_mm512_add_pd(neg_e, _mm512_mul_pd(_mm512_sub_pd(one, e), wc_sigmoid8(in_e, LD(p[NE_WC_A_EXC]), LD(p[NE_WC_MU_EXC])))),
                      LD(ou[0])),
        LD(p[NE_WC_TAU_EXC]));
    const __m512d di = _mm512_div_pd(
        _mm512_add_pd(_mm512_add_pd(neg_i, _mm512_mul_pd(_mm512_sub_pd(one, i), wc_sigmoid8(in_i, LD(p[NE_WC_A_INH]), LD(p[NE_WC_MU_INH])))),
                      LD(ou[1])),
        LD(p[NE_WC_TAU_INH]));
    _mm512_storeu_pd(s[0] + l, clip01_8(_mm512_add_pd(e, _mm512_mul_pd(vdt, de))));
    _mm512_storeu_pd(s[1] + l, clip01_8(_mm512_add_pd(i, _mm512_mul_pd(vdt, di))));
  }
#undef LD
  if (l < count) { /* the rest as the scalar function */
    const double *pp[NE_MASS_N_PARAMS], *cc[1] = {c[0] + l}, *oo[2] = {ou[0] + l, ou[1] + l};
    double *ss[2] = {s[0] + l, s[1] + l};
    for (int a = 0; a < NE_WC_INH_EXT + 1; ++a)
      pp[a] = p[a] + l;
    wc_step(ctx, count - l, dt, pp, ss, cc, oo);
  }
}
#pragma GCC pop_options
#endif

static void bench(int only_model, int only_sets, int only_path, int threads) {
  enum { BN = 80, BSETS = 16 };
  static double bc[BN * BN], params[BSETS * NE_MASS_N_PARAMS], init[BSETS * 2 * N], binit[BSETS * 2 * BN],
      out[BSETS * 2 * BN];
  static int32_t bd[BN * BN];
  unsigned seed = 5;
  for (int i = 0; i < BN * BN; ++i) { /* dense, as a structural connectome; delays up to 20 ms */
    seed = seed * 1103515245u + 12345u;
    bc[i] = (double)((seed >> 8) & 255) / 20000.0;
    bd[i] = (int32_t)((seed >> 16) % 200);
  }
  const uint32_t models[3] = {NE_MASS_FHN, NE_MASS_HOPF, NE_MASS_WC};
  const char *names[3] = {"fhn", "hopf", "wc"};
  for (int a = 0; a < 3; ++a) {
    if (only_model >= 0 && (uint32_t)only_model != models[a])
      continue;
    make_params(models[a], BSETS, params, init);
    for (int v = 0; v < BSETS * 2 * BN; ++v)
      binit[v] = init[v % (2 * N)];
    ne_mass_user_model u = builtin_as_user(models[a]);
#ifdef HAVE_WC_AVX512
    if (models[a] == NE_MASS_WC && __builtin_cpu_supports("avx512f"))
      u.step = wc_step_avx512;
#endif
    static double first[2][BSETS * 2 * BN];
    for (int sets = 1; sets <= BSETS; sets += sets == 1 ? 7 : BSETS - 8) {
      if (only_sets > 0 && sets != only_sets)
        continue;
      const int64_t steps = sets == 1 ? 50000 : 5000;
      double best[2] = {1e30, 1e30};
      for (int rep = 0; rep < 3; ++rep)
        for (int path = 0; path < 2; ++path) {
          if (only_path >= 0 && path != only_path)
            continue;
          ne_mass_config c = {sizeof(ne_mass_config), path ? NE_MASS_USER : models[a], BN, sets, 0.1, bc, bd, params,
                              binit, 1, (int32_t)steps, threads, NULL, 0, path ? &u : NULL};
          ne_mass *m = NULL;
          int64_t n = 0;
          if (ne_mass_create(&c, &m) != NE_OK) {
            printf("create: %s\n", ne_last_error());
            return;
          }
          const double t0 = seconds(threads);
          if (ne_mass_advance(m, steps, out, sets * 2 * BN, &n) != NE_OK)
            printf("%s, K = %d, %s path: %s\n", names[a], sets, path ? "user" : "built-in", ne_last_error());
          best[path] = fmin(best[path], seconds(threads) - t0);
          memcpy(first[path], out, sizeof first[path]);
          ne_mass_destroy(m);
        }
      const double work = (double)BN * sets * steps;
      printf("%-4s K = %2d: built-in %.3g, user %.3g region-steps/s (user / built-in time %.2f)%s\n", names[a], sets,
             work / best[0], work / best[1], best[1] / best[0],
             only_path < 0 ? (memcmp(first[0], first[1], sizeof first[0]) == 0 ? ", same bits" : ", BITS DIFFER") : "");
    }
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "bench") == 0) { /* optional: model, K, path (0 built-in, 1 user) */
    bench(argc > 2 ? atoi(argv[2]) : -1, argc > 3 ? atoi(argv[3]) : 0, argc > 4 ? atoi(argv[4]) : -1,
          argc > 5 ? atoi(argv[5]) : 1);
    return 0;
  }
  make_network();
  user_equals_builtin(NE_MASS_FHN, "FitzHugh-Nagumo");
  user_equals_builtin(NE_MASS_HOPF, "Hopf");
  user_equals_builtin(NE_MASS_WC, "Wilson-Cowan");
  third_noise_input_has_its_stream();
  two_couplings_follow_their_equations();
  every_field_is_validated();
  non_finite_state_fails_the_call();
  return ne_test_finish("test_mass_user");
}
