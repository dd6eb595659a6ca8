/* Membrane update, plain x86-64 (network_update_kernel.h). */
#define NE_NET_UPDATE ne_net_update_baseline
#include "network_update_kernel.h"
