/* The built-in models' descriptors (ne_mass_model_*): every argument checked; the shape agrees with
 * ne_mass_shape; slots are distinct and inside the row; defaults lie in their ranges and
 * ne_mass_create takes a row of defaults; a value just outside a range is refused with a message
 * naming the parameter, the set and the value; the generic path's node updates give the bits of the
 * right-hand sides of mass_math.h stepped by hand; the struct layout table (ne_abi_layout). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mass/mass_math.h"
#include "ne_test.h"
#include "neuroengine.h"

static void argument_checks(void) {
  int32_t count = 0;
  CHECK(ne_mass_model_count(NULL) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_model_count(&count) == NE_OK && count == 5);
  ne_mass_model_info info = {.struct_size = sizeof info};
  CHECK(ne_mass_model_info_get(0, NULL) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_model_info_get((uint32_t)count, &info) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "got 5") != NULL);
  info.struct_size = 8;
  CHECK(ne_mass_model_info_get(0, &info) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "struct_size is 8") != NULL);
  ne_mass_param_info param = {.struct_size = sizeof param};
  CHECK(ne_mass_model_param(0, -1, &param) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "got -1") != NULL);
  CHECK(ne_mass_model_param(0, 1000, &param) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_model_param(7, 0, &param) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_model_param(0, 0, NULL) == NE_ERR_INVALID_ARGUMENT);
  ne_mass_state_info state = {.struct_size = sizeof state - 1};
  CHECK(ne_mass_model_state(0, 0, &state) == NE_ERR_INVALID_ARGUMENT);
  state.struct_size = sizeof state;
  CHECK(ne_mass_model_state(0, 2, &state) == NE_ERR_INVALID_ARGUMENT);
  const char *text = "x";
  CHECK(ne_mass_model_text(0, NE_MASS_TEXT_OUTPUT, 0, NULL) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_model_text(0, 9, 0, &text) == NE_ERR_INVALID_ARGUMENT && text == NULL);
  CHECK(strstr(ne_last_error(), "kind") != NULL);
  CHECK(ne_mass_model_text(0, NE_MASS_TEXT_ALIAS, 0, &text) == NE_ERR_INVALID_ARGUMENT); /* wc has none */
  CHECK(ne_mass_model_text(NE_MASS_WW, NE_MASS_TEXT_ALIAS, 0, &text) == NE_OK && strcmp(text, "ww") == 0);
}

/* A params row of the model's defaults. */
static void defaults_row(uint32_t model, int32_t n_params, double *row) {
  memset(row, 0, NE_MASS_N_PARAMS * sizeof *row);
  for (int32_t a = 0; a < n_params; ++a) {
    ne_mass_param_info p = {.struct_size = sizeof p};
    CHECK(ne_mass_model_param(model, a, &p) == NE_OK);
    row[p.slot] = p.default_value;
  }
}

static void each_model(uint32_t model) {
  ne_mass_model_info info = {.struct_size = sizeof info};
  CHECK(ne_mass_model_info_get(model, &info) == NE_OK && info.model == model);
  int32_t n_state = 0, n_outputs = 0;
  CHECK(ne_mass_shape(model, &n_state, &n_outputs) == NE_OK);
  CHECK_MSG(info.n_state == n_state && info.n_outputs == n_outputs, "%s: shape %d %d vs %d %d", info.name, info.n_state,
            info.n_outputs, n_state, n_outputs);
  CHECK(info.n_rings >= 1 && info.lag >= 0 && info.n_noise == 2 && info.n_equations >= 3 && info.bold_scale > 0);
  int used[NE_MASS_N_PARAMS] = {0};
  for (int32_t a = 0; a < info.n_params; ++a) {
    ne_mass_param_info p = {.struct_size = sizeof p};
    CHECK(ne_mass_model_param(model, a, &p) == NE_OK);
    CHECK_MSG(p.slot >= 0 && p.slot < NE_MASS_N_PARAMS && !used[p.slot], "%s.%s: slot %d", info.name, p.name, p.slot);
    used[p.slot] = 1;
    const int in = (p.min_open ? p.default_value > p.min : p.default_value >= p.min) &&
                   (p.max_open ? p.default_value < p.max : p.default_value <= p.max);
    CHECK_MSG(in, "%s.%s: default %g outside its range", info.name, p.name, p.default_value);
    CHECK(p.unit[0] != 0 && p.description[0] != 0);
  }
  for (int32_t v = 0; v < info.n_state; ++v) {
    ne_mass_state_info s = {.struct_size = sizeof s};
    CHECK(ne_mass_model_state(model, v, &s) == NE_OK && s.init_low <= s.init_high);
  }
  const char *text = NULL;
  CHECK(ne_mass_model_text(model, NE_MASS_TEXT_EQUATION, info.n_equations - 1, &text) == NE_OK && text[0] != 0);

  /* one node with the defaults runs; each finite bound, stepped just outside, is refused by name */
  double row[NE_MASS_N_PARAMS], init[13] = {0}, cmat[1] = {0}, out[4];
  double mu[2] = {0, 1}, sigma[2] = {0, 1}, table[4] = {1, 1, 1, 1};
  ne_aln_tables tables = {2, 2, mu, sigma, table, table, table};
  defaults_row(model, info.n_params, row);
  ne_mass_config c = {sizeof c, model, 1, 1, 0.1, cmat, NULL, row, init, 1, 1, 1, model == NE_MASS_ALN ? &tables : NULL,
                      0, NULL};
  ne_mass *m = NULL;
  CHECK_MSG(ne_mass_create(&c, &m) == NE_OK, "%s with its defaults: %s", info.name, ne_last_error());
  int64_t n = 0;
  CHECK(m && ne_mass_advance(m, 1, out, 4, &n) == NE_OK && n == 1);
  ne_mass_destroy(m);
  for (int32_t a = 0; a < info.n_params; ++a) {
    ne_mass_param_info p = {.struct_size = sizeof p};
    CHECK(ne_mass_model_param(model, a, &p) == NE_OK);
    for (int end = 0; end < 2; ++end) {
      const double bound = end ? p.max : p.min;
      if (!isfinite(bound))
        continue;
      const int open = end ? p.max_open : p.min_open;
      const double outside = open ? bound : (end ? nextafter(bound, INFINITY) : nextafter(bound, -INFINITY));
      defaults_row(model, info.n_params, row);
      row[p.slot] = outside;
      CHECK_MSG(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT && m == NULL, "%s.%s = %g accepted", info.name,
                p.name, outside);
      char want[96];
      snprintf(want, sizeof want, "params of set 0: %s must be in", p.name);
      CHECK_MSG(strstr(ne_last_error(), want) != NULL, "message: %s", ne_last_error());
    }
  }
}

