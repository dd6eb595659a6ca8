/* Per-neuron update math of the batched single-neuron LIF model
 * (docs/lif-neurons.md), shared by the C kernel and the CUDA kernel.
 *
 *   tau_m dV/dt = -(V - E_L) + I(t) / g_L
 *
 * Sample k: a neuron in its refractory period is held at V_reset; otherwise
 * V_k >= V_th is a spike at k and V_k := V_reset and the refractory counter
 * starts. Then V_{k+1} is one integration step from the (possibly reset)
 * V_k, clamped to [v_clip_lo, v_clip_hi]. All state is double precision, so
 * euler-reference reproduces the seed project's float64 arithmetic bit for
 * bit when the input is noiseless. */
#ifndef NE_LIF_MATH_H
#define NE_LIF_MATH_H

#include <stdint.h>
#include "../common/ne_hd.h"

/* Precomputed per-neuron coefficients: the kernel only multiplies and adds. */
typedef struct ne_lif_coefficients {
  double p; /* euler-reference: a = dt/tau_m;        exact: decay = exp(-dt/tau_m) */
  double q; /* euler-reference: b = I_mean/g_L;      exact: mu = E_L + I_mean/g_L */
  double r; /* euler-reference: c = I_std/g_L;       exact: OU step sd */
} ne_lif_coefficients;

/* Seed scheme, same operation order as the reference:
 *   dv = (-(v - E_L) + I/g_L) * (dt/tau_m), I/g_L = b + c z
 * (with c = 0, b + c z == b exactly, so noiseless runs match bit for bit). */
NE_HD static inline double ne_lif_euler_step(double v, double e_l, double a, double b, double c,
                                             float z) {
  double drive = b + c * (double)z;
  return v + (-(v - e_l) + drive) * a;
}

/* Exact exponential integration of the OU process
 *   tau_m dV = (-(V - E_L) + I_mean/g_L) dt + (I_std/g_L) sqrt(tau_m) dW
 * (Brunel 2000 convention; stationary sd (I_std/g_L)/sqrt(2)):
 *   V_{k+1} = mu + (V_k - mu) e^{-h} + sd_step z, h = dt/tau_m. */
NE_HD static inline double ne_lif_exact_step(double v, double decay, double mu, double sd_step,
                                             float z) {
  return mu + (v - mu) * decay + sd_step * (double)z;
}

/* np.clip(v, lo, hi) for a scalar. */
NE_HD static inline double ne_lif_clip(double v, double lo, double hi) {
  double low_bounded = v < lo ? lo : v;
  return low_bounded > hi ? hi : low_bounded;
}

#endif
