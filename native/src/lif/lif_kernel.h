/* The batched LIF kernel body, compiled once per SIMD level: each
 * lif_kernel_<level>.c defines NE_LIF_ADVANCE_NAME and includes this file
 * under its own -m flags. The math is lif_math.h; this file is loops only.
 *
 * Work is split into blocks of NE_LIF_LANES neurons; the batch's team
 * shares blocks among threads; inside a block every step is a loop over lanes that the
 * compiler vectorises, and the block's state stays in L1 for the chunk.
 *
 * Random numbers (see neuroengine.h): sample k of neuron n draws its input
 * noise from Philox block (k/4, element 0, stream n) and its observation
 * noise from block (k/4, element 1, stream n); each block gives four
 * normals, one per sample 4j .. 4j+3. So results depend only on the seed,
 * never on threads, chunk sizes or SIMD level. */
#include <stdint.h>

#include "../common/normal_math.h"
#include "../common/philox_simd.h"
#include "../common/threading.h"
#include "lif_batch_internal.h"

#ifndef NE_LIF_ADVANCE_NAME
#error "define NE_LIF_ADVANCE_NAME before including lif_kernel.h"
#endif

/* ne_normal4_lanes writes rows of 16 floats (z is float (*)[16]), so z_in / z_obs rows must be 16 wide */
_Static_assert(NE_LIF_LANES == 16, "NE_LIF_LANES must be 16: ne_normal4_lanes writes [4][16] buffers");

#define NE_LIF_INPUT_ELEMENT 0u
#define NE_LIF_OBSERVATION_ELEMENT 1u

#if defined(__AVX512F__)
#include "lif_block_avx512.h" /* full blocks in registers, noise in tiles */
#endif

/* Advances lanes [base, base+nl) over samples [k_begin, k_end). nl is a
 * compile-time constant for full blocks once inlined. */
static inline __attribute__((always_inline)) void lif_block(ne_lif_batch *b, int64_t base, const int nl,
                                                            int64_t k_begin, int64_t k_end,
                                                            float *voltage) {
  const ne_lif_batch_config *c = &b->config;
  const int euler = c->scheme == NE_LIF_SCHEME_EULER_REFERENCE;
  const int32_t n_ref = b->refractory_steps;
  const int64_t last = b->n_samples - 1;
  const double lo = c->v_clip_lo, hi = c->v_clip_hi, obs_sd = c->obs_noise_std;
  const int every = c->voltage_every;
  const uint32_t key0 = (uint32_t)c->seed, key1 = (uint32_t)(c->seed >> 32);

  double v[NE_LIF_LANES], sum[NE_LIF_LANES], vth[NE_LIF_LANES], vreset[NE_LIF_LANES], el[NE_LIF_LANES];
  double cp[NE_LIF_LANES], cq[NE_LIF_LANES], cr[NE_LIF_LANES];
  double held[NE_LIF_LANES];
  int64_t ref[NE_LIF_LANES], cnt[NE_LIF_LANES], spk[NE_LIF_LANES];
  uint32_t s0[NE_LIF_LANES], s1[NE_LIF_LANES];
  float z_in[4][NE_LIF_LANES], z_obs[4][NE_LIF_LANES];
  int64_t in_block = -1, obs_block = -1; /* which Philox block z_in / z_obs hold */

  for (int l = 0; l < nl; ++l) {
    const int64_t i = base + l;
    v[l] = b->v[i];
    sum[l] = b->sum_v[i];
    vth[l] = b->v_th[i];
    vreset[l] = b->v_reset[i];
    el[l] = b->e_l[i];
    cp[l] = b->coef[i].p;
    cq[l] = b->coef[i].q;
    cr[l] = b->coef[i].r;
    ref[l] = b->refractory_left[i];
    cnt[l] = b->spike_count[i];
    s0[l] = (uint32_t)(uint64_t)i;
    s1[l] = (uint32_t)((uint64_t)i >> 32);
  }

  for (int64_t k = k_begin; k < k_end; ++k) {
    const int slot = (int)(k & 3);
    int64_t any_spike = 0;
    if (k < last) {
      if ((k >> 2) != in_block) {
        in_block = k >> 2;
        ne_normal4_lanes((uint32_t)in_block, NE_LIF_INPUT_ELEMENT, s0, s1, key0, key1, nl, z_in);
      }
      /* One pass per sample: threshold, reset and refractory on the
       * pre-update value V_k, then the step to V_{k+1}. Lane counters are
       * int64 so masks have the width of the double lanes. */
      if (euler) {
#pragma omp simd reduction(| : any_spike)
        for (int l = 0; l < nl; ++l) {
          const int64_t is_ref = ref[l] > 0;
          const int64_t fire = (!is_ref) & (v[l] >= vth[l]);
          const double v_k = (is_ref | fire) ? vreset[l] : v[l];
          ref[l] = is_ref ? ref[l] - 1 : (fire ? n_ref : 0);
          cnt[l] += fire;
          spk[l] = fire;
          any_spike |= fire;
          held[l] = v_k;
          sum[l] += v_k;
          v[l] = ne_lif_clip(ne_lif_euler_step(v_k, el[l], cp[l], cq[l], cr[l], z_in[slot][l]), lo, hi);
        }
      } else {
#pragma omp simd reduction(| : any_spike)
        for (int l = 0; l < nl; ++l) {
          const int64_t is_ref = ref[l] > 0;
          const int64_t fire = (!is_ref) & (v[l] >= vth[l]);
          const double v_k = (is_ref | fire) ? vreset[l] : v[l];
          ref[l] = is_ref ? ref[l] - 1 : (fire ? n_ref : 0);
          cnt[l] += fire;
          spk[l] = fire;
          any_spike |= fire;
          held[l] = v_k;
          sum[l] += v_k;
          v[l] = ne_lif_clip(ne_lif_exact_step(v_k, cp[l], cq[l], cr[l], z_in[slot][l]), lo, hi);
        }
      }
    } else {
      /* the seed's loop stops at Lt-2: the last sample is taken as it is */
      for (int l = 0; l < nl; ++l) {
        held[l] = v[l];
        sum[l] += v[l];
      }
    }

    if (any_spike && b->max_spikes > 0) {
      for (int l = 0; l < nl; ++l)
        if (spk[l] && cnt[l] <= b->max_spikes)
          b->spike_steps[(base + l) * (int64_t)b->max_spikes + cnt[l] - 1] = (int32_t)k;
    }

    if (every > 0 && k % every == 0) {
      if ((k >> 2) != obs_block) {
        obs_block = k >> 2;
        ne_normal4_lanes((uint32_t)obs_block, NE_LIF_OBSERVATION_ELEMENT, s0, s1, key0, key1, nl, z_obs);
      }
      const int64_t col = k / every;
      for (int l = 0; l < nl; ++l)
        voltage[(base + l) * b->n_voltage_samples + col] = (float)(held[l] + obs_sd * (double)z_obs[slot][l]);
    }
  }

  for (int l = 0; l < nl; ++l) {
    const int64_t i = base + l;
    b->v[i] = v[l];
    b->sum_v[i] = sum[l];
    b->refractory_left[i] = (int32_t)ref[l];
    b->spike_count[i] = (int32_t)cnt[l];
  }
}

