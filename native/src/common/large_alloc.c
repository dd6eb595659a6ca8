/* See large_alloc.h. */
#include "large_alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#define NE_HUGE_PAGE_BYTES ((size_t)2 << 20)

void *ne_large_alloc(size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / size)
    return NULL;
  const size_t bytes = count * size;
  if (bytes < NE_HUGE_PAGE_BYTES)
    return malloc(bytes == 0 ? 1 : bytes);
  if (bytes > SIZE_MAX - NE_HUGE_PAGE_BYTES)
    return NULL;
  const size_t rounded = (bytes + NE_HUGE_PAGE_BYTES - 1) & ~(NE_HUGE_PAGE_BYTES - 1);
  void *p = aligned_alloc(NE_HUGE_PAGE_BYTES, rounded);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (p != NULL)
    (void)madvise(p, rounded, MADV_HUGEPAGE); /* advice only: refused means ordinary pages */
#endif
  return p;
}

void *ne_large_calloc(size_t count, size_t size) {
  void *p = ne_large_alloc(count, size);
  if (p != NULL)
    memset(p, 0, count * size);
  return p;
}

void ne_large_free(void *p) { free(p); }
