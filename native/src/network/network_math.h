/* Per-neuron math of the LIF network kernel (docs/lif-network.md): the
 * exact propagators of the current-based models (as NEST's iaf_psc_delta and
 * iaf_psc_exp integrate them), the Euler step of the conductance model (as
 * Brian2's COBA example), Poisson counts by inversion, and stimulus shapes.
 * NE_HD so the CUDA kernels can share it. */
#ifndef NE_NETWORK_MATH_H
#define NE_NETWORK_MATH_H

#include <math.h>
#include <stdint.h>

#include "../common/ne_hd.h"

/* Propagators and constants of one population, derived once at create. */
typedef struct ne_net_pop_params {
  double e_l, v_th, v_reset;
  double p22;      /* e^{-dt/tau_m}: leak decay of V - E_L */
  double p20;      /* V change per unit constant input over a step: tau_m (1 - p22) for
                      delta (input in mV/ms), tau_m/C_m (1 - p22) for currents (pA) */
  double p11_exc;  /* e^{-dt/tau_exc} */
  double p11_inh;
  double p21_exc;  /* V change per unit I_exc at the start of a step (exp_current) */
  double p21_inh;
  double dt_over_cm; /* Euler factor (exp_conductance) */
  double g_l, e_exc, e_inh;
  double i_dc;
  int32_t ref_steps;
  int32_t reserved;
} ne_net_pop_params;

/* (e^{-h/tau_m} - e^{-h/tau_s}) tau_s tau_m / (C_m (tau_m - tau_s)): the V
 * response after h to a unit current decaying with tau_s. Written with
 * expm1 so it stays accurate as tau_s -> tau_m, where it tends to
 * h e^{-h/tau} / C_m (the exact limit). */
static inline double ne_net_p21(double h, double tau_m, double tau_s, double c_m) {
  double delta = 1.0 / tau_s - 1.0 / tau_m;
  double decay = exp(-h / tau_m);
  if (delta == 0.0)
    return h * decay / c_m;
  return decay * (-expm1(-h * delta)) / (delta * c_m);
}

/* Length of the tabulated Poisson CDF; means are at most NE_NET_POISSON_SPLIT
 * (24), whose CDF at 96 differs from 1 by far less than 2^-33. */
#define NE_POISSON_TABLE 96

/* cdf[k] = P(X <= k) for X ~ Poisson(lambda), by the recurrence
 * p_0 = e^{-lambda}, p_k = p_{k-1} lambda / k (computed once per drive). */
static inline void ne_poisson_cdf_table(double lambda, double *cdf) {
  double p = exp(-lambda);
  double sum = p;
  cdf[0] = sum;
  for (int k = 1; k < NE_POISSON_TABLE; ++k) {
    p *= lambda / (double)k;
    sum += p;
    cdf[k] = sum;
  }
}

/* Entries of the table worth scanning: up to the first k whose CDF exceeds
 * the largest uniform ne_u32_to_open01_double can return, rounded up to a
 * multiple of 4 so the scan vectorises. */
static inline int32_t ne_poisson_table_length(const double *cdf) {
  const double u_max = 1.0 - 1.0 / 8589934592.0; /* 1 - 2^-33 */
  int32_t n = 1;
  while (n < NE_POISSON_TABLE && cdf[n - 1] < u_max)
    ++n;
  n = (n + 3) & ~3;
  return n < NE_POISSON_TABLE ? n : NE_POISSON_TABLE;
}

/* Four Poisson counts by inversion of the tabulated CDF with uniforms u in
 * (0,1): count[j] is the first k with u[j] <= cdf[k], found as the number of
 * entries below u[j] (the CDF is non-decreasing). Branch-free, so it runs
 * as SIMD compares instead of mispredicted loop exits. */
NE_HD static inline void ne_poisson_inversion4(const double *u, const double *cdf, int32_t length,
                                              uint32_t *count) {
  int64_t k[4] = {0, 0, 0, 0};
  for (int32_t i = 0; i < length; ++i)
    for (int j = 0; j < 4; ++j)
      k[j] -= u[j] > cdf[i] ? -1 : 0;
  for (int j = 0; j < 4; ++j)
    count[j] += (uint32_t)k[j];
}

/* A 32-bit word as a uniform in (0,1): odd multiples of 2^-33. */
NE_HD static inline double ne_u32_to_open01_double(uint32_t x) {
  return ((double)x + 0.5) * (1.0 / 4294967296.0);
}

/* Two words as a uniform in [0,1) with 53 bits. */
NE_HD static inline double ne_u64_to_unit_double(uint32_t hi, uint32_t lo) {
  uint64_t x = ((uint64_t)hi << 32) | lo;
  return (double)(x >> 11) * (1.0 / 9007199254740992.0);
}

/* Peak normalisation of the difference of exponentials e^{-s/decay} -
 * e^{-s/rise}: its maximum is r^{rise/(decay-rise)} - r^{decay/(decay-rise)}
 * with r = rise/decay, so gamma = 1 / that. */
static inline double ne_diff2exp_gamma(double tau_rise, double tau_decay) {
  double r = tau_rise / tau_decay;
  double span = tau_decay - tau_rise;
  return 1.0 / (pow(r, tau_rise / span) - pow(r, tau_decay / span));
}

/* Stimulus value `s_ms` after its onset (inside its window). */
NE_HD static inline double ne_stimulus_shape_value(uint32_t shape, double s_ms, double duration_ms,
                                                   double amplitude, double tau_rise_ms,
                                                   double tau_decay_ms, double gamma) {
  switch (shape) {
  case 0u: /* box */
    return amplitude;
  case 1u: /* linear ramp */
    return amplitude * (s_ms / duration_ms);
  default: /* diff2exp */
    return amplitude * gamma * (exp(-s_ms / tau_decay_ms) - exp(-s_ms / tau_rise_ms));
  }
}

#endif
