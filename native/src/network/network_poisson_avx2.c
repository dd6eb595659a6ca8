/* Poisson refill, AVX2 (network_poisson_kernel.h; compiled with -mavx2). */
#include <string.h>
#define NE_POISSON_REFILL ne_net_poisson_refill_avx2
#include "network_poisson_kernel.h"
