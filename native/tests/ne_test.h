/* Minimal C test harness: CHECK records a failure and goes on; main returns
 * non-zero if anything failed, and CTest reports the executable. */
#ifndef NE_TEST_H
#define NE_TEST_H

#include <stdio.h>

static int ne_test_failures = 0;
static int ne_test_checks = 0;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    ++ne_test_checks;                                                                \
    if (!(cond)) {                                                                   \
      ++ne_test_failures;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);       \
    }                                                                                \
  } while (0)

#define CHECK_MSG(cond, ...)                                                         \
  do {                                                                               \
    ++ne_test_checks;                                                                \
    if (!(cond)) {                                                                   \
      ++ne_test_failures;                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond);       \
      fprintf(stderr, __VA_ARGS__);                                                  \
      fputc('\n', stderr);                                                           \
    }                                                                                \
  } while (0)

static inline int ne_test_finish(const char *name) {
  printf("%s: %d checks, %d failed\n", name, ne_test_checks, ne_test_failures);
  return ne_test_failures == 0 ? 0 : 1;
}

#endif
