/* The AVX-512 body of the batched LIF kernel for full blocks of 16
 * neurons, included by lif_kernel.h in the avx512 build only.
 *
 * Why hand-written: the generic loop (lif_kernel.h) keeps the block's state
 * in stack arrays, reduces a spike flag across lanes every sample and draws
 * one Philox block at a time, so each step waits on memory round trips and
 * on one long multiply chain. Here the state lives in registers (16 lanes =
 * two vectors of doubles, counters as one vector of int32 with k-masks),
 * four blocks advance side by side, the input noise comes in tiles of 16
 * samples (four Philox blocks drawn as four independent chains, Box-Muller
 * over 64 values at once), and spike times are written after each tile from
 * the masks of the lanes that fired, so the update never branches.
 *
 * The arithmetic is the same IEEE operations in the same order as
 * ne_lif_exact_step / ne_lif_euler_step / ne_lif_clip, and the random
 * numbers come from the same counters, so results equal the generic
 * kernel's bit for bit (test_lif_batch compares every SIMD level). */
#ifndef NE_LIF_BLOCK_AVX512_H
#define NE_LIF_BLOCK_AVX512_H

#include <immintrin.h>
#include <stdint.h>

#include "../common/normal_math.h"
#include "../common/philox_simd.h"
#include "lif_batch_internal.h"

/* Input noise for samples 16*tile .. 16*tile+15 of one block:
 * z[i][16*j + l] is the normal for sample 16*tile + 4*j + i, lane l. */
static inline void lif_noise_tile_avx512(uint32_t tile, uint32_t element, const uint32_t *s0,
                                         const uint32_t *s1, uint32_t k0, uint32_t k1,
                                         float (*z)[64]) {
  uint32_t w[4][64];
  ne_philox4x32_10_avx512_x4(4u * tile, element, s0, s1, k0, k1, w);
#pragma omp simd
  for (int i = 0; i < 64; ++i)
    ne_normal4(w[0][i], w[1][i], w[2][i], w[3][i], &z[0][i], &z[1][i], &z[2][i], &z[3][i]);
}

/* Full blocks advanced side by side: four groups give the out-of-order
 * core eight independent chains per sample (one chain is a ~20-cycle
 * dependency of compare, blend, step and clip); two were measured ~10%
 * slower on Zen 5. */
#define NE_LIF_AVX512_GROUPS 4

/* The 16 lanes of one group: doubles in two vectors (lanes 0-7, 8-15),
 * counters in one vector of int32. */
typedef struct lif_group16 {
  __m512d v[2], sum[2];
  __m512d v_th[2], v_reset[2], e_l[2], p[2], q[2], r[2];
  __m512i refractory, count;
  uint32_t s0[16], s1[16]; /* Philox stream of each lane */
} lif_group16;

static inline void lif_group16_load(const ne_lif_batch *b, int64_t base, lif_group16 *g) {
  for (int l = 0; l < 16; ++l) {
    g->s0[l] = (uint32_t)(uint64_t)(base + l);
    g->s1[l] = (uint32_t)((uint64_t)(base + l) >> 32);
  }
  for (int h = 0; h < 2; ++h) {
    const int64_t i = base + 8 * h;
    double p[8], q[8], r[8];
    for (int l = 0; l < 8; ++l) {
      p[l] = b->coef[i + l].p;
      q[l] = b->coef[i + l].q;
      r[l] = b->coef[i + l].r;
    }
    g->v[h] = _mm512_loadu_pd(b->v + i);
    g->sum[h] = _mm512_loadu_pd(b->sum_v + i);
    g->v_th[h] = _mm512_loadu_pd(b->v_th + i);
    g->v_reset[h] = _mm512_loadu_pd(b->v_reset + i);
    g->e_l[h] = _mm512_loadu_pd(b->e_l + i);
    g->p[h] = _mm512_loadu_pd(p);
    g->q[h] = _mm512_loadu_pd(q);
    g->r[h] = _mm512_loadu_pd(r);
  }
  g->refractory = _mm512_loadu_si512((const void *)(b->refractory_left + base));
  g->count = _mm512_loadu_si512((const void *)(b->spike_count + base));
}

static inline void lif_group16_store(ne_lif_batch *b, int64_t base, const lif_group16 *g) {
  for (int h = 0; h < 2; ++h) {
    _mm512_storeu_pd(b->v + base + 8 * h, g->v[h]);
    _mm512_storeu_pd(b->sum_v + base + 8 * h, g->sum[h]);
  }
  _mm512_storeu_si512((void *)(b->refractory_left + base), g->refractory);
  _mm512_storeu_si512((void *)(b->spike_count + base), g->count);
}

