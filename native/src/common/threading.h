/* The engine's own threads (pthreads, no OpenMP runtime): a team of n
 * threads runs a function with the caller as member 0; members meet at a
 * barrier that spins for a few microseconds and then sleeps on a futex, so a
 * thread waiting for a descheduled partner gives its core away instead of
 * spinning through its time slice. */
#ifndef NE_THREADING_H
#define NE_THREADING_H

#include <stdint.h>

/* The CPUs this process may run on (sched_getaffinity), at least 1. */
int ne_default_threads(void);
/* requested > 0 as given, 0 = ne_default_threads(). */
int ne_resolve_threads(int requested);

/* Member `thread` of `n_threads` runs fn(ctx, thread, n_threads). */
typedef void (*ne_team_fn)(void *ctx, int thread, int n_threads);

typedef struct ne_team ne_team;

/* A team of up to n_threads members (n_threads - 1 worker threads, asleep
 * between jobs), reusing a team given up earlier when one of that size waits.
 * If the system refuses a thread the team is smaller: read ne_team_size.
 * Returns NULL only when out of memory. Thread-safe. */
ne_team *ne_team_create(int n_threads);
/* Members of the team; 1 for NULL. */
int ne_team_size(const ne_team *team);
/* Runs fn on every member (the caller is member 0) and returns when all have
 * finished. A NULL team runs fn(ctx, 0, 1). Not reentrant: one job at a time
 * per team (a team belongs to one handle). */
void ne_team_run(ne_team *team, ne_team_fn fn, void *ctx);
/* Inside a job: returns when every member has called it; writes before it
 * are visible to every member after it. No-op for a NULL or one-member team. */
void ne_team_barrier(ne_team *team);
/* Gives the team up; NULL is fine. A few teams are kept, their workers
 * asleep, for the next ne_team_create of the same size (thread-safe); the
 * others are joined and freed. */
void ne_team_destroy(ne_team *team);

/* A temporary team of ne_resolve_threads(n_threads) runs fn once (for calls
 * that are not repeated in small steps). */
void ne_parallel(int n_threads, ne_team_fn fn, void *ctx);

/* The share [*begin, *end) of `count` items that member `thread` of
 * `n_threads` takes: contiguous, in order, the first count % n_threads
 * members one item more (the split of OpenMP's schedule(static)). */
void ne_static_share(int64_t count, int thread, int n_threads, int64_t *begin, int64_t *end);

#endif
