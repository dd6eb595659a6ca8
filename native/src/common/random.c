/* Entry points that expose the engine's random numbers (for tests and for
 * callers that want the same variates the kernels draw). */
#include "neuroengine.h"
#include "normal_math.h"
#include "philox_math.h"
#include "status.h"

ne_status ne_philox4x32_10(const uint32_t *counter, const uint32_t *key, uint32_t *out) {
  NE_TRY(ne_check_not_null(counter, "counter"));
  NE_TRY(ne_check_not_null(key, "key"));
  NE_TRY(ne_check_not_null(out, "out"));
  ne_philox4x32_10_block(counter[0], counter[1], counter[2], counter[3], key[0], key[1], &out[0],
                         &out[1], &out[2], &out[3]);
  return ne_ok();
}

ne_status ne_random_normal(uint64_t seed, uint64_t stream, uint32_t first_block, float *out,
                           int64_t n) {
  if (n < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "n must be >= 0, got %lld", (long long)n);
  if (n > 0)
    NE_TRY(ne_check_not_null(out, "out"));
  if ((n + 3) / 4 > (int64_t)UINT32_MAX - (int64_t)first_block + 1)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "n = %lld variates from first_block = %u would wrap the 32-bit block counter",
                   (long long)n, first_block);
  const uint32_t k0 = (uint32_t)seed, k1 = (uint32_t)(seed >> 32);
  const uint32_t s0 = (uint32_t)stream, s1 = (uint32_t)(stream >> 32);
  for (int64_t i = 0; i < n; i += 4) {
    uint32_t w0, w1, w2, w3;
    ne_philox4x32_10_block(first_block + (uint32_t)(i / 4), 0u, s0, s1, k0, k1, &w0, &w1, &w2, &w3);
    float z[4];
    ne_normal4(w0, w1, w2, w3, &z[0], &z[1], &z[2], &z[3]);
    for (int j = 0; j < 4 && i + j < n; ++j)
      out[i + j] = z[j];
  }
  return ne_ok();
}
