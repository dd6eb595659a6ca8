/* Neural mass kernel: a Hopf node settles on its limit cycle (radius sqrt(a)); a Wong-Wang node
 * settles where its right-hand side vanishes; an ALN node with constant tables settles on the
 * synaptic fixed point s = z1 / (1 + z1); sampling counts; argument validation. */
#include <math.h>
#include <string.h>

#include "mass/aln_math.h"
#include "mass/mass_math.h"
#include "ne_test.h"
#include "neuroengine.h"

static void hopf_limit_cycle(void) {
  double cmat[1] = {0.0}, params[NE_MASS_N_PARAMS], init[2] = {0.1, 0.0}, out[2 * 1000];
  memset(params, 0, sizeof params);
  params[NE_HOPF_A] = 0.25;
  params[NE_HOPF_W] = 0.2;
  params[NE_MASS_TAU_OU] = 5.0;
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_HOPF, 1, 1, 0.01, cmat, NULL, params, init, 1, 100, 1, NULL, 0, .user = NULL};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  int64_t n = 0;
  CHECK(ne_mass_advance(m, 100000, out, 2 * 1000, &n) == NE_OK && n == 1000);
  double r = sqrt(out[2 * 999] * out[2 * 999] + out[2 * 999 + 1] * out[2 * 999 + 1]);
  CHECK_MSG(fabs(r - 0.5) < 2e-3, "radius %g", r);
  CHECK(ne_mass_advance(m, 100, out, 1, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_advance(m, 0, out, 2000, &n) == NE_ERR_INVALID_ARGUMENT);
  ne_mass_destroy(m);
  c.model = 9;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT && m == NULL);
  c.model = NE_MASS_HOPF;
  cmat[0] = NAN;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "cmat") != NULL);
  cmat[0] = 0.0;
  params[NE_MASS_SIGMA_OU] = -1.0;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  ne_mass_destroy(NULL);
}

static void wong_wang_fixed_point(void) {
  double cmat[1] = {0.0}, p[NE_MASS_N_PARAMS], init[2] = {0.05, 0.05}, out[4];
  memset(p, 0, sizeof p);
  p[NE_MASS_TAU_OU] = 5.0;
  const double defaults[] = {0.31, 0.125, 160.0, 100.0, 0.641, 1.0, 0.382, 0.615, 0.177, 87.0,
                             10.0, 0.7, 0.382, 0.15, 1.0, 1.4, 1.0};
  memcpy(p + NE_WW_A_EXC, defaults, sizeof defaults);
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_WW, 1, 1, 0.1, cmat, NULL, p, init, 0, 200000, 1, NULL, 0, .user = NULL};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  int64_t n = 0;
  CHECK(ne_mass_advance(m, 200000, out, 4, &n) == NE_OK && n == 1);
  double dse, dsi, re, ri;
  ne_ww_rhs(p, out[2], out[3], 0.0, 0.0, 0.0, &dse, &dsi, &re, &ri);
  CHECK_MSG(fabs(dse) < 1e-12 && fabs(dsi) < 1e-12, "ww rhs at the end: %g %g", dse, dsi);
  CHECK_MSG(out[0] > 0 && fabs(out[0] - re) < 1e-9 && fabs(out[1] - ri) < 1e-9, "rates %g %g vs %g %g", out[0], out[1],
            re, ri);
  ne_mass_destroy(m);
  p[NE_WW_D_EXC] = 0.0;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "d_exc") != NULL);
}

