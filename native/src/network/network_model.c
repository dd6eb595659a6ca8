/* User-defined spiking neuron models in the LIF network engine: validation,
 * the copies the handle keeps, their state arrays and initial state, and the
 * per-segment step that calls the model's compiled update. Connectivity,
 * rings, drive, stimuli, recording and threads stay the engine's. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/status.h"
#include "network_internal.h"
#include "network_validate.h"

ne_status ne_net_validate_model(const ne_network_config *c, int32_t k, int32_t p) {
  const int32_t index = k * c->n_populations + p;
  const ne_network_population *pop = &c->populations[index];
  const ne_network_population *first = &c->populations[p];
  if (pop->model != first->model)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "populations[%d].model must be network 0's model of population %d (a batch shares its models)",
                   index, p);
  const ne_network_neuron_model *m = pop->model;
  if (m->struct_size != sizeof(ne_network_neuron_model))
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "populations[%d].model->struct_size is %u but this library expects %u (header/library mismatch)",
                   index, m->struct_size, (unsigned)sizeof(ne_network_neuron_model));
  const char *name = m->name ? m->name : "(unnamed)";
  if (m->n_state < 1 || m->n_state > NE_NET_MODEL_MAX_STATE)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model->n_state (model %s) must be in [1, %d], got %d",
                   index, name, NE_NET_MODEL_MAX_STATE, m->n_state);
  if (m->n_params < 0 || m->n_params > NE_NET_MODEL_MAX_PARAMS)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model->n_params (model %s) must be in [0, %d], got %d",
                   index, name, NE_NET_MODEL_MAX_PARAMS, m->n_params);
  if (m->reserved != 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model->reserved must be 0, got %d", index, m->reserved);
  if (!m->update)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model->update (model %s) must not be NULL", index, name);
  if (c->precision != NE_PRECISION_FLOAT64)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "populations[%d] runs the user model %s, which needs config.precision 0 (float64), got %u", index,
                   name, c->precision);
  if (m->n_params > 0 && !pop->model_params)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model_params must not be NULL (model %s has %d)", index,
                   name, m->n_params);
  for (int32_t j = 0; j < m->n_params; ++j)
    if (!isfinite(pop->model_params[j]))
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "populations[%d].model_params[%d] (model %s, network %d, population %d) must be finite, got %g",
                     index, j, name, k, p, pop->model_params[j]);
  if (!pop->model_init)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model_init must not be NULL (model %s)", index, name);
  for (int32_t j = 0; j < m->n_state; ++j) {
    const ne_network_initial *init = &pop->model_init[j];
    const char *var = m->state_names && m->state_names[j] ? m->state_names[j] : "?";
    if (init->kind != NE_INIT_CONSTANT && init->kind != NE_INIT_UNIFORM && init->kind != NE_INIT_NORMAL)
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "populations[%d].model_init[%d].kind (variable %s of model %s) must be 0 (constant), 1 "
                     "(uniform) or 2 (normal), got %u",
                     index, j, var, name, init->kind);
    if (init->reserved != 0)
      return ne_fail(NE_ERR_INVALID_ARGUMENT, "populations[%d].model_init[%d].reserved must be 0, got %d", index, j,
                     init->reserved);
    if (!isfinite(init->a) || !isfinite(init->b) || (init->kind == NE_INIT_UNIFORM && !(init->a <= init->b)) ||
        (init->kind == NE_INIT_NORMAL && init->b < 0))
      return ne_fail(NE_ERR_INVALID_ARGUMENT,
                     "populations[%d].model_init[%d] (variable %s of model %s) needs finite a, b with a <= b "
                     "(uniform) or b >= 0 (normal sd), got a = %g, b = %g",
                     index, j, var, name, init->a, init->b);
  }
  return NE_OK;
}

static char *copy_string(const char *text) {
  size_t n = strlen(text) + 1;
  char *copy = malloc(n);
  if (copy)
    memcpy(copy, text, n);
  return copy;
}

ne_status ne_net_copy_models(ne_network *net, const ne_network_config *c) {
  const int32_t K = net->K, P = net->P;
  int any = 0;
  for (int32_t p = 0; p < P; ++p)
    any |= c->populations[p].model != NULL;
  if (!any)
    return NE_OK;
  net->models = calloc((size_t)P, sizeof *net->models);
  net->model_params = calloc((size_t)K * (size_t)P * NE_NET_MODEL_MAX_PARAMS, sizeof *net->model_params);
  if (!net->models || !net->model_params)
    return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the neuron models' parameters");
  for (int32_t p = 0; p < P; ++p) {
    const ne_network_neuron_model *m = c->populations[p].model;
    if (!m)
      continue;
    net->models[p] = *m;
    /* the names outlive the caller's strings: messages of later advance calls use them */
    net->models[p].name = NULL;
    net->models[p].state_names = NULL;
    char *name = copy_string(m->name ? m->name : "(unnamed)");
    char **names = calloc((size_t)m->n_state, sizeof *names);
    if (!name || !names) {
      free(name);
      free(names);
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the neuron models' names");
    }
    net->models[p].name = name;
    net->models[p].state_names = (const char *const *)names;
    for (int32_t j = 0; j < m->n_state; ++j) {
      names[j] = copy_string(m->state_names && m->state_names[j] ? m->state_names[j] : "?");
      if (!names[j])
        return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for the neuron models' names");
    }
    if (m->n_state > net->model_max_state)
      net->model_max_state = m->n_state;
  }
  for (int64_t kp = 0; kp < (int64_t)K * P; ++kp) {
    const ne_network_population *pop = &c->populations[kp];
    if (pop->model && pop->model->n_params > 0)
      memcpy(net->model_params + kp * NE_NET_MODEL_MAX_PARAMS, pop->model_params,
             (size_t)pop->model->n_params * sizeof(double));
  }
  return NE_OK;
}

