#include "threading.h"

#ifdef _OPENMP
#include <omp.h>
#endif

int ne_default_threads(void) {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

int ne_resolve_threads(int requested) { return requested > 0 ? requested : ne_default_threads(); }
