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

/// SIGPIPE ignored: a client that went away must never kill the process.
void pg_ignore_sigpipe(void);

/// Arms a deadline: after `seconds`, the handler writes `response` (kept alive by the caller)
/// to `fd` and exits with status 3. Used by CGI mode, where the answer goes to stdout and a
/// stuck render must still produce a 503 rather than nothing.
void pg_arm_deadline(unsigned seconds, const uint8_t *response, size_t length, int fd);
void pg_disarm_deadline(void);

/// Limits a one-shot process: CPU seconds and address space in bytes (0 leaves one unchanged).
int pg_limit_resources(unsigned long cpu_seconds, unsigned long long address_space_bytes);

#endif
