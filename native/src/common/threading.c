/* Teams of pthreads with a spin-then-futex barrier (see threading.h).
 *
 * The barrier counts arrivals; the last member to arrive resets the count
 * and advances `generation` (the sense reversal: a waiter only waits for the
 * generation it read on arrival to change). Waiters spin on the generation
 * for up to NE_SPIN_NS with a pause instruction, then sleep in FUTEX_WAIT;
 * the last arrival wakes sleepers only when some announced themselves, so a
 * barrier that completes within the spin costs no system call. */
#define _GNU_SOURCE
#include "threading.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* How long a waiter spins before it sleeps: long enough to cover the usual
 * imbalance of a time step between running threads, short enough that a
 * waiter whose partner was descheduled hands its core back quickly. */
#define NE_SPIN_NS 20000

typedef struct ne_barrier {
  _Atomic uint32_t arrived;
  _Atomic uint32_t generation; /* the futex word */
  _Atomic uint32_t sleepers;
  _Atomic uint32_t members;
} ne_barrier;

struct ne_team {
  ne_barrier barrier;
  int requested; /* members asked for (the cache matches on it) */
  int size;
  int quit;        /* read by the workers after a start barrier */
  ne_team_fn fn;   /* the job, written by member 0 before the start barrier */
  void *ctx;
  pthread_t *workers; /* [size - 1] */
  void *starts;       /* [size - 1] worker_start: each worker's member number */
};

/* Teams whose handle was destroyed wait here, asleep, for the next handle
 * that asks for as many members: starting threads costs hundreds of
 * microseconds on a loaded VM, and programs create handles in loops (a batch
 * per fit, a network per evaluation). Guarded by cache_lock. */
#define NE_TEAM_CACHE 4
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static ne_team *cache[NE_TEAM_CACHE];

/* A child of fork() has none of the parent's workers: it forgets the cached
 * teams (leaking them; their threads do not exist there) instead of waiting
 * on them forever. */
static void cache_forget_in_child(void) {
  for (int i = 0; i < NE_TEAM_CACHE; ++i)
    cache[i] = NULL;
  pthread_mutex_init(&cache_lock, NULL);
}

static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static void cache_init(void) { pthread_atfork(NULL, NULL, cache_forget_in_child); }

static ne_team *cache_take(int requested) {
  ne_team *team = NULL;
  pthread_once(&cache_once, cache_init);
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < NE_TEAM_CACHE && !team; ++i)
    if (cache[i] && cache[i]->requested == requested) {
      team = cache[i];
      cache[i] = NULL;
    }
  pthread_mutex_unlock(&cache_lock);
  return team;
}

static int cache_put(ne_team *team) {
  int kept = 0;
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < NE_TEAM_CACHE && !kept; ++i)
    if (!cache[i]) {
      cache[i] = team;
      kept = 1;
    }
  pthread_mutex_unlock(&cache_lock);
  return kept;
}

