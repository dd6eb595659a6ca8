/* The body of the Wilson-Cowan sets kernel (mass_wc_sets.h), written once for both widths:
 * mass_wc_sets_avx2.c includes it with four-lane macros, mass_wc_sets_avx512.c with eight-lane
 * ones, so the operations and their order are the same at both widths.
 *
 * The including file defines
 *   NE_SV, NE_SV_WIDTH                 the vector of doubles and its lanes (the part's sets)
 *   NE_SV_LOAD, NE_SV_STORE, NE_SV_SET1, NE_SV_ZERO, NE_SV_ADD, NE_SV_SUB, NE_SV_MUL, NE_SV_DIV,
 *   NE_SV_EXP                          as their _mm*_pd counterparts (NE_SV_EXP: ne_exp's lanes)
 *   NE_SV_NEGATE(x), NE_SV_CLIP01(x)   -x as a sign flip; x < 0 ? 0 : (x > 1 ? 1 : x)
 *   NE_SV_MASK, NE_SV_NOISY(noisy)     a lane mask, and the mask of the sets whose noisy[] is not 0
 *   NE_SV_NORMALS(s, i, mask, xi0, xi1) target i's two normals of every set as doubles, 0 outside
 *                                      the mask (sets without noise)
 *   NE_SV_KERNEL                       the function's name
 * and undefines nothing: each file includes this once. */

static inline NE_SV sv_param(const ne_mass_wc_sets_step *s, int slot) {
  return NE_SV_LOAD(s->params + (int64_t)slot * NE_SV_WIDTH);
}

/* 1 / (1 + exp(-a (u - mu))), as ne_wc_sigmoid: -a is a sign flip of a */
static inline NE_SV sv_sigmoid(NE_SV u, NE_SV minus_a, NE_SV mu) {
  const NE_SV one = NE_SV_SET1(1.0);
  return NE_SV_DIV(one, NE_SV_ADD(one, NE_SV_EXP(NE_SV_MUL(minus_a, NE_SV_SUB(u, mu)))));
}

/* sum over target i's terms of w x the source's delayed E, as accumulate in mass.c: term t0 + q
 * into partial q mod 4 in fours, the remainder into the first partials, then (p0 + p1) + (p2 + p3) */
static inline NE_SV sv_coupling_sum(const ne_mass_wc_sets_step *s, int32_t i, int64_t now) {
  NE_SV a0 = NE_SV_ZERO(), a1 = a0, a2 = a0, a3 = a0;
  const int32_t t1 = s->term_start[i + 1];
  const int32_t *offset = s->term_offset;
  const double *w = s->term_w, *ring = s->ring + now * NE_SV_WIDTH;
  int32_t t = s->term_start[i];
#define NE_TERM(q) NE_SV_MUL(NE_SV_SET1(w[q]), NE_SV_LOAD(ring + (int64_t)offset[q] * NE_SV_WIDTH))
  for (; t + 4 <= t1; t += 4) {
    a0 = NE_SV_ADD(a0, NE_TERM(t));
    a1 = NE_SV_ADD(a1, NE_TERM(t + 1));
    a2 = NE_SV_ADD(a2, NE_TERM(t + 2));
    a3 = NE_SV_ADD(a3, NE_TERM(t + 3));
  }
  if (t < t1)
    a0 = NE_SV_ADD(a0, NE_TERM(t));
  if (t + 1 < t1)
    a1 = NE_SV_ADD(a1, NE_TERM(t + 1));
  if (t + 2 < t1)
    a2 = NE_SV_ADD(a2, NE_TERM(t + 2));
#undef NE_TERM
  return NE_SV_ADD(NE_SV_ADD(a0, a1), NE_SV_ADD(a2, a3));
}

