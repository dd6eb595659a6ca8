#include "simd_level.h"

#include "status.h"

int ne_simd_best(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f"))
    return NE_SIMD_AVX512;
  /* the AVX2 files are compiled with -mfma (normal_math.h's fmaf becomes
   * vfmadd), so that level needs FMA too (every Intel and AMD CPU with AVX2 has it) */
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    return NE_SIMD_AVX2;
#endif
  return NE_SIMD_BASELINE;
}

const char *ne_simd_name(int level) {
  switch (level) {
  case NE_SIMD_AVX512: return "avx512";
  case NE_SIMD_AVX2: return "avx2";
  case NE_SIMD_BASELINE: return "baseline";
  default: return "auto";
  }
}

int32_t ne_simd_resolve(int32_t requested, const char *field, int *level) {
  if (requested < NE_SIMD_AUTO || requested > NE_SIMD_AVX512)
    return ne_fail(NE_ERR_INVALID_ARGUMENT,
                   "%s must be 0 (auto), 1 (baseline), 2 (avx2) or 3 (avx512), got %d", field, requested);
  const int best = ne_simd_best();
  if (requested == NE_SIMD_AUTO) {
    *level = best;
    return NE_OK;
  }
  if (requested > best)
    return ne_fail(NE_ERR_UNSUPPORTED, "%s = %d (%s) is not supported by this CPU (best: %s)", field,
                   requested, ne_simd_name(requested), ne_simd_name(best));
  *level = requested;
  return NE_OK;
}
