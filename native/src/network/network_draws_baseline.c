/* Connectivity draws, plain x86-64 (network_draws_kernel.h). */
#define NE_NET_DRAW_BLOCKS ne_net_draw_blocks_baseline
#include "network_draws_kernel.h"
