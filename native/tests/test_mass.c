/* Neural mass kernel: a Hopf node settles on its limit cycle (radius sqrt(a)), sampling counts,
 * argument validation. */
#include <math.h>
#include <string.h>

#include "ne_test.h"
#include "neuroengine.h"

int main(void) {
  double cmat[1] = {0.0}, params[NE_MASS_N_PARAMS], init[2] = {0.1, 0.0}, out[2 * 1000];
  memset(params, 0, sizeof params);
  params[0] = 0.25; /* a */
  params[1] = 0.2;  /* w */
  params[13] = 5.0; /* tau_ou */
  ne_mass_config c = {sizeof(ne_mass_config), NE_MASS_HOPF, 1, 1, 0.01, cmat, NULL, params, init, 1, 100, 1};
  ne_mass *m = NULL;
  CHECK(ne_mass_create(&c, &m) == NE_OK);
  int64_t n = 0;
  CHECK(ne_mass_advance(m, 100000, out, 2 * 1000, &n) == NE_OK && n == 1000);
  double r = sqrt(out[2 * 999] * out[2 * 999] + out[2 * 999 + 1] * out[2 * 999 + 1]);
  CHECK_MSG(fabs(r - 0.5) < 2e-3, "radius %g", r);
  CHECK(ne_mass_advance(m, 100, out, 1, &n) == NE_ERR_INVALID_ARGUMENT);
  CHECK(ne_mass_advance(m, 0, out, 2000, &n) == NE_ERR_INVALID_ARGUMENT);
  ne_mass_destroy(m);
  c.model = 9;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT && m == NULL);
  c.model = NE_MASS_HOPF;
  cmat[0] = NAN;
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "cmat") != NULL);
  cmat[0] = 0.0;
  params[14] = -1.0; /* sigma_ou */
  CHECK(ne_mass_create(&c, &m) == NE_ERR_INVALID_ARGUMENT);
  ne_mass_destroy(NULL);
  return ne_test_finish("test_mass");
}