/* One uncoupled node without noise, 300 steps, at SIMD level `simd`: the kernel's samples equal explicit Euler on the
 * right-hand side of mass_math.h, bit for bit (WC clipped to [0, 1], WW recording its rates). */
static void node_updates_are_the_math(uint32_t model, int32_t simd) {
  enum { STEPS = 300 };
  ne_mass_model_info info = {.struct_size = sizeof info};
  CHECK(ne_mass_model_info_get(model, &info) == NE_OK);
  double row[NE_MASS_N_PARAMS], init[2] = {0.1, 0.05}, cmat[1] = {0}, out[STEPS * 4];
  defaults_row(model, info.n_params, row);
  ne_mass_config c = {sizeof c, model, 1, 1, 0.1, cmat, NULL, row, init, 1, 1, 1, NULL, simd, NULL};
  ne_mass *m = NULL;
  int64_t n = 0;
  CHECK(ne_mass_create(&c, &m) == NE_OK && ne_mass_advance(m, STEPS, out, STEPS * 4, &n) == NE_OK && n == STEPS);
  ne_mass_destroy(m);
  double x = init[0], y = init[1];
  int same = 1;
  for (int s = 0; s < STEPS; ++s) {
    double dx = 0, dy = 0, re = 0, ri = 0;
    switch (model) {
    case NE_MASS_WC: ne_wc_rhs(row, x, y, 0.0, 0.0, 0.0, &dx, &dy); break;
    case NE_MASS_FHN: ne_fhn_rhs(row, x, y, 0.0, 0.0, 0.0, &dx, &dy); break;
    case NE_MASS_HOPF: ne_hopf_rhs(row, x, y, 0.0, 0.0, 0.0, &dx, &dy); break;
    default: ne_ww_rhs(row, x, y, 0.0, 0.0, 0.0, &dx, &dy, &re, &ri); break;
    }
    x += 0.1 * dx;
    y += 0.1 * dy;
    if (model == NE_MASS_WC) {
      x = x < 0.0 ? 0.0 : (x > 1.0 ? 1.0 : x);
      y = y < 0.0 ? 0.0 : (y > 1.0 ? 1.0 : y);
    }
    const double *o = out + (int64_t)s * info.n_outputs;
    if (model == NE_MASS_WW)
      same &= memcmp(&o[0], &re, 8) == 0 && memcmp(&o[1], &ri, 8) == 0 && memcmp(&o[2], &x, 8) == 0 && memcmp(&o[3], &y, 8) == 0;
    else
      same &= memcmp(&o[0], &x, 8) == 0 && memcmp(&o[1], &y, 8) == 0;
  }
  CHECK_MSG(same, "model %u, simd %d: the kernel's samples differ from Euler on its right-hand side", model, simd);
}

static void layout_table(void) {
  const int32_t rows = ne_abi_layout_count();
  CHECK(rows > 0);
  const char *s = NULL, *f = NULL;
  int64_t offset = -1, size = -1;
  CHECK(ne_abi_layout(rows, &s, &f, &offset, &size) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_abi_layout(-1, &s, &f, &offset, &size) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_abi_layout(0, NULL, &f, &offset, &size) == NE_ERR_INVALID_ARGUMENT);
  int found = 0;
  for (int32_t r = 0; r < rows; ++r) {
    CHECK(ne_abi_layout(r, &s, &f, &offset, &size) == NE_OK);
    if (strcmp(s, "ne_mass_config") == 0 && strcmp(f, "dt_ms") == 0)
      found = offset == 16 && size == 8;
    if (strcmp(s, "ne_mass_config") == 0 && f[0] == 0)
      CHECK(size == (int64_t)sizeof(ne_mass_config));
  }
  CHECK(found);
}

int main(void) {
  argument_checks();
  for (uint32_t model = 0; model < 5; ++model)
    each_model(model);
  for (uint32_t model = NE_MASS_WC; model <= NE_MASS_WW; ++model)
    for (int32_t simd = 0; simd <= 1; ++simd) /* the best level (WC: its own kernel), the baseline (the generic path) */
      node_updates_are_the_math(model, simd);
  layout_table();
  return ne_test_finish("test_mass_models");
}
