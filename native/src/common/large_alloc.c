/* See large_alloc.h. */
#include "large_alloc.h"

#include "status.h"

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

ne_status ne_advise_huge_pages(void *p, int64_t bytes) {
  if (bytes < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "bytes must be >= 0, got %lld", (long long)bytes);
  if (bytes == 0)
    return ne_ok();
  NE_TRY(ne_check_not_null(p, "p"));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const uintptr_t begin = ((uintptr_t)p + NE_HUGE_PAGE_BYTES - 1) & ~(uintptr_t)(NE_HUGE_PAGE_BYTES - 1);
  const uintptr_t end = ((uintptr_t)p + (uintptr_t)bytes) & ~(uintptr_t)(NE_HUGE_PAGE_BYTES - 1);
  if (end > begin)
    (void)madvise((void *)begin, end - begin, MADV_HUGEPAGE); /* advice only: refused means ordinary pages */
#endif
  return ne_ok();
}
