/* Poisson refill, plain x86-64 (network_poisson_kernel.h). */
#include <string.h>
#define NE_POISSON_REFILL ne_net_poisson_refill_baseline
#include "network_poisson_kernel.h"
