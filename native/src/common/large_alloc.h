/* Allocation of the buffers that grow with a batch's size.
 *
 * Why: on first touch every 4 KiB page is a page fault, and on virtual
 * machines a fault costs microseconds; a 200,000-neuron batch spent more
 * time faulting in its 17 MB in create() than its kernel spent on 100
 * samples. Buffers of 2 MiB and more are therefore aligned to 2 MiB and
 * marked for transparent huge pages (one fault per 2 MiB where the kernel
 * allows it, ordinary pages where it does not). Free with ne_large_free. */
#ifndef NE_LARGE_ALLOC_H
#define NE_LARGE_ALLOC_H
#include <stddef.h>

/* Uninitialised; NULL on failure or when count * size overflows. */
void *ne_large_alloc(size_t count, size_t size);
/* Zero-filled; NULL on failure or overflow. */
void *ne_large_calloc(size_t count, size_t size);
/* NULL is allowed. */
void ne_large_free(void *p);

#endif
