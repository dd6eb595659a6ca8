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
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_HOPF, 1, 1, 0.01, cmat, NULL, params, init, 1, 100, 1, NULL};
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
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_WW, 1, 1, 0.1, cmat, NULL, p, init, 0, 200000, 1, NULL};
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
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_ALN, 1, 1, 0.1, cmat, NULL, p, init, 0, 20000, 1, &t};
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

/* Wilson-Cowan runs with one set (eight targets per vector on AVX-512 CPUs) equal set 0 of a batch
 * of two (the per-set path) bit for bit, on 1 and 2 threads: a sparse random network of 21 nodes
 * (two full groups of eight and a partial one, targets with different numbers of sources),
 * delays, OU noise, sampled every 7 steps; whole runs and runs in chunks. */
static void wilson_cowan_lanes_equal_batches(void) {
  enum { N = 21, STEPS = 3000, EVERY = 7, SAMPLES = STEPS / EVERY };
  static double cmat[N * N], params[2 * NE_MASS_N_PARAMS], init[2 * 2 * N], one[SAMPLES * 2 * N],
      two[SAMPLES * 2 * 2 * N];
  static int32_t delays[N * N];
  unsigned seed = 3;
  for (int i = 0; i < N * N; ++i) {
    seed = seed * 1103515245u + 12345u;
    cmat[i] = (seed >> 16) % 3 == 0 ? 0.0 : (double)((seed >> 8) & 255) / 400.0;
    delays[i] = (int32_t)((seed >> 20) % 31);
  }
  const double wc[12] = {2.5, 3.75, 16, 15, 12, 3, 1.5, 1.5, 3, 3, 0.8, 0};
  for (int k = 0; k < 2; ++k) {
    double *p = params + k * NE_MASS_N_PARAMS;
    memset(p, 0, NE_MASS_N_PARAMS * sizeof *p);
    p[NE_MASS_K_GL] = 0.6;
    p[NE_MASS_TAU_OU] = 5.0;
    p[NE_MASS_SIGMA_OU] = 0.05;
    memcpy(p + NE_WC_TAU_EXC, wc, sizeof wc);
    for (int i = 0; i < 2 * N; ++i)
      init[k * 2 * N + i] = 0.05 + 0.01 * (i % 7);
  }
  params[NE_MASS_N_PARAMS + NE_WC_EXC_EXT] = 1.2; /* set 1 differs */
  for (int threads = 1; threads <= 2; ++threads) {
    ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_WC, N, 1, 0.1, cmat, delays, params, init, 5, EVERY, threads, NULL};
    ne_mass *m = NULL;
    int64_t n = 0;
    CHECK(ne_mass_create(&c, &m) == NE_OK);
    if (threads == 1)
      CHECK(ne_mass_advance(m, STEPS, one, SAMPLES * 2 * N, &n) == NE_OK && n == SAMPLES);
    else /* in chunks of 13 steps: blocks of the one-set kernel cut anywhere */
      for (int64_t done = 0, got = 0; done < STEPS; done += 13, got += n)
        CHECK(ne_mass_advance(m, STEPS - done < 13 ? STEPS - done : 13, one + got * 2 * N, (SAMPLES - got) * 2 * N, &n) ==
              NE_OK);
    ne_mass_destroy(m);
    c.n_batch = 2;
    CHECK(ne_mass_create(&c, &m) == NE_OK);
    CHECK(ne_mass_advance(m, STEPS, two, SAMPLES * 2 * 2 * N, &n) == NE_OK && n == SAMPLES);
    ne_mass_destroy(m);
    int same = 1;
    double lo = 1, hi = 0;
    for (int t = 0; t < SAMPLES; ++t) /* samples are [n][K][2][N]: set 0 is the first 2N values of a row */
      for (int v = 0; v < 2 * N; ++v) {
        same &= memcmp(&one[t * 2 * N + v], &two[t * 4 * N + v], sizeof(double)) == 0;
        lo = fmin(lo, one[t * 2 * N + v]);
        hi = fmax(hi, one[t * 2 * N + v]);
      }
    CHECK_MSG(same, "%d threads: the one-set run differs from set 0 of the batch", threads);
    CHECK_MSG(hi - lo > 0.05, "the activity barely moves (%g .. %g): the test would mean little", lo, hi);
  }
}

int main(void) {
  wilson_cowan_lanes_equal_batches();
  hopf_limit_cycle();
  wong_wang_fixed_point();
  aln_constant_tables();
  int32_t n_state = 0, n_out = 0;
  CHECK(ne_mass_shape(NE_MASS_ALN, &n_state, &n_out) == NE_OK && n_state == 13 && n_out == 3);
  CHECK(ne_mass_shape(7, &n_state, &n_out) == NE_ERR_INVALID_ARGUMENT);
  return ne_test_finish("test_mass");
}
