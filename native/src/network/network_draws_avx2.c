/* Connectivity draws, AVX2 (network_draws_kernel.h; compiled with -mavx2). */
#define NE_NET_DRAW_BLOCKS ne_net_draw_blocks_avx2
#include "network_draws_kernel.h"