/* One member's share of the units (ne_static_share: which member takes a
 * unit never changes a result, blocks are independent). */
typedef struct lif_job {
  ne_lif_batch *b;
  int64_t k_begin, k_end;
  float *voltage;
} lif_job;

static void lif_member(void *ctx, int thread, int n_threads) {
  const lif_job *job = ctx;
  ne_lif_batch *b = job->b;
  const int64_t k_begin = job->k_begin, k_end = job->k_end;
  float *voltage = job->voltage;
  const int64_t n_blocks = (b->n + NE_LIF_LANES - 1) / NE_LIF_LANES;
  const int64_t full_blocks = b->n / NE_LIF_LANES;
  int64_t first, end;
#if defined(__AVX512F__)
  /* units of NE_LIF_AVX512_GROUPS full blocks interleaved; a leftover full
   * block and the partial last block are units of their own */
  const int64_t wide = full_blocks / NE_LIF_AVX512_GROUPS;
  const int64_t n_units = wide + (full_blocks - NE_LIF_AVX512_GROUPS * wide) + (n_blocks - full_blocks);
  ne_static_share(n_units, thread, n_threads, &first, &end);
  for (int64_t u = first; u < end; ++u) {
    if (u < wide)
      lif_blocks_avx512(b, NE_LIF_AVX512_GROUPS * u, NE_LIF_AVX512_GROUPS, k_begin, k_end, voltage);
    else {
      const int64_t blk = NE_LIF_AVX512_GROUPS * wide + (u - wide);
      if (blk < full_blocks)
        lif_blocks_avx512(b, blk, 1, k_begin, k_end, voltage);
      else
        lif_block(b, blk * NE_LIF_LANES, (int)(b->n - blk * NE_LIF_LANES), k_begin, k_end, voltage);
    }
  }
#else
  ne_static_share(n_blocks, thread, n_threads, &first, &end);
  for (int64_t blk = first; blk < end; ++blk) {
    if (blk < full_blocks)
      lif_block(b, blk * NE_LIF_LANES, NE_LIF_LANES, k_begin, k_end, voltage);
    else
      lif_block(b, blk * NE_LIF_LANES, (int)(b->n - blk * NE_LIF_LANES), k_begin, k_end, voltage);
  }
#endif
}

void NE_LIF_ADVANCE_NAME(ne_lif_batch *b, int64_t k_begin, int64_t k_end, float *voltage) {
  lif_job job = {b, k_begin, k_end, voltage};
  ne_team_run(b->team, lif_member, &job);
}