static inline void cpu_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void futex_wait(_Atomic uint32_t *word, uint32_t expected) {
  /* returns at once when *word != expected; spurious returns are fine (the caller re-checks) */
  syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake_all(_Atomic uint32_t *word) {
  syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void barrier_wait(ne_barrier *b) {
  const uint32_t generation = atomic_load_explicit(&b->generation, memory_order_acquire);
  const uint32_t arrived = atomic_fetch_add_explicit(&b->arrived, 1, memory_order_acq_rel) + 1;
  /* members read after arriving: a team that started with fewer threads than asked lowers it */
  if (arrived == atomic_load_explicit(&b->members, memory_order_acquire)) {
    atomic_store_explicit(&b->arrived, 0, memory_order_relaxed);
    /* seq_cst pairs with the sleepers' increment: either they see the new
     * generation before sleeping, or this load sees them */
    atomic_fetch_add(&b->generation, 1);
    if (atomic_load(&b->sleepers) > 0)
      futex_wake_all(&b->generation);
    return;
  }
  /* the clock is read only once the spin lasts: most barriers complete within a few pauses */
  int64_t start = 0;
  for (int i = 1;; ++i) {
    if (atomic_load_explicit(&b->generation, memory_order_acquire) != generation)
      return;
    cpu_pause();
    if ((i & 63) == 0) {
      const int64_t now = now_ns();
      if (start == 0)
        start = now;
      else if (now - start > NE_SPIN_NS)
        break;
    }
  }
  atomic_fetch_add(&b->sleepers, 1);
  while (atomic_load(&b->generation) == generation)
    futex_wait(&b->generation, generation);
  atomic_fetch_sub(&b->sleepers, 1);
}

int ne_default_threads(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0)
      return n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

int ne_resolve_threads(int requested) { return requested > 0 ? requested : ne_default_threads(); }

typedef struct worker_start {
  ne_team *team;
  int index;
} worker_start;

static void *worker_main(void *arg) {
  ne_team *team = ((worker_start *)arg)->team;
  const int index = ((worker_start *)arg)->index;
  for (;;) {
    barrier_wait(&team->barrier); /* start: fn, ctx and quit were written before it */
    if (team->quit)
      return NULL;
    team->fn(team->ctx, index, team->size);
    barrier_wait(&team->barrier); /* end */
  }
}

ne_team *ne_team_create(int n_threads) {
  if (n_threads < 1)
    n_threads = 1;
  ne_team *team = n_threads > 1 ? cache_take(n_threads) : NULL;
  if (team)
    return team;
  team = calloc(1, sizeof *team);
  if (!team)
    return NULL;
  team->requested = n_threads;
  team->size = 1;
  atomic_store(&team->barrier.members, (uint32_t)n_threads);
  if (n_threads == 1)
    return team;
  worker_start *starts = malloc((size_t)(n_threads - 1) * sizeof *starts);
  team->workers = malloc((size_t)(n_threads - 1) * sizeof *team->workers);
  if (!starts || !team->workers) {
    free(starts);
    free(team->workers);
    free(team);
    return NULL;
  }
  team->starts = starts; /* read by the workers; freed in destroy */
  int created = 0;
  for (int i = 1; i < n_threads; ++i) {
    starts[i - 1] = (worker_start){team, i};
    if (pthread_create(&team->workers[i - 1], NULL, worker_main, &starts[i - 1]) != 0)
      break; /* the system refused a thread: the team runs with those it has */
    ++created;
  }
  /* workers that already arrived at the first barrier counted fewer than
   * either member count, so shrinking it here cannot release them early;
   * size is read by workers only after that barrier */
  team->size = created + 1;
  atomic_store(&team->barrier.members, (uint32_t)(created + 1));
  return team;
}

int ne_team_size(const ne_team *team) { return team ? team->size : 1; }

void ne_team_run(ne_team *team, ne_team_fn fn, void *ctx) {
  if (!team || team->size == 1) {
    fn(ctx, 0, 1);
    return;
  }
  team->fn = fn;
  team->ctx = ctx;
  barrier_wait(&team->barrier);
  fn(ctx, 0, team->size);
  barrier_wait(&team->barrier);
}

void ne_team_barrier(ne_team *team) {
  if (team && team->size > 1)
    barrier_wait(&team->barrier);
}

void ne_team_destroy(ne_team *team) {
  if (!team)
    return;
  if (team->size > 1 && cache_put(team))
    return; /* its workers sleep until a new handle takes it */
  if (team->size > 1) {
    team->quit = 1;
    barrier_wait(&team->barrier);
    for (int i = 0; i < team->size - 1; ++i)
      pthread_join(team->workers[i], NULL);
  }
  free(team->workers);
  free(team->starts);
  free(team);
}

void ne_parallel(int n_threads, ne_team_fn fn, void *ctx) {
  ne_team *team = ne_team_create(ne_resolve_threads(n_threads));
  ne_team_run(team, fn, ctx); /* out of memory for the team: runs on the caller alone */
  ne_team_destroy(team);
}

void ne_static_share(int64_t count, int thread, int n_threads, int64_t *begin, int64_t *end) {
  int64_t q = count / n_threads, r = count % n_threads;
  if (thread < r) {
    ++q;
    r = 0;
  }
  *begin = q * thread + r;
  *end = *begin + q;
}
