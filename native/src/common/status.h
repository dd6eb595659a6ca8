/* Thread-local error text and the helpers every entry point uses to
 * validate its arguments. Messages name the argument and its value. */
#ifndef NE_STATUS_H
#define NE_STATUS_H

#include <stdint.h>
#include "neuroengine.h"

/* Records the message for ne_last_error() and returns status. printf-style. */
ne_status ne_fail(ne_status status, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Clears the thread's error text and returns NE_OK. */
ne_status ne_ok(void);

/* Argument checks: return NE_OK or a recorded NE_ERR_INVALID_ARGUMENT. */
ne_status ne_check_not_null(const void *p, const char *name);
ne_status ne_check_finite(double x, const char *name);
ne_status ne_check_positive(double x, const char *name);     /* finite and > 0 */
ne_status ne_check_non_negative(double x, const char *name); /* finite and >= 0 */
ne_status ne_check_length(int64_t got, int64_t want, const char *name);
/* *out = a * b, or NE_ERR_INVALID_ARGUMENT naming `what` if it overflows int64. */
ne_status ne_mul_size(int64_t a, int64_t b, const char *what, int64_t *out);

#define NE_TRY(expr)              \
  do {                            \
    ne_status ne_try_s_ = (expr); \
    if (ne_try_s_ != NE_OK)       \
      return ne_try_s_;           \
  } while (0)

#endif
