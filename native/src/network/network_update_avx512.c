/* Membrane update, AVX-512 (-mavx512f), float64 and float32 state (network_update_kernel.h). */
#define NE_REAL double
#define NE_NET_UPDATE ne_net_update_avx512
#include "network_update_kernel.h"
#undef NE_REAL
#undef NE_NET_UPDATE
#define NE_REAL float
#define NE_NET_UPDATE ne_net_update32_avx512
#include "network_update_kernel.h"
