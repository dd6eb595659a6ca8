#include "status.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>

enum { NE_ERROR_TEXT_CAPACITY = 512 };
static _Thread_local char ne_error_text[NE_ERROR_TEXT_CAPACITY];

ne_status ne_fail(ne_status status, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(ne_error_text, sizeof ne_error_text, format, args);
  va_end(args);
  return status;
}

ne_status ne_ok(void) {
  ne_error_text[0] = '\0';
  return NE_OK;
}

const char *ne_last_error(void) { return ne_error_text; }

const char *ne_status_name(ne_status status) {
  switch (status) {
  case NE_OK: return "ok";
  case NE_ERR_INVALID_ARGUMENT: return "invalid_argument";
  case NE_ERR_OUT_OF_MEMORY: return "out_of_memory";
  case NE_ERR_UNSUPPORTED: return "unsupported";
  case NE_ERR_CANCELLED: return "cancelled";
  case NE_ERR_INTERNAL: return "internal";
  case NE_ERR_INVALID_STATE: return "invalid_state";
  default: return "unknown";
  }
}

ne_status ne_check_not_null(const void *p, const char *name) {
  if (p == NULL)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s must not be NULL", name);
  return NE_OK;
}

ne_status ne_check_finite(double x, const char *name) {
  if (!isfinite(x))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s must be finite, got %g", name, x);
  return NE_OK;
}

ne_status ne_check_positive(double x, const char *name) {
  if (!isfinite(x) || !(x > 0.0))
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s must be finite and > 0, got %g", name, x);
  return NE_OK;
}

ne_status ne_check_non_negative(double x, const char *name) {
  if (!isfinite(x) || x < 0.0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s must be finite and >= 0, got %g", name, x);
  return NE_OK;
}

ne_status ne_check_length(int64_t got, int64_t want, const char *name) {
  if (got != want)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s has length %lld, expected %lld", name, (long long)got,
                   (long long)want);
  return NE_OK;
}

ne_status ne_mul_size(int64_t a, int64_t b, const char *what, int64_t *out) {
  if (a < 0 || b < 0)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s: negative size (%lld x %lld)", what, (long long)a,
                   (long long)b);
  if (a != 0 && b > INT64_MAX / a)
    return ne_fail(NE_ERR_INVALID_ARGUMENT, "%s overflows: %lld x %lld", what, (long long)a,
                   (long long)b);
  *out = a * b;
  return NE_OK;
}
