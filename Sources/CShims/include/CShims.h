// The few process-level C calls Swift cannot make safely itself: signal handlers that must be
// async-signal-safe, and a deadline that answers from inside a signal handler.
#ifndef PLOTGATE_CSHIMS_H
#define PLOTGATE_CSHIMS_H

#include <stddef.h>
#include <stdint.h>

/// SIGTERM/SIGUSR1 handling for a worker: idle, it exits at once (_exit(0)); busy, it records
/// the request and the worker leaves after finishing the request in flight.
void pg_install_termination_handler(void);
/// Marks the worker busy (between accept and finish) or idle.
void pg_set_busy(int busy);
/// True once SIGTERM (or SIGUSR1) arrived while busy.
int pg_termination_requested(void);
/// Unblocks SIGTERM/SIGUSR1, which accept() leaves blocked while libfcgi reads a request.
void pg_unblock_termination(void);

/// Keeps freed large blocks in the heap for reuse instead of returning them to the kernel
/// after every render (see process.c for the measurement).
void pg_keep_freed_memory(void);

/// SIGPIPE ignored: a client that went away must never kill the process.
void pg_ignore_sigpipe(void);

/// Arms a deadline: after `milliseconds`, a signal handler writes `response` (bytes prepared
/// in advance and kept alive by the caller) to `fd` and exits with `exit_code`. Cairo cannot
/// be cancelled, so a render past its deadline ends the process, but never silently: CGI mode
/// passes a complete 503 for stdout, a FastCGI worker the same framed as FastCGI records.
/// SIGXCPU (the CPU rlimit) answers the same way.
void pg_arm_deadline(unsigned milliseconds, const uint8_t *response, size_t length, int fd, int exit_code);
void pg_disarm_deadline(void);

/// Limits a one-shot process: CPU seconds and address space in bytes (0 leaves one unchanged).
int pg_limit_resources(unsigned long cpu_seconds, unsigned long long address_space_bytes);

/// Process plumbing for the supervisor.
/// Number of threads of this process (from /proc/self/task); fork is only safe at 1.
int pg_thread_count(void);
/// In a freshly forked worker: die with SIGKILL when the parent dies, and return 0 only if the
/// parent is still `expected_parent` (it may have died between fork and prctl).
int pg_die_with_parent(int expected_parent);
/// Monotonic clock in milliseconds.
int64_t pg_monotonic_ms(void);
/// Wall clock, seconds since the epoch.
int64_t pg_unix_seconds(void);
/// The current UTC time as `2026-11-23T22:10:01.123Z` into `out` (at least 32 bytes), for log lines.
void pg_format_utc_now(char *out, size_t size);

/// The wait status helpers Swift cannot import (they are macros with arguments).
int pg_wifexited(int status);
int pg_wexitstatus(int status);
int pg_wifsignaled(int status);
int pg_wtermsig(int status);

/// Blocks the signals the master handles synchronously (SIGCHLD, SIGTERM, SIGINT, SIGQUIT,
/// SIGHUP, SIGUSR2) and waits up to `timeout_ms` for one. Returns the signal, or 0 on timeout.
int pg_block_master_signals(void);
int pg_wait_signal(int timeout_ms);
/// Restores the default mask and dispositions in a forked child.
void pg_reset_signals_in_child(void);

// ---------------------------------------------------------------------------------------
// The scoreboard: one shared-memory page set up by the master before forking, where each
// worker publishes its state (like PHP-FPM's scoreboard). The master reads it to enforce the
// hard deadline and RSS ceiling; any worker reads it to answer the status endpoint.

#define PG_MAX_SLOTS 256
#define PG_REQUEST_TEXT 160

typedef struct {
    int32_t pid;
    int32_t state;            // 0 empty, 1 idle, 2 busy
    int64_t started_ms;       // monotonic, when the worker started
    int64_t busy_since_ms;    // monotonic, when the current request was accepted (0 idle)
    uint64_t requests;
    int64_t rss_kb;           // last sampled by the master
    char last_request[PG_REQUEST_TEXT];
} pg_slot;

typedef struct {
    int64_t start_unix;
    int32_t workers;          // configured pool size
    int32_t max_active;
    uint64_t accepted;
    uint64_t recycled_max_renders;
    uint64_t recycled_rss_soft;
    uint64_t recycled_rss_hard;
    uint64_t recycled_reload;
    uint64_t render_timeouts;
    uint64_t hard_kills;
    uint64_t crashes;
    uint64_t crashes_by_signal[32];
    int64_t last_recycle_ms;  // monotonic; recycles are spaced (pg_claim_recycle)
    pg_slot slots[PG_MAX_SLOTS];
} pg_scoreboard;

/// Maps a zeroed scoreboard shared with every later fork; NULL on failure.
pg_scoreboard *pg_scoreboard_create(void);
pg_slot *pg_scoreboard_slot(pg_scoreboard *board, int index);
void pg_counter_add(uint64_t *counter, uint64_t value);
void pg_slot_set_request(pg_slot *slot, const char *text);
/// Copies the slot's last request into `out` (at least PG_REQUEST_TEXT bytes).
void pg_slot_get_request(const pg_slot *slot, char *out);
uint64_t pg_crashes_for_signal(const pg_scoreboard *board, int signo);
void pg_count_crash(pg_scoreboard *board, int signo);
/// A worker that wants to recycle itself asks first: granted (1) only if no other worker
/// recycled in the last `spacing_ms`, so the pool never loses two workers at once.
int pg_claim_recycle(pg_scoreboard *board, int64_t now_ms, int64_t spacing_ms);

/// Where this process publishes the moment accept() hands it a connection (see accept.c), or
/// NULL to publish nothing. Set by a supervised worker to its scoreboard slot.
void pg_publish_accepts_to(pg_slot *slot);

/// prctl(PR_SET_NAME) is variadic in C, so Swift cannot call prctl itself.
void pg_set_process_name(const char *name);

#endif
