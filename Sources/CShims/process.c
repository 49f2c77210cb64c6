#include "CShims.h"

#include <dirent.h>
#include <malloc.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int pg_thread_count(void) {
    DIR *dir = opendir("/proc/self/task");
    if (!dir) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] != '.') n++;
    }
    closedir(dir);
    return n;
}

int pg_die_with_parent(int expected_parent) {
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) return -1;
    return getppid() == expected_parent ? 0 : -1;
}

void pg_set_process_name(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

int64_t pg_monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t pg_unix_seconds(void) { return (int64_t)time(NULL); }

void pg_format_utc_now(char *out, size_t size) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char date[24];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, size, "%s.%03ldZ", date, ts.tv_nsec / 1000000L);
}

int pg_wifexited(int status) { return WIFEXITED(status); }
int pg_wexitstatus(int status) { return WEXITSTATUS(status); }
int pg_wifsignaled(int status) { return WIFSIGNALED(status); }
int pg_wtermsig(int status) { return WTERMSIG(status); }

static sigset_t master_signals;

int pg_block_master_signals(void) {
    sigemptyset(&master_signals);
    sigaddset(&master_signals, SIGCHLD);
    sigaddset(&master_signals, SIGTERM);
    sigaddset(&master_signals, SIGINT);
    sigaddset(&master_signals, SIGQUIT);
    sigaddset(&master_signals, SIGHUP);
    sigaddset(&master_signals, SIGUSR2);
    return sigprocmask(SIG_BLOCK, &master_signals, NULL);
}

int pg_wait_signal(int timeout_ms) {
    struct timespec ts;
    ts.tv_sec = timeout_ms / 1000;
    ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
    int sig = sigtimedwait(&master_signals, NULL, &ts);
    return sig < 0 ? 0 : sig;
}

void pg_reset_signals_in_child(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGCHLD, SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR2, SIGALRM};
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

pg_scoreboard *pg_scoreboard_create(void) {
    void *p = mmap(NULL, sizeof(pg_scoreboard), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    memset(p, 0, sizeof(pg_scoreboard));
    return (pg_scoreboard *)p;
}

pg_slot *pg_scoreboard_slot(pg_scoreboard *board, int index) {
    if (!board || index < 0 || index >= PG_MAX_SLOTS) return NULL;
    return &board->slots[index];
}

void pg_counter_add(uint64_t *counter, uint64_t value) { __atomic_fetch_add(counter, value, __ATOMIC_RELAXED); }

void pg_slot_set_request(pg_slot *slot, const char *text) {
    if (!slot) return;
    size_t n = strnlen(text, PG_REQUEST_TEXT - 1);
    memcpy(slot->last_request, text, n);
    slot->last_request[n] = 0;
}

void pg_slot_get_request(const pg_slot *slot, char *out) {
    memcpy(out, slot->last_request, PG_REQUEST_TEXT);
    out[PG_REQUEST_TEXT - 1] = 0;
}

uint64_t pg_crashes_for_signal(const pg_scoreboard *board, int signo) {
    if (signo < 0 || signo >= 32) return 0;
    return board->crashes_by_signal[signo];
}

int pg_claim_recycle(pg_scoreboard *board, int64_t now_ms, int64_t spacing_ms) {
    int64_t last = __atomic_load_n(&board->last_recycle_ms, __ATOMIC_ACQUIRE);
    if (last != 0 && now_ms - last < spacing_ms) return 0;
    return __atomic_compare_exchange_n(&board->last_recycle_ms, &last, now_ms, 0, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE) ? 1 : 0;
}

void pg_count_crash(pg_scoreboard *board, int signo) {
    __atomic_fetch_add(&board->crashes, 1, __ATOMIC_RELAXED);
    if (signo >= 0 && signo < 32) __atomic_fetch_add(&board->crashes_by_signal[signo], 1, __ATOMIC_RELAXED);
}

void pg_keep_freed_memory(void) {
    // glibc serves blocks over 128 KB (the surface, the PNG scanlines, deflate's buffers) with
    // mmap and returns them with munmap, so every render faulted in ~400 fresh zeroed pages:
    // 0.7 ms of kernel time per R1 render (perf stat). Kept in the heap instead, freed blocks
    // are reused by the next render of the same size. 32 MB is glibc's ceiling for this
    // threshold; larger images still use mmap.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
}
