/* OpenMP helpers: the thread count a call uses, 0 meaning the OpenMP default. */
#ifndef NE_THREADING_H
#define NE_THREADING_H

int ne_resolve_threads(int requested);
int ne_default_threads(void);

#endif
