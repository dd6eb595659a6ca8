/* Validation of a network config (network_validate.c). */
#ifndef NE_NETWORK_VALIDATE_H
#define NE_NETWORK_VALIDATE_H

#include <stdint.h>

#include "neuroengine.h"

/* The config struct itself: sizes, counts, pointers, dt. */
ne_status ne_net_validate_header(const ne_network_config *c);
/* Populations, projections (weights), drives and stimuli. sizes receives
 * the P population sizes; seen_pairs is zeroed scratch of P * P bytes. */
ne_status ne_net_validate_config(const ne_network_config *c, int64_t *sizes, uint8_t *seen_pairs);
/* A user neuron model of population p of network k (network_model.c). */
ne_status ne_net_validate_model(const ne_network_config *c, int32_t k, int32_t p);

#endif
