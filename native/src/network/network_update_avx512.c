/* Membrane update, AVX-512 (-mavx512f), float64 and float32 state (network_update_kernel.h).
 * The float64 conductance model, COBA's, is written out by hand: the compiler's form of the generic
 * loop moved its spike and refractory masks between mask and integer registers every eight
 * neurons. Sixteen neurons per pass (the int32 counters in one vector, the doubles in two), the
 * same IEEE operations in the same order as the generic loop, so the same bits (test_network). */
#include <immintrin.h>

#define NE_REAL double
#define NE_NET_UPDATE ne_net_update_avx512_generic
#include "network_update_kernel.h"
#undef NE_REAL
#undef NE_NET_UPDATE
#define NE_REAL float
#define NE_NET_UPDATE ne_net_update32_avx512
#include "network_update_kernel.h"

int32_t ne_net_update_avx512(uint32_t type, const ne_net_pop_params *params, int32_t n, double drive, double stim,
                             double *restrict v, double *restrict xe, double *restrict xi, int32_t *restrict refractory,
                             double *restrict exc, double *restrict inh, int32_t *restrict fired) {
  if (type != NE_SYNAPSE_EXP_CONDUCTANCE)
    return ne_net_update_avx512_generic(type, params, n, drive, stim, v, xe, xi, refractory, exc, inh, fired);
  const __m512d e_l = _mm512_set1_pd(params->e_l), v_th = _mm512_set1_pd(params->v_th);
  const __m512d v_reset = _mm512_set1_pd(params->v_reset), p11e = _mm512_set1_pd(params->p11_exc);
  const __m512d p11i = _mm512_set1_pd(params->p11_inh), dt_over_cm = _mm512_set1_pd(params->dt_over_cm);
  const __m512d g_l = _mm512_set1_pd(params->g_l), i_dc = _mm512_set1_pd(params->i_dc);
  const __m512d e_exc = _mm512_set1_pd(params->e_exc), e_inh = _mm512_set1_pd(params->e_inh);
  const __m512d stim_v = _mm512_set1_pd(stim), zero_d = _mm512_setzero_pd();
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1), ref_steps = _mm512_set1_epi32(params->ref_steps);
  int32_t total = 0, i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512i r = _mm512_loadu_si512((const void *)(refractory + i));
    const __mmask16 is_ref = _mm512_cmpgt_epi32_mask(r, zero);
    __mmask8 spike_half[2];
    for (int h = 0; h < 2; ++h) {
      const int32_t j = i + 8 * h;
      const __m512d vi = _mm512_loadu_pd(v + j), ge = _mm512_loadu_pd(xe + j), gi = _mm512_loadu_pd(xi + j);
      /* vi + dt/C_m (g_L (E_L - V) + (g_e + stim)(E_e - V) + g_i (E_i - V) + I_dc), left to right */
      const __m512d current = _mm512_add_pd(
          _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(g_l, _mm512_sub_pd(e_l, vi)),
                                      _mm512_mul_pd(_mm512_add_pd(ge, stim_v), _mm512_sub_pd(e_exc, vi))),
                        _mm512_mul_pd(gi, _mm512_sub_pd(e_inh, vi))),
          i_dc);
      const __m512d free_v = _mm512_add_pd(vi, _mm512_mul_pd(dt_over_cm, current));
      const __m512d u = _mm512_mask_blend_pd((__mmask8)(is_ref >> (8 * h)), free_v, vi); /* refractory: keep V */
      _mm512_storeu_pd(xe + j, _mm512_add_pd(_mm512_mul_pd(ge, p11e), _mm512_loadu_pd(exc + j)));
      _mm512_storeu_pd(xi + j, _mm512_sub_pd(_mm512_mul_pd(gi, p11i), _mm512_loadu_pd(inh + j)));
      _mm512_storeu_pd(exc + j, zero_d);
      _mm512_storeu_pd(inh + j, zero_d);
      spike_half[h] = _mm512_cmp_pd_mask(u, v_th, _CMP_GE_OQ);
      _mm512_storeu_pd(v + j, _mm512_mask_blend_pd(spike_half[h], u, v_reset));
    }
    const __mmask16 spike = _mm512_kunpackb(spike_half[1], spike_half[0]);
    const __m512i counted = _mm512_mask_sub_epi32(r, is_ref, r, one);
    _mm512_storeu_si512((void *)(refractory + i), _mm512_mask_mov_epi32(counted, spike, ref_steps));
    _mm512_storeu_si512((void *)(fired + i), _mm512_maskz_mov_epi32(spike, one));
    total += __builtin_popcount((unsigned)spike);
  }
  if (i < n)
    total += ne_net_update_avx512_generic(type, params, n - i, drive, stim, v + i, xe + i, xi + i, refractory + i, exc + i,
                                          inh + i, fired + i);
  return total;
}