static void aln_constant_tables(void) {
  enum { NM = 3, NS = 2 };
  double mu[NM] = {-1, 0, 1}, sigma[NS] = {0.5, 5}, rate[NM * NS], v_mean[NM * NS], tau[NM * NS];
  for (int i = 0; i < NM * NS; ++i) {
    rate[i] = 0.01; /* kHz */
    v_mean[i] = -60;
    tau[i] = 10;
  }
  ne_aln_tables t = {NM, NS, mu, sigma, rate, v_mean, tau};
  const double defaults[] = {0.3, 250, 1.5, 1.5, 800, 200, 4, 2, 2, 5, 0.3, 0.3, 0.5, 0.5,
                             2.43, 2.60, -3.3, -1.64, 0, 0, -80, 200, 200, 10, 0, 0, 0, 0};
  double cmat[1] = {0.0}, p[NE_MASS_N_PARAMS], init[13], out[3];
  memset(p, 0, sizeof p);
  memcpy(p + NE_ALN_C_GL, defaults, sizeof defaults);
  p[NE_MASS_TAU_OU] = 5;
  p[NE_MASS_OU_MEAN_0] = 0.4;
  p[NE_MASS_OU_MEAN_1] = 0.3;
  for (int v = 0; v < 13; ++v)
    init[v] = 0.001 * (v + 1);
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_ALN, 1, 1, 0.1, cmat, NULL, p, init, 0, 20000, 1, &t, 0, .user = NULL};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  int64_t n = 0;
  CHECK(ne_mass_advance(m, 20000, out, 3, &n) == NE_OK && n == 1);
  CHECK_MSG(fabs(out[0] - 10.0) < 1e-12 && fabs(out[1] - 10.0) < 1e-12, "rates %g %g Hz", out[0], out[1]);
  ne_mass_destroy(m);
  /* the synaptic means settle on s = z1 / (1 + z1): check through a second run's state via IA = 0 and
   * the filtered input mufe -> mu_E = Jee s_ee + Jei s_ei + mue_ext */
  const double cee = 0.3 * 2 / 2.43, cei = 0.5 * 5 / 3.3, r = 0.01;
  const double z1ee = cee * 800 * r, z1ei = cei * 200 * r;
  const double mue = 2.43 * z1ee / (1 + z1ee) - 3.3 * z1ei / (1 + z1ei) + 0.4;
  ne_aln_grid g = {NM, NS, -1, 1, 1, 0.5, 5, 4.5, rate, v_mean, tau};
  double s[NE_ALN_N_STATE];
  for (int v = 0; v < NE_ALN_N_STATE; ++v)
    s[v] = init[2 + v];
  double re, ri;
  for (int step = 0; step < 20000; ++step)
    ne_aln_step(p, &g, s, r, r, r, 0, 0, 0.4, 0.3, 0.1, &re, &ri);
  CHECK_MSG(fabs(s[NE_ALN_MUFE] - mue) < 1e-9, "mufe %.12g expected %.12g", s[NE_ALN_MUFE], mue);
  const double ia = init[2 + NE_ALN_IA] * pow(1 - 0.1 / 200, 20000); /* Euler decay with a = b = 0 */
  CHECK_MSG(fabs(s[NE_ALN_IA] - ia) < 1e-15 && fabs(out[2] - ia) < 1e-15, "IA %g and %g, expected %g", s[NE_ALN_IA],
            out[2], ia);
  /* validation: missing or bad tables */
  c.aln = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "config.aln") != NULL);
  c.aln = &t;
  mu[1] = 0.5;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "uniform") != NULL);
  mu[1] = 0;
  tau[3] = 0;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "tau_mu[1][1]") != NULL);
}

/* Runs WC for STEPS steps (in chunks of `chunk`) into out ([n][K][2][N]); returns the create
 * status. With `into`, the run writes each set's E and I to arrays of their own
 * (ne_mass_advance_into) and they are interleaved into out afterwards. */
enum { WC_N = 21, WC_STEPS = 3000, WC_EVERY = 7, WC_SAMPLES = WC_STEPS / WC_EVERY, WC_SETS = 15 };
static ne_status run_wc(const double *cmat, const int32_t *delays, const double *params, const double *init, int32_t sets,
                        int threads, int simd, int64_t chunk, int into, double *out) {
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_WC, WC_N, sets, 0.1, cmat, delays, params, init, 5, WC_EVERY,
                      threads, NULL, simd, .user = NULL};
  ne_mass *m = NULL;
  ne_status status = ne_mass_create(&c, &m);
  if (status != NE_OK)
    return status;
  static double separate[WC_SETS * 2][WC_SAMPLES * WC_N];
  int64_t n = 0;
  const int64_t row = (int64_t)sets * 2 * WC_N;
  for (int64_t done = 0, got = 0; done < WC_STEPS; done += chunk, got += n) {
    const int64_t steps = WC_STEPS - done < chunk ? WC_STEPS - done : chunk;
    if (into) {
      double *at[WC_SETS * 2];
      for (int q = 0; q < 2 * sets; ++q)
        at[q] = separate[q] + got * WC_N;
      CHECK(ne_mass_advance_into(m, steps, at, 2 * sets, WC_SAMPLES - got, &n) == NE_OK);
    } else {
      CHECK(ne_mass_advance(m, steps, out + got * row, (WC_SAMPLES - got) * row, &n) == NE_OK);
    }
  }
  if (into)
    for (int64_t t = 0; t < WC_SAMPLES; ++t)
      for (int q = 0; q < 2 * sets; ++q)
        memcpy(out + t * row + q * WC_N, separate[q] + t * WC_N, WC_N * sizeof(double));
  ne_mass_destroy(m);
  return NE_OK;
}