ne_status ne_net_allocate_model_state(ne_network *net) {
  for (int32_t j = 1; j < net->model_max_state; ++j) {
    net->model_state[j] = malloc((size_t)net->KN * sizeof(double));
    if (!net->model_state[j])
      return ne_fail(NE_ERR_OUT_OF_MEMORY, "out of memory for state variable %d of %lld neurons", j,
                     (long long)net->KN);
  }
  return NE_OK;
}

void ne_net_free_models(ne_network *net) {
  for (int32_t j = 0; j < NE_NET_MODEL_MAX_STATE; ++j)
    free(net->model_state[j]);
  for (int32_t p = 0; net->models && p < net->P; ++p) {
    ne_network_neuron_model *m = &net->models[p];
    if (m->state_names)
      for (int32_t j = 0; j < m->n_state; ++j)
        free((char *)m->state_names[j]);
    free((void *)m->state_names);
    free((char *)m->name);
  }
  free(net->models);
  free(net->model_params);
}

/* Variables a model lacks hold NaN, so reading them cannot pass for a value. */
void ne_net_initialise_model_neuron(ne_network *net, const ne_network_population *pop, int64_t g, int64_t i) {
  const uint64_t seed = net->seeds[g / net->N];
  const int32_t n_state = pop->model ? pop->model->n_state : 1;
  for (int32_t j = 0; j < net->model_max_state; ++j) {
    double value = NAN;
    if (pop->model && j < n_state) {
      const ne_network_initial *init = &pop->model_init[j];
      value = ne_net_draw_initial_element(seed, (uint32_t)i, (uint32_t)j, init->kind, init->a, init->b);
    } else if (j == 0) {
      continue; /* a built-in population's V, drawn by the caller */
    }
    if (j == 0)
      net->v[g] = value;
    else
      net->model_state[j][g] = value;
  }
}

int32_t ne_net_update_model(ne_network *net, const ne_net_segment *seg, double stim, double *exc, double *inh,
                            int32_t *fired) {
  const int32_t p = seg->kp % net->P, n = seg->length;
  const ne_network_neuron_model *m = &net->models[p];
  double *state[NE_NET_MODEL_MAX_STATE];
  state[0] = net->v + seg->first;
  for (int32_t j = 1; j < m->n_state; ++j)
    state[j] = net->model_state[j] + seg->first;
  m->update(m->context, n, net->model_params + (int64_t)seg->kp * NE_NET_MODEL_MAX_PARAMS, state,
            net->refractory + seg->first, net->pop[seg->kp].ref_steps, exc, inh, stim, fired);
  /* the slots are read: clear them for the step ring_slots later; count the
   * spikes here rather than trust a returned count */
  memset(exc, 0, (size_t)n * sizeof *exc);
  if (inh)
    memset(inh, 0, (size_t)n * sizeof *inh);
  int32_t total = 0;
  for (int32_t i = 0; i < n; ++i) {
    fired[i] = fired[i] != 0;
    total += fired[i];
  }
  return total;
}

ne_status ne_net_read_model_state(const ne_network *net, int32_t j, double *values) {
  if (j < 0 || j >= net->model_max_state)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "variable %u (NE_NET_STATE_MODEL + %d) is not a state variable of this network's neuron models "
                   "(they have %d)",
                   NE_NET_STATE_MODEL + (uint32_t)j, j, net->model_max_state);
  if (j == 0) {
    for (int64_t g = 0; g < net->KN; ++g) {
      const int32_t p = ne_net_population_of(net, g % net->N);
      values[g] = net->models[p].update ? net->v[g] : NAN;
    }
    return NE_OK;
  }
  memcpy(values, net->model_state[j], (size_t)net->KN * sizeof *values);
  return NE_OK;
}

ne_status ne_net_check_model_state(ne_network *net, int64_t first_step, int64_t n_steps) {
  for (int64_t g = 0; g < net->KN; ++g) {
    const int64_t i = g % net->N;
    const int32_t p = ne_net_population_of(net, i);
    const ne_network_neuron_model *m = &net->models[p];
    if (!m->update)
      continue;
    for (int32_t j = 0; j < m->n_state; ++j) {
      const double x = j == 0 ? net->v[g] : net->model_state[j][g];
      if (isfinite(x))
        continue;
      net->failed = 1;
      return ne_fail(NE_ERR_NON_FINITE,
                     "state variable %s of neuron model %s is %s for neuron %lld (population %d) of network %lld, "
                     "found at t = %g ms (step %lld), the end of an advance that began at t = %g ms: the model "
                     "diverged (a smaller dt or other parameters may help; the network is left unusable)",
                     m->state_names[j], m->name,
                     isnan(x) ? "nan" : "infinite", (long long)i, p, (long long)(g / net->N),
                     (double)(first_step + n_steps) * net->dt_ms, (long long)(first_step + n_steps),
                     (double)first_step * net->dt_ms);
    }
  }
  return NE_OK;
}
