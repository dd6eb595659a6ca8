/* Network fixtures the network tests share: Brunel's delta-synapse
 * population (Brunel 2000: tau_m 20 ms, threshold 20 mV, reset 10 mV,
 * refractory 2 ms, V uniform in [0, 20) mV), a fixed in-degree projection and
 * the config every batch starts from. */
#ifndef NE_NETWORK_FIXTURES_H
#define NE_NETWORK_FIXTURES_H

#include <string.h>

#include "neuroengine.h"

static inline ne_network_population brunel_population(int32_t size) {
  ne_network_population p;
  memset(&p, 0, sizeof p);
  p.struct_size = sizeof p;
  p.size = size;
  p.record_spikes = -1;
  p.v_init_kind = NE_INIT_UNIFORM;
  p.v_init_a = 0.0;
  p.v_init_b = 20.0;
  p.tau_m_ms = 20.0;
  p.c_m_pf = 250.0;
  p.v_th = 20.0;
  p.v_reset = 10.0;
  p.e_l = 0.0;
  p.t_ref_ms = 2.0;
  p.tau_exc_ms = 0.5;
  p.tau_inh_ms = 0.5;
  p.e_exc = 0.0;
  p.e_inh = -80.0;
  return p;
}

static inline ne_network_projection projection(int32_t source, int32_t target, int32_t indegree, double delay_ms) {
  ne_network_projection r;
  memset(&r, 0, sizeof r);
  r.struct_size = sizeof r;
  r.rule = NE_CONNECT_FIXED_INDEGREE;
  r.source = source;
  r.target = target;
  r.indegree = indegree;
  r.allow_autapses = 1;
  r.allow_multapses = 1;
  r.delay_ms = delay_ms;
  return r;
}

/* A batch of K networks of P populations: one thread, dt 0.1 ms, connectivity seed 42. */
static inline ne_network_config base_config(uint32_t synapse, int32_t K, int32_t P, const uint64_t *seeds,
                                            const ne_network_population *pops) {
  ne_network_config c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c;
  c.synapse_type = synapse;
  c.n_networks = K;
  c.n_populations = P;
  c.n_threads = 1;
  c.dt_ms = 0.1;
  c.connectivity_seed = 42;
  c.seeds = seeds;
  c.populations = pops;
  return c;
}

#endif