/* Wilson-Cowan's batch kernels (a batch of 15: on AVX-512 the eight-set kernel on sets 0-7, the
 * four-set one on 8-11, then single sets on the eight-target kernel; on AVX2 three four-set
 * parts, then single sets on the per-set path) give the bits of
 * the per-set path (SIMD level 1 forces it) for every set, on 1 to 4 threads (equal to one thread's), whole runs and runs
 * in chunks of 13 steps (the kernel's blocks of eight steps cut anywhere), and set 0 of a batch
 * equals the one-set run: a sparse random network of 21 nodes (two full groups of eight and a
 * partial one, targets with different numbers of sources), delays 0-30 steps (near and far
 * terms), OU noise, sampled every 7 steps. */
static void wilson_cowan_lanes_equal_batches(void) {
  static double cmat[WC_N * WC_N], params[WC_SETS * NE_MASS_N_PARAMS], init[WC_SETS * 2 * WC_N],
      one[WC_SAMPLES * 2 * WC_N], fast[WC_SAMPLES * WC_SETS * 2 * WC_N], plain[WC_SAMPLES * WC_SETS * 2 * WC_N],
      split[WC_SAMPLES * WC_SETS * 2 * WC_N];
  static int32_t delays[WC_N * WC_N];
  unsigned seed = 3;
  for (int i = 0; i < WC_N * WC_N; ++i) {
    seed = seed * 1103515245u + 12345u;
    cmat[i] = (seed >> 16) % 3 == 0 ? 0.0 : (double)((seed >> 8) & 255) / 400.0;
    delays[i] = (int32_t)((seed >> 20) % 31);
  }
  const double wc[12] = {2.5, 3.75, 16, 15, 12, 3, 1.5, 1.5, 3, 3, 0.8, 0};
  for (int k = 0; k < WC_SETS; ++k) {
    double *p = params + k * NE_MASS_N_PARAMS;
    memset(p, 0, NE_MASS_N_PARAMS * sizeof *p);
    p[NE_MASS_K_GL] = 0.6;
    p[NE_MASS_TAU_OU] = 5.0;
    p[NE_MASS_SIGMA_OU] = 0.05;
    memcpy(p + NE_WC_TAU_EXC, wc, sizeof wc);
    p[NE_WC_EXC_EXT] = 0.8 + 0.1 * k; /* the sets differ */
    for (int i = 0; i < 2 * WC_N; ++i)
      init[k * 2 * WC_N + i] = 0.05 + 0.01 * (i % 7);
  }
  static double plain1[WC_SAMPLES * WC_SETS * 2 * WC_N], one1[WC_SAMPLES * 2 * WC_N];
  const size_t whole = sizeof fast;
  for (int threads = 1; threads <= 4; ++threads)
    for (int64_t chunk = WC_STEPS; chunk >= 13; chunk = chunk == 13 ? 0 : 13) {
      CHECK(run_wc(cmat, delays, params, init, 1, threads, 0, chunk, 0, one) == NE_OK);
      CHECK(run_wc(cmat, delays, params, init, WC_SETS, threads, 1, chunk, 0, plain) == NE_OK);
      if (threads == 1 && chunk == WC_STEPS) { /* the per-set path and the one-set run on one thread */
        memcpy(plain1, plain, whole);
        memcpy(one1, one, sizeof one);
      }
      CHECK_MSG(memcmp(plain, plain1, whole) == 0 && memcmp(one, one1, sizeof one) == 0,
                "%d threads, chunks of %lld: differs from one thread", threads, (long long)chunk);
      for (int simd = 2; simd <= 3; ++simd) { /* AVX2: four-set parts, then single sets on the per-set path */
        const ne_status status = run_wc(cmat, delays, params, init, WC_SETS, threads, simd, chunk, 0, fast);
        if (status == NE_ERR_UNSUPPORTED) /* a CPU without the level */
          continue;
        CHECK(status == NE_OK);
        CHECK_MSG(memcmp(fast, plain, whole) == 0,
                  "SIMD level %d, %d threads, chunks of %lld: the batch differs from the per-set path", simd, threads,
                  (long long)chunk);
      }
      CHECK(run_wc(cmat, delays, params, init, WC_SETS, threads, 0, chunk, 0, fast) == NE_OK);
      /* each set in arrays of its own: the same values in the same places, on both paths */
      CHECK(run_wc(cmat, delays, params, init, WC_SETS, threads, 0, chunk, 1, split) == NE_OK);
      CHECK_MSG(memcmp(split, plain, whole) == 0, "%d threads, chunks of %lld: advance_into (batch kernel) differs",
                threads, (long long)chunk);
      CHECK(run_wc(cmat, delays, params, init, WC_SETS, threads, 1, chunk, 1, split) == NE_OK);
      CHECK_MSG(memcmp(split, plain, whole) == 0, "%d threads, chunks of %lld: advance_into (per-set path) differs",
                threads, (long long)chunk);
      int same = 1;
      double lo = 1, hi = 0;
      for (int t = 0; t < WC_SAMPLES; ++t) /* samples are [n][K][2][N]: set 0 is the first 2N values of a row */
        for (int v = 0; v < 2 * WC_N; ++v) {
          same &= memcmp(&one[t * 2 * WC_N + v], &plain[t * WC_SETS * 2 * WC_N + v], sizeof(double)) == 0;
          lo = fmin(lo, one[t * 2 * WC_N + v]);
          hi = fmax(hi, one[t * 2 * WC_N + v]);
        }
      CHECK_MSG(same, "%d threads: the one-set run differs from set 0 of the batch", threads);
      CHECK_MSG(hi - lo > 0.05, "the activity barely moves (%g .. %g): the test would mean little", lo, hi);
      CHECK(memcmp(plain + 2 * WC_N, plain + 4 * WC_N, 2 * WC_N * sizeof(double)) != 0); /* sets 1 and 2 differ */
    }
  /* set 0 without noise: its partner, set 1, cannot read normals from it and draws its own */
  params[NE_MASS_SIGMA_OU] = 0.0;
  CHECK(run_wc(cmat, delays, params, init, WC_SETS, 2, 0, WC_STEPS, 0, fast) == NE_OK);
  CHECK(run_wc(cmat, delays, params, init, WC_SETS, 2, 1, WC_STEPS, 0, plain) == NE_OK);
  CHECK_MSG(memcmp(fast, plain, whole) == 0, "a batch whose set 0 has no noise differs from the per-set path");
  params[NE_MASS_SIGMA_OU] = 0.05;
}

