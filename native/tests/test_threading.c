/* The engine's thread team (common/threading.c): no member passes a barrier
 * before all have reached it, plain writes before a barrier are seen by every
 * member after it (also when some members sleep in the futex while a partner
 * is slow), jobs run on every member once, and static shares split work as
 * OpenMP's schedule(static) does. */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "common/threading.h"
#include "ne_test.h"

enum { ROUNDS = 4000, MAX_MEMBERS = 8 };

typedef struct barrier_job {
  ne_team *team;
  _Atomic int64_t arrived;  /* arrivals over all rounds */
  int64_t slot[MAX_MEMBERS]; /* plain writes: member t's round */
  _Atomic int early, stale;  /* a member passed early / read an old slot */
} barrier_job;

static void barrier_member(void *ctx, int thread, int n_threads) {
  barrier_job *job = ctx;
  for (int64_t r = 0; r < ROUNDS; ++r) {
    if (r % 200 == 199 && thread == (int)(r / 200) % n_threads) {
      struct timespec pause = {0, 2000000}; /* 2 ms: the others go past the spin into the futex */
      nanosleep(&pause, NULL);
    }
    job->slot[thread] = r;
    atomic_fetch_add(&job->arrived, 1);
    ne_team_barrier(job->team);
    const int64_t seen = atomic_load(&job->arrived);
    /* every member arrived for round r, and none for round r + 1 past this one */
    if (seen < (r + 1) * n_threads || seen > (r + 2) * n_threads - 1)
      atomic_store(&job->early, 1);
    for (int u = 0; u < n_threads; ++u)
      if (job->slot[u] != r)
        atomic_store(&job->stale, 1);
    ne_team_barrier(job->team); /* nobody writes round r + 1 while others read round r */
  }
}

static void test_barrier(void) {
  const int sizes[] = {1, 2, 3, 4, 8}; /* 8: more members than this machine's cores, so some wait descheduled */
  for (int i = 0; i < 5; ++i) {
    ne_team *team = ne_team_create(sizes[i]);
    CHECK(team != NULL);
    CHECK_MSG(ne_team_size(team) == sizes[i], "asked for %d members, got %d", sizes[i], ne_team_size(team));
    barrier_job *job = calloc(1, sizeof *job);
    job->team = team;
    ne_team_run(team, barrier_member, job);
    CHECK_MSG(atomic_load(&job->arrived) == (int64_t)ROUNDS * ne_team_size(team), "%d members: %lld arrivals", sizes[i],
              (long long)atomic_load(&job->arrived));
    CHECK_MSG(!atomic_load(&job->early), "%d members: a member passed a barrier before all arrived", sizes[i]);
    CHECK_MSG(!atomic_load(&job->stale), "%d members: a write before a barrier was not seen after it", sizes[i]);
    free(job);
    ne_team_destroy(team);
  }
}

typedef struct count_job {
  _Atomic int runs[MAX_MEMBERS];
  _Atomic int wrong_size;
  int expected_size;
} count_job;

static void count_member(void *ctx, int thread, int n_threads) {
  count_job *job = ctx;
  atomic_fetch_add(&job->runs[thread], 1);
  if (n_threads != job->expected_size)
    atomic_store(&job->wrong_size, 1);
}

/* Many short jobs in a row (workers asleep between them, or still spinning):
 * each runs once on every member, and ne_team_run returns only after all. */
static void test_jobs(void) {
  ne_team *team = ne_team_create(3);
  count_job job = {.expected_size = 3};
  for (int i = 0; i < 5000; ++i) {
    ne_team_run(team, count_member, &job);
    int done = 1;
    for (int t = 0; t < 3; ++t)
      done &= atomic_load(&job.runs[t]) == i + 1;
    if (!done) {
      CHECK_MSG(done, "job %d returned before every member ran it once", i);
      break;
    }
    if (i % 1000 == 0)
      nanosleep(&(struct timespec){0, 1000000}, NULL); /* let the workers fall asleep */
  }
  CHECK(!atomic_load(&job.wrong_size));
  ne_team_destroy(team);
  ne_team_destroy(NULL);
  CHECK(ne_team_size(NULL) == 1);
  /* a NULL team runs the job on the caller as a team of one */
  count_job alone = {.expected_size = 1};
  ne_team_run(NULL, count_member, &alone);
  CHECK(atomic_load(&alone.runs[0]) == 1 && !atomic_load(&alone.wrong_size));
  /* a temporary team of the default size */
  const int cpus = ne_default_threads();
  const long configured = sysconf(_SC_NPROCESSORS_CONF);
  CHECK_MSG(cpus >= 1 && (configured < 1 || cpus <= configured), "%d CPUs available of %ld", cpus, configured);
  count_job temporary = {.expected_size = cpus < MAX_MEMBERS ? cpus : MAX_MEMBERS};
  ne_parallel(temporary.expected_size, count_member, &temporary);
  for (int t = 0; t < temporary.expected_size; ++t)
    CHECK(atomic_load(&temporary.runs[t]) == 1);
  CHECK(!atomic_load(&temporary.wrong_size));
  CHECK(ne_resolve_threads(5) == 5 && ne_resolve_threads(0) == cpus);
}

/* Shares are contiguous, in member order, cover every item once, and the
 * first count % n members take one item more (OpenMP's schedule(static)). */
static void test_static_share(void) {
  for (int n = 1; n <= 7; ++n)
    for (int64_t count = 0; count <= 40; ++count) {
      int64_t next = 0;
      for (int t = 0; t < n; ++t) {
        int64_t begin, end;
        ne_static_share(count, t, n, &begin, &end);
        const int64_t want = count / n + (t < count % n ? 1 : 0);
        CHECK_MSG(begin == next && end - begin == want, "count %lld, %d members, member %d: [%lld, %lld)",
                  (long long)count, n, t, (long long)begin, (long long)end);
        next = end;
      }
      CHECK(next == count);
    }
}

int main(void) {
  test_barrier();
  test_jobs();
  test_static_share();
  return ne_test_finish("test_threading");
}
