/* The library-level ABI: versions, build info, status names, struct_size. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "neuroengine.h"
#include "ne_test.h"

#if defined(__linux__)
/* THPeligible of the mapping that holds address a in /proc/self/smaps: -1 when not found */
static int thp_eligible(uintptr_t a) {
  FILE *f = fopen("/proc/self/smaps", "r");
  if (!f)
    return -1;
  char line[512];
  int inside = 0, found = -1;
  while (found < 0 && fgets(line, sizeof line, f)) {
    unsigned long lo = 0, hi = 0;
    int value = 0;
    if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') == line + strspn(line, "0123456789abcdef"))
      inside = a >= lo && a < hi;
    else if (inside && sscanf(line, "THPeligible: %d", &value) == 1)
      found = value;
  }
  fclose(f);
  return found;
}

/* ne_advise_huge_pages keeps a buffer's contents, refuses bad arguments by name, and marks the
 * whole 2 MiB pages inside the buffer: where THP is in madvise mode, the mapping becomes eligible
 * only through the advice. */
static void huge_page_advice(void) {
  CHECK(ne_advise_huge_pages(NULL, 0) == NE_OK);
  CHECK(ne_advise_huge_pages(NULL, 8) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "p") != NULL);
  double probe = 1.0;
  CHECK(ne_advise_huge_pages(&probe, -1) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "bytes") != NULL && strstr(ne_last_error(), "-1") != NULL);
  CHECK(ne_advise_huge_pages(&probe, sizeof probe) == NE_OK && probe == 1.0); /* no whole 2 MiB page: nothing */

  const size_t bytes = (size_t)8 << 20;
  unsigned char *map = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK(map != MAP_FAILED);
  if (map == MAP_FAILED)
    return;
  unsigned char *buffer = map + 12345; /* an unaligned start and length, as a managed array's */
  const size_t length = bytes - 12345 - 777;
  for (size_t i = 0; i < length; i += 4096)
    buffer[i] = (unsigned char)(i / 4096);
  const uintptr_t page = ((uintptr_t)buffer + ((uintptr_t)2 << 20) - 1) & ~(((uintptr_t)2 << 20) - 1);
  char mode[128] = "";
  FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
  if (f) {
    if (!fgets(mode, sizeof mode, f))
      mode[0] = 0;
    fclose(f);
  }
  const int madvise_mode = strstr(mode, "[madvise]") != NULL;
  if (madvise_mode)
    CHECK(thp_eligible(page) == 0);
  CHECK(ne_advise_huge_pages(buffer, (int64_t)length) == NE_OK);
  if (madvise_mode)
    CHECK_MSG(thp_eligible(page) == 1, "the 2 MiB page at %#lx is not eligible for huge pages after the advice",
              (unsigned long)page);
  int same = 1;
  for (size_t i = 0; i < length; i += 4096)
    same &= buffer[i] == (unsigned char)(i / 4096);
  CHECK_MSG(same, "the advice changed the buffer's contents");
  munmap(map, bytes);
}
#endif

int main(void) {
#if defined(__linux__)
  huge_page_advice();
#endif
  CHECK(ne_abi_version() == NE_ABI_VERSION);
  CHECK(strlen(ne_version()) > 0);
  const char *info = ne_build_info();
  CHECK(strstr(info, "simd=") != NULL);
  CHECK(strstr(info, " threads=") != NULL);
  CHECK(strstr(info, "cuda=") != NULL);
  CHECK(strstr(info, " cc=") != NULL); /* the compiler user-defined models fall back to */
  {
    const double x[3] = {0.0, 1.0, -2000.0};
    double y[3];
    CHECK(ne_exp_eval(x, y, 3) == NE_OK && y[0] == 1.0 && fabs(y[1] - 2.718281828459045) < 1e-15 && y[2] == 0.0);
    CHECK(ne_exp_eval(NULL, y, 1) == NE_ERR_INVALID_ARGUMENT);
  }
  CHECK(strcmp(ne_status_name(NE_OK), "ok") == 0);
  CHECK(strcmp(ne_status_name(NE_ERR_INVALID_ARGUMENT), "invalid_argument") == 0);
  CHECK(strcmp(ne_status_name(12345), "unknown") == 0);

  ne_lif_batch_config c;
  memset(&c, 0, sizeof c);
  c.struct_size = sizeof c - 8; /* a caller built against another header */
  int64_t bytes = 0;
  CHECK(ne_lif_batch_estimate_bytes(&c, &bytes) == NE_ERR_INVALID_ARGUMENT);
  CHECK(strstr(ne_last_error(), "struct_size") != NULL);
  CHECK(ne_lif_batch_estimate_bytes(NULL, &bytes) == NE_ERR_INVALID_ARGUMENT);
  ne_lif_batch_destroy(NULL); /* allowed */
  return ne_test_finish("test_abi");
}