void NE_SV_KERNEL(const ne_mass_wc_sets_step *s, int32_t i_begin, int32_t i_end, int64_t now, int64_t write,
                  double *const *rows) {
  enum { L = NE_SV_WIDTH };
  const int32_t N = s->N, S = s->slots;
  const NE_SV dt = NE_SV_SET1(s->dt), one = NE_SV_SET1(1.0);
  const NE_SV noise = NE_SV_MUL(sv_param(s, NE_MASS_SIGMA_OU), NE_SV_SET1(s->sqrt_dt));
  const NE_SV_MASK noisy = NE_SV_NOISY(s->noisy);
  /* the sums first, then the updates: they read only older slots, and an update's long chain of
   * dependent operations (two exps, four divisions) then overlaps with the next target's */
  for (int32_t i = i_begin; i < i_end; ++i)
    NE_SV_STORE(s->sums + (int64_t)i * L, sv_coupling_sum(s, i, now));
  for (int32_t i = i_begin; i < i_end; ++i) {
    double *own = s->ring + (int64_t)i * 2 * S * L;
    const NE_SV coupling = NE_SV_MUL(NE_SV_LOAD(s->sums + (int64_t)i * L), sv_param(s, NE_MASS_K_GL));
    const NE_SV e = NE_SV_LOAD(own + now * L), in = NE_SV_LOAD(s->inh + (int64_t)i * L);
    const NE_SV ou_e = NE_SV_LOAD(s->ou + (int64_t)i * L), ou_i = NE_SV_LOAD(s->ou + ((int64_t)N + i) * L);
    /* ne_wc_rhs */
    const NE_SV in_e = NE_SV_ADD(
        NE_SV_ADD(NE_SV_SUB(NE_SV_MUL(sv_param(s, NE_WC_C_EXCEXC), e), NE_SV_MUL(sv_param(s, NE_WC_C_INHEXC), in)),
                  coupling),
        sv_param(s, NE_WC_EXC_EXT));
    const NE_SV in_i = NE_SV_ADD(
        NE_SV_SUB(NE_SV_MUL(sv_param(s, NE_WC_C_EXCINH), e), NE_SV_MUL(sv_param(s, NE_WC_C_INHINH), in)),
        sv_param(s, NE_WC_INH_EXT));
    const NE_SV s_e = sv_sigmoid(in_e, NE_SV_NEGATE(sv_param(s, NE_WC_A_EXC)), sv_param(s, NE_WC_MU_EXC));
    const NE_SV s_i = sv_sigmoid(in_i, NE_SV_NEGATE(sv_param(s, NE_WC_A_INH)), sv_param(s, NE_WC_MU_INH));
    const NE_SV de = NE_SV_DIV(NE_SV_ADD(NE_SV_ADD(NE_SV_NEGATE(e), NE_SV_MUL(NE_SV_SUB(one, e), s_e)), ou_e),
                               sv_param(s, NE_WC_TAU_EXC));
    const NE_SV di = NE_SV_DIV(NE_SV_ADD(NE_SV_ADD(NE_SV_NEGATE(in), NE_SV_MUL(NE_SV_SUB(one, in), s_i)), ou_i),
                               sv_param(s, NE_WC_TAU_INH));
    const NE_SV e_new = NE_SV_CLIP01(NE_SV_ADD(e, NE_SV_MUL(dt, de)));
    const NE_SV i_new = NE_SV_CLIP01(NE_SV_ADD(in, NE_SV_MUL(dt, di)));
    NE_SV_STORE(own + write * L, e_new); /* both copies of the mirrored ring */
    NE_SV_STORE(own + (write + S) * L, e_new);
    NE_SV_STORE(s->inh + (int64_t)i * L, i_new);
    /* OU inputs after the state update; a set without noise adds sigma sqrt(dt) x 0, as there */
    NE_SV xi0 = NE_SV_ZERO(), xi1 = xi0;
    if (s->normals)
      NE_SV_NORMALS(s, i, noisy, xi0, xi1);
    const NE_SV tau = sv_param(s, NE_MASS_TAU_OU);
    const NE_SV ou_e_new = NE_SV_ADD(
        NE_SV_ADD(ou_e, NE_SV_DIV(NE_SV_MUL(NE_SV_SUB(sv_param(s, NE_MASS_OU_MEAN_0), ou_e), dt), tau)),
        NE_SV_MUL(noise, xi0));
    const NE_SV ou_i_new = NE_SV_ADD(
        NE_SV_ADD(ou_i, NE_SV_DIV(NE_SV_MUL(NE_SV_SUB(sv_param(s, NE_MASS_OU_MEAN_1), ou_i), dt), tau)),
        NE_SV_MUL(noise, xi1));
    NE_SV_STORE(s->ou + (int64_t)i * L, ou_e_new);
    NE_SV_STORE(s->ou + ((int64_t)N + i) * L, ou_i_new);
    if (rows) {
      double e_out[L], i_out[L];
      NE_SV_STORE(e_out, e_new);
      NE_SV_STORE(i_out, i_new);
      for (int k = 0; k < L; ++k) {
        rows[2 * k][i] = e_out[k];
        rows[2 * k + 1][i] = i_out[k];
      }
    }
  }
}