/* One sample of one group with noise z (16 floats): threshold, reset and
 * refractory on V_k, then the step to V_{k+1} (see lif_block). Writes V_k
 * to v_k and returns the lanes that fired. */
static inline __attribute__((always_inline)) __mmask16 lif_group16_step(lif_group16 *g, const float *z,
                                                                        __m512d lo, __m512d hi, __m512i n_ref,
                                                                        const int euler, __m512d *v_k) {
  const __m512i zero = _mm512_setzero_si512(), one = _mm512_set1_epi32(1);
  const __mmask16 is_ref = _mm512_cmpgt_epi32_mask(g->refractory, zero);
  const __mmask16 ge = _mm512_kunpackb(_mm512_cmp_pd_mask(g->v[1], g->v_th[1], _CMP_GE_OQ),
                                       _mm512_cmp_pd_mask(g->v[0], g->v_th[0], _CMP_GE_OQ));
  const __mmask16 fire = _mm512_kandn(is_ref, ge);
  const __mmask16 hold = _mm512_kor(is_ref, ge); /* refractory or fired: V_k = V_reset */
  g->refractory = _mm512_mask_sub_epi32(_mm512_maskz_mov_epi32(fire, n_ref), is_ref, g->refractory, one);
  g->count = _mm512_mask_add_epi32(g->count, fire, g->count, one);
  for (int h = 0; h < 2; ++h) {
    const __m512d vk = _mm512_mask_blend_pd((__mmask8)(hold >> (8 * h)), g->v[h], g->v_reset[h]);
    const __m512d zd = _mm512_cvtps_pd(_mm256_loadu_ps(z + 8 * h));
    __m512d next;
    if (euler) /* v + (drive - (v - E_L)) * a, drive = b + c z: ne_lif_euler_step */
      next = _mm512_add_pd(vk, _mm512_mul_pd(_mm512_sub_pd(_mm512_add_pd(g->q[h], _mm512_mul_pd(g->r[h], zd)),
                                                           _mm512_sub_pd(vk, g->e_l[h])),
                                             g->p[h]));
    else /* mu + (v - mu) decay + sd z: ne_lif_exact_step */
      next = _mm512_add_pd(_mm512_add_pd(g->q[h], _mm512_mul_pd(_mm512_sub_pd(vk, g->q[h]), g->p[h])),
                           _mm512_mul_pd(g->r[h], zd));
    /* max(lo, x) is (lo > x ? lo : x), min(hi, y) is (hi < y ? hi : y): ne_lif_clip */
    g->v[h] = _mm512_min_pd(hi, _mm512_max_pd(lo, next));
    g->sum[h] = _mm512_add_pd(g->sum[h], vk);
    v_k[h] = vk;
  }
  return fire;
}

/* Spike times of one group over samples [k0, k0 + n) of a tile: fired[s]
 * is the mask of sample k0 + s, count the spike counts before the tile.
 * Done after the tile so the update loop never branches on a spike (the
 * mask is known only at the end of a sample's dependency chain, and a
 * mispredicted branch there throws away the other groups' work). */
static inline void lif_group16_record_spikes(ne_lif_batch *b, int64_t base, int32_t *count,
                                             const __mmask16 *fired, int64_t k0, int n) {
  for (int s = 0; s < n; ++s)
    for (unsigned m = fired[s]; m != 0; m &= m - 1) {
      const int l = __builtin_ctz(m);
      if (++count[l] <= b->max_spikes)
        b->spike_steps[(base + l) * (int64_t)b->max_spikes + count[l] - 1] = (int32_t)(k0 + s);
    }
}

/* Recorded sample k of one group: held value plus observation noise. */
static inline void lif_group16_record_voltage(ne_lif_batch *b, int64_t base, const lif_group16 *g,
                                              const __m512d *held_v, int64_t k, float *voltage) {
  const ne_lif_batch_config *c = &b->config;
  float z[4][16];
  double held[16];
  ne_normal4_lanes((uint32_t)(k >> 2), NE_LIF_OBSERVATION_ELEMENT, g->s0, g->s1, (uint32_t)c->seed,
                   (uint32_t)(c->seed >> 32), 16, z);
  _mm512_storeu_pd(held, held_v[0]);
  _mm512_storeu_pd(held + 8, held_v[1]);
  const int64_t col = k / c->voltage_every;
  for (int l = 0; l < 16; ++l)
    voltage[(base + l) * b->n_voltage_samples + col] = (float)(held[l] + c->obs_noise_std * (double)z[k & 3][l]);
}

/* Lanes [base, base + 16 * n_groups) over samples [k_begin, k_end): same
 * contract as lif_block in lif_kernel.h. n_groups and euler are constants
 * once inlined. */