/* ne_mass_advance_into refuses a wrong number of arrays, too few rows and a NULL array, naming
 * them, and writes nothing then. */
static void advance_into_checks_its_arrays(void) {
  double cmat[4] = {0, 1, 1, 0}, params[2 * NE_MASS_N_PARAMS] = {0}, init[2 * 2 * 2];
  for (int i = 0; i < 8; ++i)
    init[i] = 0.1;
  const double wc[12] = {2.5, 3.75, 16, 15, 12, 3, 1.5, 1.5, 3, 3, 0.8, 0};
  for (int k = 0; k < 2; ++k) {
    params[k * NE_MASS_N_PARAMS + NE_MASS_K_GL] = 0.5;
    params[k * NE_MASS_N_PARAMS + NE_MASS_TAU_OU] = 5.0;
    memcpy(params + k * NE_MASS_N_PARAMS + NE_WC_TAU_EXC, wc, sizeof wc);
  }
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_WC, 2, 2, 0.1, cmat, NULL, params, init, 1, 10, 1, NULL, 0, .user = NULL};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  double a[4][2 * 2];
  for (int q = 0; q < 4; ++q)
    for (int i = 0; i < 4; ++i)
      a[q][i] = -1;
  double *at[4] = {a[0], a[1], a[2], a[3]};
  int64_t n = -1;
  CHECK(ne_mass_advance_into(m, 20, at, 3, 2, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "outputs must hold 4 arrays") != NULL);
  CHECK(ne_mass_advance_into(m, 30, at, 4, 2, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "rows is 2 but 3 samples are due") != NULL);
  at[2] = NULL;
  CHECK(ne_mass_advance_into(m, 20, at, 4, 2, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "outputs[2] (set 1, output 0) is NULL") != NULL);
  CHECK(n == -1 && a[0][0] == -1 && a[3][3] == -1);
  /* no sample due: no arrays needed */
  CHECK(ne_mass_advance_into(m, 5, NULL, 4, 0, &n) == NE_OK && n == 0);
  at[2] = a[2];
  CHECK(ne_mass_advance_into(m, 15, at, 4, 2, &n) == NE_OK && n == 2);
  CHECK(a[0][0] >= 0 && a[0][0] <= 1 && a[3][3] >= 0 && a[3][3] <= 1); /* WC rates are clipped to [0, 1] */
  ne_mass_destroy(m);
}

int main(void) {
  advance_into_checks_its_arrays();
  wilson_cowan_lanes_equal_batches();
  hopf_limit_cycle();
  wong_wang_fixed_point();
  aln_constant_tables();
  int32_t n_state = 0, n_out = 0;
  CHECK(ne_mass_shape(NE_MASS_ALN, &n_state, &n_out) == NE_OK && n_state == 13 && n_out == 3);
  CHECK(ne_mass_shape(7, &n_state, &n_out) == NE_ERR_INVALID_ARGUMENT);
  return ne_test_finish("test_mass");
}
