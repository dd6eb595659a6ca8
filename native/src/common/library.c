/* Library-wide queries: versions and build information. */
#include <stdio.h>

#include "neuroengine.h"
#include "simd_level.h"
#include "status.h"
#include "threading.h"

#ifndef NE_VERSION_STRING
#define NE_VERSION_STRING "0.0.0"
#endif
#ifndef NE_BUILD_TYPE
#define NE_BUILD_TYPE "unknown"
#endif
#ifndef NE_C_COMPILER
#define NE_C_COMPILER "unknown"
#endif
#ifdef NE_HAVE_CUDA
#define NE_CUDA_TEXT "yes"
#else
#define NE_CUDA_TEXT "no"
#endif

uint32_t ne_abi_version(void) { return NE_ABI_VERSION; }

const char *ne_version(void) { return NE_VERSION_STRING; }

/* Thread-local so concurrent callers never write the same buffer. */
const char *ne_build_info(void) {
  static _Thread_local char text[512];
  snprintf(text, sizeof text, "simd=%s threads=%d cuda=%s build=%s compiler=%s cc=%s", ne_simd_name(ne_simd_best()),
           ne_default_threads(), NE_CUDA_TEXT, NE_BUILD_TYPE,
#if defined(__clang__)
           "clang-" __clang_version__
#elif defined(__GNUC__)
           "gcc-" __VERSION__
#else
           "unknown"
#endif
           ,
           NE_C_COMPILER);
  return text;
}