static inline __attribute__((always_inline)) void lif_groups_avx512(ne_lif_batch *b, int64_t base, int64_t k_begin,
                                                                  int64_t k_end, float *voltage, const int n_groups,
                                                                  const int euler) {
  const ne_lif_batch_config *c = &b->config;
  const int64_t last = b->n_samples - 1;
  const int every = c->voltage_every;
  const uint32_t key0 = (uint32_t)c->seed, key1 = (uint32_t)(c->seed >> 32);
  const __m512d lo = _mm512_set1_pd(c->v_clip_lo), hi = _mm512_set1_pd(c->v_clip_hi);
  const __m512i n_ref = _mm512_set1_epi32(b->refractory_steps);

  lif_group16 g[NE_LIF_AVX512_GROUPS];
  float z_in[NE_LIF_AVX512_GROUPS][4][64];
  __m512d v_k[NE_LIF_AVX512_GROUPS][2];
  for (int j = 0; j < n_groups; ++j)
    lif_group16_load(b, base + 16 * j, &g[j]);

  const int64_t k_stop = k_end < last ? k_end : last; /* samples with an update step */
  int64_t next_record = every > 0 ? (k_begin + every - 1) / every * every : INT64_MAX;
  for (int64_t k = k_begin; k < k_stop;) {
    /* a tile of noise, then its samples with nothing else in the loop */
    const int64_t tile = k >> 4, tile_begin = k;
    for (int j = 0; j < n_groups; ++j)
      lif_noise_tile_avx512((uint32_t)tile, NE_LIF_INPUT_ELEMENT, g[j].s0, g[j].s1, key0, key1, z_in[j]);
    int32_t count[NE_LIF_AVX512_GROUPS][16];
    if (b->max_spikes > 0)
      for (int j = 0; j < n_groups; ++j)
        _mm512_storeu_si512((void *)count[j], g[j].count);
    __mmask16 fired[NE_LIF_AVX512_GROUPS][16];
    __mmask16 any = 0;
    const int64_t tile_end = 16 * (tile + 1) < k_stop ? 16 * (tile + 1) : k_stop;
    for (; k < tile_end; ++k) {
      const int row = (int)(k & 3), col = 16 * (int)((k >> 2) & 3), s = (int)(k - tile_begin);
      for (int j = 0; j < n_groups; ++j) {
        fired[j][s] = lif_group16_step(&g[j], z_in[j][row] + col, lo, hi, n_ref, euler, v_k[j]);
        any |= fired[j][s];
      }
      if (k == next_record) {
        for (int j = 0; j < n_groups; ++j)
          lif_group16_record_voltage(b, base + 16 * j, &g[j], v_k[j], k, voltage);
        next_record += every;
      }
    }
    if (any != 0 && b->max_spikes > 0)
      for (int j = 0; j < n_groups; ++j)
        lif_group16_record_spikes(b, base + 16 * j, count[j], fired[j], tile_begin, (int)(tile_end - tile_begin));
  }

  /* the seed's loop stops at Lt-2: the last sample is taken as it is */
  if (last >= k_begin && last < k_end) {
    for (int j = 0; j < n_groups; ++j) {
      for (int h = 0; h < 2; ++h)
        g[j].sum[h] = _mm512_add_pd(g[j].sum[h], g[j].v[h]);
      if (every > 0 && last % every == 0)
        lif_group16_record_voltage(b, base + 16 * j, &g[j], g[j].v, last, voltage);
    }
  }

  for (int j = 0; j < n_groups; ++j)
    lif_group16_store(b, base + 16 * j, &g[j]);
}

/* Full blocks [blk, blk + n_groups), n_groups 1 or NE_LIF_AVX512_GROUPS. */
static void lif_blocks_avx512(ne_lif_batch *b, int64_t blk, int n_groups, int64_t k_begin, int64_t k_end,
                              float *voltage) {
  const int euler = b->config.scheme == NE_LIF_SCHEME_EULER_REFERENCE;
  const int64_t base = blk * NE_LIF_LANES;
  if (n_groups == NE_LIF_AVX512_GROUPS && euler)
    lif_groups_avx512(b, base, k_begin, k_end, voltage, NE_LIF_AVX512_GROUPS, 1);
  else if (n_groups == NE_LIF_AVX512_GROUPS)
    lif_groups_avx512(b, base, k_begin, k_end, voltage, NE_LIF_AVX512_GROUPS, 0);
  else if (euler)
    lif_groups_avx512(b, base, k_begin, k_end, voltage, 1, 1);
  else
    lif_groups_avx512(b, base, k_begin, k_end, voltage, 1, 0);
}

#endif
