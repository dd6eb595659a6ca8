/* Membrane update, AVX2 (network_update_kernel.h; compiled with -mavx2). */
#define NE_NET_UPDATE ne_net_update_avx2
#include "network_update_kernel.h"
