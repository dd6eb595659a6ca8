/* The library-level ABI: versions, build info, status names, struct_size. */
#include <string.h>

#include "neuroengine.h"
#include "ne_test.h"

int main(void) {
  CHECK(ne_abi_version() == NE_ABI_VERSION);
  CHECK(strlen(ne_version()) > 0);
  const char *info = ne_build_info();
  CHECK(strstr(info, "simd=") != NULL);
  CHECK(strstr(info, "omp_threads=") != NULL);
  CHECK(strstr(info, "cuda=") != NULL);
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
