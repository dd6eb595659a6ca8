/* The neural mass handle's insides, shared by the built-in models' path (mass.c) and the
 * user-defined models' path (mass_user.c): the same terms, rings, normals and threads. */
#ifndef NE_MASS_INTERNAL_H
#define NE_MASS_INTERNAL_H

#include <stdint.h>

#include "../common/threading.h"
#include "aln_math.h"
#include "mass_coupling.h"
#include "mass_wc_sets.h"
#include "neuroengine.h"

#define NE_MASS_BLOCK NE_MASS_COUPLING_BLOCK /* parameter sets per work item */
#define NE_MASS_MAX_DELAY 10000000
#define NE_MASS_UPDATES_PER_THREAD 100 /* node updates per step worth a thread (about 10 us) */

/* How a model keeps its variables: rings hold what other nodes read with a
 * delay (the coupled state, or ALN's rates); lag 1 when the ring holds a
 * value computed during a step from the state before it (ALN's rates). */
typedef struct mass_shape {
  int32_t n_state, n_outputs, n_rings, lag;
} mass_shape;

struct ne_mass {
  uint32_t model;
  mass_shape shape;
  int32_t N, K, n_threads, sample_every, slots;
  double dt;
  uint64_t seed;
  int32_t *term_start;  /* [N + 1]: the sources of target i are terms term_start[i] .. term_start[i+1] - 1 */
  int32_t *term_near;   /* [N]: its terms from term_near[i] on are read fewer than NE_MASS_FAR_STEPS steps back */
  int32_t *term_offset; /* ring position of the delayed source value relative to the current slot */
  double *term_w, *term_w2; /* C_ij and C_ij^2 */
  double *strength;     /* [N]: sum_j C_ij, for diffusive coupling */
  int32_t *local_delay; /* ALN: [2][K] own excitatory and inhibitory delays in steps */
  double *params;       /* [K][NE_MASS_N_PARAMS] */
  double *ring;         /* [n_rings][N][2 slots][K] */
  double *state;        /* [n_state - n_rings][N][K] */
  double *ou;           /* [2][N][K] */
  float *normals;       /* [N][K][2]: the step's OU normals, or NULL without noise */
  float *pair_normals;  /* an even part of a batch whose odd partner is noisy too: [NE_MASS_PAIR_STEPS][N][2],
                           the partner's normals of the steps just drawn (normals 2 and 3 of the pair's
                           blocks), which the partner then reads instead of drawing the blocks again */
  int simd;             /* the SIMD level in use (NE_SIMD_*) */
  int32_t set_index;    /* a part of a batch (below): the batch's set this handle is (its normals, its
                           output arrays); else 0 */
  ne_team *team;        /* n_threads members when n_threads > 1, else NULL */
  ne_mass **parts;      /* Wilson-Cowan batches on AVX2/AVX-512: handles of eight sets (AVX-512) and of
                           four (the sets kernel), then one single-set handle per remaining set (the
                           eight-target kernel on AVX-512), advanced side by side with no barriers */
  int32_t n_parts;
  int32_t *unit_start;  /* [n_units + 1]: a thread's unit of work is parts unit_start[u] .. unit_start[u + 1] - 1:
                           a part of several sets, or a pair of single-set parts 2p, 2p + 1 sharing normals */
  int32_t n_units;
  int wc_sets;          /* Wilson-Cowan, one set per lane (mass_wc_sets.h): 0, or the kernel's width K
                           (NE_MASS_WC_SETS_AVX2 on AVX2 or better, NE_MASS_WC_SETS_AVX512 on AVX-512) */
  double *lane_params;  /* its parameters by slot then set, [NE_MASS_N_PARAMS][K] */
  double lane_noisy[NE_MASS_WC_SETS_MAX]; /* 1 for a set with noise */
  double *lane_sums;    /* its coupling sums of a step, [N][K] */
  int wc_lanes;         /* Wilson-Cowan, one set, AVX-512: eight targets per vector (mass_wc_lanes.h) */
  double *far_partials; /* its far-term partial sums, [N][4][NE_MASS_WC_BLOCK_STEPS] */
  double *tables;       /* ALN: copies of the grids and tables */
  ne_aln_grid grid;
  int64_t steps_done;
  struct mass_user *user; /* NE_MASS_USER: the model's functions, layout and scratch (mass_user.c) */
};

/* Where the samples of a call go: sample j of the call, set k, output v, node i is
 * dest[k * n_outputs + v][j * stride + i] (k counts the batch's sets: a part adds its set_index). */
typedef struct mass_outputs {
  double *const *dest;
  int64_t stride;
} mass_outputs;

/* The OU normals of step `step` for the (node, set pair) lanes of work items [begin, end) (node
 * item / blocks, sets of block item % blocks) into normals ([N][K][2]) from the Philox stream
 * tagged `tag` (partner: an even single-set part's copy of its odd partner's normals, or NULL). */
void ne_mass_fill_normals(const ne_mass *m, uint32_t tag, float *normals, int64_t step, int64_t begin, int64_t end,
                          int32_t blocks, float *partner);

/* The user-defined model path (mass_user.c). validate: config.user and every set's noise
 * parameters, shape: the user model's variables; create: after the common fields and the terms
 * are set (slots, team); advance: n_steps steps of a validated call, NE_ERR_NON_FINITE when a
 * state became non-finite (the handle then refuses to go on). */
ne_status ne_mass_user_validate(const ne_mass_config *c, mass_shape *shape);
ne_status ne_mass_user_create(ne_mass *m, const ne_mass_config *c);
ne_status ne_mass_user_advance(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to);
/* A batch on several threads with a block of sets for each runs as parts (one handle per thread's
 * blocks of sets, set_index its first set), each advanced through the call with no barrier: sets
 * never read each other's state. */
int ne_mass_user_wants_parts(const ne_mass_config *c, int32_t n_threads);
ne_status ne_mass_user_create_parts(ne_mass *m, const ne_mass_config *c);
ne_status ne_mass_user_advance_parts(ne_mass *m, int64_t n_steps, int64_t first, const mass_outputs *to);
void ne_mass_user_destroy(struct mass_user *u);

#endif
